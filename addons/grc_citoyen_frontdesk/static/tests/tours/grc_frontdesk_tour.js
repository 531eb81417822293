/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

function takeAPhoneCall(search) {
    return [
        {
            content: "The call comes by phone",
            trigger: "div[name=channel_id] .o_radio_item:contains(Phone) input",
            run: "click",
        },
        {
            content: "Type what the caller says",
            trigger: "div[name=search_term] input",
            run: `edit ${search}`,
        },
        {
            content: "Enter searches",
            trigger: "div[name=search_term] input",
            run: "press Enter",
        },
    ];
}

registry.category("web_tour.tours").add("grc_frontdesk_phone_answered", {
    url: "/odoo/front-desk",
    steps: () => [
        {
            content: "The cursor waits in the search field",
            trigger: "div[name=search_term] input:focus",
        },
        ...takeAPhoneCall("06 12 34 56 78"),
        {
            content: "The only citizen with this number is opened",
            trigger: "div[name=partner_id]:contains(Hélène Núñez)",
        },
        {
            content: "Their support needs are shown",
            trigger: ".grc_frontdesk_support_needs:contains(Malentendant)",
        },
        {
            content: "Note the question",
            trigger: "div[name=interaction_subject] input",
            run: "edit Horaires de la piscine",
        },
        {
            content: "Note the answer",
            trigger: "div[name=interaction_notes] textarea",
            run: "edit Ouverte de 9h à 19h.",
        },
        {
            content: "Answered on the spot",
            trigger: "button[name=action_answered]",
            run: "click",
        },
        {
            content: "The console is ready for the next contact",
            trigger: ".grc_frontdesk_last_result:contains(answered on the spot)",
        },
        {
            content: "No citizen is open any more",
            trigger: ".o_form_view:not(:has(button[name=action_answered]:visible))",
        },
        {
            content: "The cursor is back in the search field for the next caller",
            trigger: "div[name=search_term] input:focus",
        },
    ],
});

registry.category("web_tour.tours").add("grc_frontdesk_phone_request", {
    url: "/odoo/front-desk",
    steps: () => [
        ...takeAPhoneCall("nunez"),
        {
            content: "Pick the caller among the namesakes",
            trigger:
                ".grc_frontdesk_results tr:contains(Hélène Núñez) button[name=action_grc_frontdesk_select]",
            run: "click",
        },
        {
            content: "Their file is open",
            trigger: "div[name=partner_id]:contains(Hélène Núñez)",
        },
        {
            content: "Go to the request tab",
            trigger: ".o_notebook a.nav-link:contains(Create a request)",
            run: "click",
        },
        {
            content: "Choose the type",
            trigger: "div[name=request_type_id] input",
            run: "edit Éclairage",
        },
        {
            content: "Pick it in the list",
            trigger: ".o-autocomplete--dropdown-item a:contains(Éclairage public en panne)",
            run: "click",
        },
        {
            content: "The type is set before going on",
            trigger: "div[name=request_type_id] input:value(Éclairage public en panne)",
        },
        {
            content: "Describe the request",
            trigger: "div[name=request_description] textarea",
            run: "edit Le lampadaire devant le 12 rue des Lilas est éteint.",
        },
        {
            content: "Create the request",
            trigger: "button[name=action_create_request]",
            run: "click",
        },
        {
            content: "The reference and the service are shown",
            trigger: ".grc_frontdesk_last_result:contains(DEM-):contains(filed for Voirie)",
        },
    ],
});

// A known citizen at the desk files a request: three clicks, the rest typed.
registry.category("web_tour.tours").add("grc_frontdesk_known_citizen_request", {
    url: "/odoo/front-desk",
    steps: () => [
        {
            content: "Type the caller's number where the cursor waits",
            trigger: "div[name=search_term] input:focus",
            run: "edit 06 12 34 56 78",
        },
        {
            content: "Enter searches",
            trigger: "div[name=search_term] input",
            run: "press Enter",
        },
        {
            content: "The only citizen with this number is opened",
            trigger: "div[name=partner_id]:contains(Hélène Núñez)",
        },
        {
            content: "Click 1: the request tab",
            trigger: ".o_notebook a.nav-link:contains(Create a request)",
            run: "click",
        },
        {
            content: "Type the request type",
            trigger: "div[name=request_type_id] input",
            run: "edit Éclairage",
        },
        {
            content: "Click 2: pick it",
            trigger: ".o-autocomplete--dropdown-item a:contains(Éclairage public en panne)",
            run: "click",
        },
        {
            content: "The type is set",
            trigger: "div[name=request_type_id] input:value(Éclairage public en panne)",
        },
        {
            content: "Type what the citizen says",
            trigger: "div[name=request_description] textarea",
            run: "edit Le lampadaire devant chez moi est éteint.",
        },
        {
            content: "Click 3: create the request",
            trigger: "button[name=action_create_request]",
            run: "click",
        },
        {
            content: "The request is filed, the console ready for the next caller",
            trigger: ".grc_frontdesk_last_result:contains(DEM-)",
        },
        {
            content: "The cursor is back in the search field",
            trigger: "div[name=search_term] input:focus",
        },
    ],
});
