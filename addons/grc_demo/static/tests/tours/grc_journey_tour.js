/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// One citizen across channels (tests/test_journey_tour.py): signed in with
// FranceConnect, the citizen starts a démarche online and saves it...
registry.category("web_tour.tours").add("grc_journey_citizen_saves", {
    steps: () => [
        {
            content: "The identity certified by FranceConnect is the one signed in",
            trigger: "form.grc_request_form",
        },
        {
            content: "Give the subject",
            trigger: "form.grc_request_form input[name=name]",
            run: "edit Lampadaire éteint devant l'école",
        },
        {
            content: "Start the description",
            trigger: "form.grc_request_form textarea[name=description]",
            run: "edit Le lampadaire du 3 rue des Écoles ne s'allume plus",
        },
        {
            content: "Save and continue later",
            trigger: "form.grc_request_form button[name=grc_save_draft]",
            run: "click",
        },
        {
            content: "The démarche is in My drafts",
            trigger: "#grc_draft_saved",
        },
        {
            content: "Listed with its démarche",
            trigger: "table a:contains(Éclairage public en panne)",
        },
    ],
});

// ... then the front desk finishes it with the citizen: the paper they
// brought, scanned, and the démarche sent on their behalf.
registry.category("web_tour.tours").add("grc_journey_desk_finishes", {
    url: "/odoo/front-desk",
    steps: () => [
        {
            content: "Type the citizen's name where the cursor waits",
            trigger: "div[name=search_term] input:focus",
            run: "edit Camille Journey",
        },
        {
            content: "Enter searches",
            trigger: "div[name=search_term] input",
            run: "press Enter",
        },
        {
            content: "The citizen signed in with FranceConnect is opened",
            trigger: "div[name=partner_id]:contains(Camille Journey)",
        },
        {
            content: "Their démarche saved online: finish it with them",
            trigger:
                "div[name=online_drafts] tr:contains(Éclairage public en panne) button[name=action_grc_frontdesk_complete]",
            run: "click",
        },
        {
            content: "What the citizen typed online is there",
            trigger: ".modal div[name=request_subject] input:value(Lampadaire éteint devant l'école)",
        },
        {
            content: "The receipt is handed over on paper another time",
            trigger: ".modal div[name=print_receipt] input",
            run: "click",
        },
        {
            content: "Scan the paper the citizen brought",
            trigger: ".modal div[name=attachment_ids]",
            run() {
                // The widget's file input is hidden behind its button.
                const input = this.anchor.querySelector("input[type=file]");
                const pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
                const files = new DataTransfer();
                files.items.add(new File([pdf], "justificatif-scanne.pdf", {type: "application/pdf"}));
                input.files = files.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The scan is attached",
            trigger: ".modal div[name=attachment_ids]:contains(justificatif-scanne.pdf)",
        },
        {
            content: "Send the démarche on the citizen's behalf",
            trigger: ".modal button[name=action_grc_send_draft]",
            run: "click",
        },
        {
            content: "The console says it was started online and finished at the desk",
            trigger: ".grc_frontdesk_last_result:contains(DEM-):contains(finished at the desk)",
        },
    ],
});
