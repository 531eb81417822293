/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// The smallest file the upload policy reads as a PDF (from its content).
const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

function attach(name) {
    return function () {
        const transfer = new DataTransfer();
        transfer.items.add(new File([PDF], name, {type: "application/pdf"}));
        this.anchor.files = transfer.files;
        this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
    };
}

registry.category("web_tour.tours").add("grc_forms_terrace_file", {
    steps: () => [
        {
            content: "What you need is said before starting",
            trigger: "#grc_what_you_need_title:contains('What you need')",
        },
        {
            content: "Name of the café",
            trigger: "input[name=q_etab]",
            run: "edit Café des Lilas",
        },
        {
            content: "SIRET",
            trigger: "input[name=q_siret]",
            run: "edit 732 829 320 00074",
        },
        {
            content: "Address",
            trigger: "input[name=q_adresse]",
            run: "edit 12 rue des Lilas 69003 Lyon",
        },
        {
            content: "Tables",
            trigger: "input[name=q_tables]",
            run: "edit 6",
        },
        {
            content: "Season",
            trigger: "input[name=q_periode][value='Saison estivale']",
            run: "click",
        },
        {
            content: "The heating's kind is not asked yet",
            trigger:
                "form.grc_request_form:has(.grc_question[data-grc-key=type_chauffage][hidden])",
        },
        {
            content: "Outdoor heating: yes",
            trigger: "input[name=q_chauffage][value=yes]",
            run: "click",
        },
        {
            content: "The heating's kind is asked now",
            trigger:
                ".grc_question[data-grc-key=type_chauffage]:not([hidden]) input[name=q_type_chauffage]",
            run: "edit Électrique",
        },
        {
            content: "The Kbis",
            trigger: "#grc_documents div:contains('Extrait Kbis') > input[type=file]",
            run: attach("kbis.pdf"),
        },
        {
            content: "The insurance certificate",
            trigger: "#grc_documents div:contains('Attestation') > input[type=file]",
            run: attach("assurance.pdf"),
        },
        {
            content: "Send the request",
            trigger: "button[type=submit]:contains('Send my request')",
            run: "click",
        },
        {
            content: "The reference is shown",
            trigger: ".grc_request_reference:contains('DEM-')",
        },
        {
            content: "The answers are on the request's page",
            trigger: ".grc_form_answers dd:contains('Électrique')",
        },
    ],
});

registry.category("web_tour.tours").add("grc_forms_terrace_replace", {
    steps: () => [
        {
            content: "The service asks for another insurance certificate",
            trigger: ".grc_request_document:contains('Le certificat a expiré')",
        },
        {
            content: "Choose the new file",
            trigger: ".grc_document_replace input[name=document_file]",
            run: attach("assurance-2026.pdf"),
        },
        {
            content: "Send it",
            trigger: ".grc_document_replace button:contains('Send the new document')",
            run: "click",
        },
        {
            content: "It has been sent",
            trigger: ".alert-success:contains('Your new document has been sent')",
        },
        {
            content: "Nothing is to be replaced any more",
            trigger: "#grc_documents:not(:has(.grc_document_replace))",
        },
    ],
});
