/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

const ANSWER = "Nous passerons jeudi matin réparer le lampadaire.";

// The agent opens the request and sends a message to the citizen.
registry.category("web_tour.tours").add("grc_agent_answer", {
    steps: () => [
        {
            content: "The request is open",
            trigger: ".o_form_view .o_field_widget[name=number]:contains('DEM-')",
        },
        {
            content: "Write to the citizen",
            trigger: ".o-mail-Chatter-topbar button.o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "Type the answer",
            trigger: ".o-mail-Composer-input",
            run: `edit ${ANSWER}`,
        },
        {
            content: "Send it",
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The answer is on the chatter",
            trigger: `.o-mail-Message-body:contains('${ANSWER}')`,
        },
    ],
});

// The citizen opens the request on the portal and reads the answer.
registry.category("web_tour.tours").add("grc_citizen_sees_answer", {
    steps: () => [
        {
            content: "The reference is shown",
            trigger: "h1:contains('DEM-'), .grc_request_reference:contains('DEM-')",
        },
        {
            content: "The agent's answer is in the history",
            trigger: `#grc_timeline .grc_message_body:contains('${ANSWER}')`,
        },
    ],
});
