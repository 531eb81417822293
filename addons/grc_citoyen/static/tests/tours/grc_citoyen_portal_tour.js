/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("grc_citoyen_portal_submit", {
    url: "/demarches",
    steps: () => [
        {
            content: "Open the démarche from the catalogue",
            trigger: "a:contains('Éclairage public en panne')",
            run: "click",
        },
        {
            content: "Start the request",
            trigger: "a:contains('Make this request')",
            run: "click",
        },
        {
            content: "Describe the problem",
            trigger: "textarea[name=description]",
            run: "edit Le lampadaire du 12 rue des Lilas est éteint depuis lundi.",
        },
        {
            content: "Give the street",
            trigger: "input[name=location_street]",
            run: "edit 12 rue des Lilas",
        },
        {
            content: "Give the city",
            trigger: "input[name=location_city]",
            run: "edit Lyon",
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
            content: "Go to my requests",
            trigger: ".breadcrumb a[href='/my/requests']",
            run: "click",
        },
        {
            content: "The request is listed",
            trigger: "td:contains('Éclairage public en panne') a:contains('DEM-'), tr:contains('Éclairage public en panne') a:contains('DEM-')",
        },
    ],
});
