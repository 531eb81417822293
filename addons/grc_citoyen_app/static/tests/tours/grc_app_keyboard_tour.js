/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";
import * as hoot from "@odoo/hoot-dom";

// The same report made with the keyboard only, as a keyboard or
// screen-reader user does: Tab from field to field, the address typed with
// the suggestions of the national address base (mocked by the test), Enter
// to send. The map and "Use my position" are never used: the focus passes
// over them, no key is pressed there, and the test checks that no pin was
// placed (the address base's reverse search is never asked).
const MAX_TABS = 150;
const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

function describe(element) {
    if (!element) {
        return "nothing";
    }
    const name = element.id || element.name || element.className || "";
    return `${element.tagName.toLowerCase()}(${String(name).slice(0, 40)})`;
}

// The document's sequential focus order, as the browser's Tab key follows it
// (these pages use no positive tabindex): what is shown, enabled, not inert.
function tabOrder() {
    return [...document.querySelectorAll(FOCUSABLE)].filter(
        (element) =>
            element.tabIndex >= 0 &&
            !element.disabled &&
            element.getClientRects().length &&
            getComputedStyle(element).visibility !== "hidden" &&
            !element.closest("[inert], [aria-hidden='true'], .d-none")
    );
}

// Tab, as the browser does it: a keydown that nothing prevents moves the
// focus to the next element of the order. (hoot's own Tab stays in the
// page's header on these pages.)
async function pressTab() {
    const active = document.activeElement;
    const allowed = (active || document.body).dispatchEvent(
        new KeyboardEvent("keydown", {key: "Tab", code: "Tab", bubbles: true, cancelable: true})
    );
    if (allowed) {
        const order = tabOrder();
        const next = order[(order.indexOf(active) + 1) % order.length];
        next.focus();
    }
    await hoot.animationFrame();
}

async function tabTo(selector) {
    const path = [];
    for (let count = 0; count < MAX_TABS; count++) {
        const active = document.activeElement;
        if (active?.matches(selector)) {
            return;
        }
        path.push(describe(active));
        await pressTab();
    }
    throw new Error(
        `${selector} cannot be reached with the Tab key: ${path.slice(-15).join(" > ")}`
    );
}

registry.category("web_tour.tours").add("grc_app_keyboard_report", {
    steps: () => [
        {
            content: "The form is ready (its script has started)",
            trigger: "form[data-grc-app-form] .grc_app_locate:not(.d-none)",
            run() {
                document.activeElement?.blur();
            },
        },
        {
            content: "Tab to the description and type it",
            trigger: "textarea[name=description]",
            async run() {
                await tabTo("textarea[name=description]");
                await hoot.fill("Nid-de-poule profond devant l'école.");
            },
        },
        {
            content: "Tab to the address and type its beginning",
            trigger: "#grc_location_street",
            async run() {
                await tabTo("#grc_location_street");
                await hoot.fill("12 rue des lilas");
            },
        },
        {
            content: "Suggestions of the address base are offered",
            trigger: "#grc_app_address_suggestions option[value='12 Rue des Lilas 69003 Lyon']:not(:visible)",
            async run() {
                // Choosing a suggestion (arrow down, Enter) puts its text in
                // the field; leaving the field with Tab confirms it.
                await hoot.clear();
                await hoot.fill("12 Rue des Lilas 69003 Lyon", {confirm: "blur"});
                document.getElementById("grc_location_street").focus();
            },
        },
        {
            content: "The address is chosen and said to screen readers",
            trigger: "#grc_app_position_status:contains('12 Rue des Lilas 69003 Lyon')",
        },
        {
            content: "Tab to the send button and press Enter",
            trigger: "form[data-grc-app-form] button[type=submit]",
            async run() {
                await tabTo("form[data-grc-app-form] button[type=submit]");
                await hoot.press("Enter");
            },
        },
        {
            content: "The request's page shows its reference",
            trigger: ".grc_request_reference:contains('DEM-')",
        },
    ],
});
