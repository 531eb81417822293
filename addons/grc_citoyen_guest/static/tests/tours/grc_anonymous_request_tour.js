/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// An anonymous citizen files a request, confirms it by the e-mail link and
// follows it by its reference. The Python test reads what a citizen would
// get by e-mail (the link, then the reference) between the three parts.
const TYPE = "Dépôt sauvage";
const SUBJECT = "Gravats rue des Tanneurs";
const DESCRIPTION = "Des gravats sont déposés sur le trottoir depuis vendredi.";
const EMAIL = "camille.roux@example.fr";

registry.category("web_tour.tours").add("grc_anonymous_request_submit", {
    url: "/demarches",
    steps: () => [
        {
            content: "Open the démarche from the catalogue",
            trigger: `a:contains('${TYPE}')`,
            run: "click",
        },
        {
            content: "Start the request",
            trigger: "a:contains('Make this request')",
            run: "click",
        },
        {
            content: "Give a subject",
            trigger: "input[name=name]",
            run: `edit ${SUBJECT}`,
        },
        {
            content: "Describe the problem",
            trigger: "textarea[name=description]",
            run: `edit ${DESCRIPTION}`,
        },
        {
            content: "Give the street",
            trigger: "input[name=location_street]",
            run: "edit 4 rue des Tanneurs",
        },
        {
            content: "Give the city",
            trigger: "input[name=location_city]",
            run: "edit Lyon",
        },
        {
            content: "Give my name",
            trigger: "input[name=citizen_name]",
            run: "edit Camille Roux",
        },
        {
            content: "Give my e-mail",
            trigger: "input[name=citizen_email]",
            run: `edit ${EMAIL}`,
        },
        {
            content: "Send the request",
            trigger: "button[type=submit]:contains('Send my request')",
            run: "click",
        },
        {
            content: "I am asked to check my mailbox",
            trigger: `h1:contains('Check your mailbox') + .alert strong:contains('${EMAIL}')`,
        },
    ],
});

// Started on the link of the confirmation e-mail.
registry.category("web_tour.tours").add("grc_anonymous_request_confirm", {
    steps: () => [
        {
            content: "The request is sent and its reference shown",
            trigger: "h1:contains('Your request has been sent') ~ .alert .grc_request_reference:contains('DEM-')",
        },
    ],
});

// Started on /suivi?grc_reference=<the reference read from the request>.
registry.category("web_tour.tours").add("grc_anonymous_request_track", {
    steps: () => [
        {
            content: "Type the reference",
            trigger: "input[name=reference]",
            run(helpers) {
                const params = new URLSearchParams(window.location.search);
                return helpers.edit(params.get("grc_reference"));
            },
        },
        {
            content: "Type my e-mail",
            trigger: "input[name=email]",
            run: `edit ${EMAIL}`,
        },
        {
            content: "Look the request up",
            trigger: "button[type=submit]:contains('Show my request')",
            run: "click",
        },
        {
            content: "The request is found by its reference",
            trigger: `#grc_tracking_result:contains('DEM-'):contains('${SUBJECT}')`,
        },
        {
            content: "Its status is shown",
            trigger: "section[aria-labelledby=grc_tracking_result] .badge:contains('New')",
        },
        {
            content: "Its type and history are shown",
            trigger: `section[aria-labelledby=grc_tracking_result]:has(dd:contains('${TYPE}')) #grc_timeline li:contains('Request received')`,
        },
    ],
});
