/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

const ANSWERS = "div[name=grc_form_answers]";

registry.category("web_tour.tours").add("grc_forms_desk_conditions", {
    steps: () => [
        {
            content: "Open the request's tab",
            trigger: ".o_notebook_headers a[name=request]",
            run: "click",
        },
        {
            content: "The démarche's questions are in the console",
            trigger: `${ANSWERS} div[property-name=chauffage] select`,
        },
        {
            content: "The question shown by a heating is hidden before the answer",
            trigger: `${ANSWERS}:not(:has(div[property-name=type_chauffage]))`,
        },
        {
            content: "The citizen has an outdoor heating",
            trigger: `${ANSWERS} div[property-name=chauffage] select`,
            run: "select yes",
        },
        {
            content: "The question it shows appears",
            trigger: `${ANSWERS} div[property-name=type_chauffage] input`,
            run: "edit Électrique",
        },
        {
            content: "The citizen changes their mind: no heating",
            trigger: `${ANSWERS} div[property-name=chauffage] select`,
            run: "select no",
        },
        {
            content: "The question is hidden again",
            trigger: `${ANSWERS}:not(:has(div[property-name=type_chauffage]))`,
        },
        {
            content: "Keep the answers",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_status_indicator_buttons.invisible:not(:visible)",
        },
    ],
});
