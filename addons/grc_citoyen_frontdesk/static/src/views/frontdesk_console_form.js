/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {useEffect} from "@odoo/owl";
import {useHotkey} from "@web/core/hotkeys/hotkey_hook";
import {registry} from "@web/core/registry";
import {FormController} from "@web/views/form/form_controller";
import {formView} from "@web/views/form/form_view";

const FIELD_INPUTS = ".o_field_widget input:not([type=radio]), .o_field_widget textarea";

/**
 * The console is saved before it is shown (its lists' buttons act on it), so
 * Odoo's autofocus, kept for new records, never puts the cursor anywhere.
 * The agent types the next caller's name straight away: the cursor is in the
 * search field on arrival and after each contact, whenever no citizen is open;
 * once a citizen is open, it is in the first field of the open tab.
 *
 * The keys of the two outcomes also open their tab: Alt+R shows "Create a
 * request" (pressed again there, it files the request), Alt+Y "Answered on
 * the spot" (pressed again, it logs the answer). The whole contact can be
 * taken with the keyboard alone.
 */
export class FrontdeskConsoleController extends FormController {
    setup() {
        super.setup();
        useEffect(
            (citizen) => {
                if (!this.rootRef.el) {
                    return;
                }
                if (citizen) {
                    this.grcFocusOpenTab();
                    return;
                }
                const search = this.rootRef.el.querySelector(
                    ".o_field_widget[name=search_term] input"
                );
                if (search && document.activeElement !== search) {
                    search.focus();
                    search.select();
                }
            },
            () => [this.model.root.data.partner_id, this.model.root.data.last_result]
        );
        // A tab chosen with the mouse also puts the cursor in its first field.
        useEffect(
            (root) => {
                if (!root) {
                    return;
                }
                const onClick = (ev) => {
                    const link = ev.target.closest(".o_notebook_headers a[name]");
                    if (link) {
                        this.grcFocusWhenShown(link.getAttribute("name"));
                    }
                };
                root.addEventListener("click", onClick);
                return () => root.removeEventListener("click", onClick);
            },
            () => [this.rootRef.el]
        );
        for (const [key, page] of [
            ["alt+r", "request"],
            ["alt+y", "answer"],
        ]) {
            useHotkey(key, () => this.grcOpenTab(page), {
                bypassEditableProtection: true,
                isAvailable: () => this.grcTabLink(page) && !this.grcTabShown(page),
            });
        }
    }

    grcTabLink(page) {
        return this.rootRef.el?.querySelector(`.o_notebook_headers a[name=${page}]`);
    }

    grcTabShown(page) {
        return this.grcTabLink(page)?.classList.contains("active");
    }

    /** Put the cursor in the first field of the tab shown. */
    grcFocusOpenTab() {
        const pane = this.rootRef.el?.querySelector(".o_notebook .tab-pane.active");
        const input = pane?.querySelector(FIELD_INPUTS);
        if (input && !pane.contains(document.activeElement)) {
            input.focus();
        }
        return Boolean(input);
    }

    /** Show ``page``; the cursor goes to its first field once it is drawn. */
    grcOpenTab(page) {
        this.grcTabLink(page).click();
    }

    async grcFocusWhenShown(page) {
        for (let frame = 0; frame < 30; frame++) {
            await new Promise((resolve) => requestAnimationFrame(resolve));
            if (this.grcTabShown(page) && this.grcFocusOpenTab()) {
                return;
            }
        }
    }
}

registry.category("views").add("grc_frontdesk_console_form", {
    ...formView,
    Controller: FrontdeskConsoleController,
});
