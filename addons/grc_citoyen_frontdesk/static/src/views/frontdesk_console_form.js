/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {useEffect} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {FormController} from "@web/views/form/form_controller";
import {formView} from "@web/views/form/form_view";

/**
 * The console is saved before it is shown (its lists' buttons act on it), so
 * Odoo's autofocus, kept for new records, never puts the cursor anywhere.
 * The agent types the next caller's name straight away: the cursor is in the
 * search field on arrival and after each contact, whenever no citizen is open.
 */
export class FrontdeskConsoleController extends FormController {
    setup() {
        super.setup();
        useEffect(
            (citizen) => {
                if (citizen || !this.rootRef.el) {
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
    }
}

registry.category("views").add("grc_frontdesk_console_form", {
    ...formView,
    Controller: FrontdeskConsoleController,
});
