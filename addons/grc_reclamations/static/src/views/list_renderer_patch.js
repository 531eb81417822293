/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {patch} from "@web/core/utils/patch";
import {ListRenderer} from "@web/views/list/list_renderer";

// The list focuses the line being edited a tick after each render. When the
// agent switches tab while a corrective action is edited, that tick comes
// after the list has left the page: there is no table to look into any more
// and Odoo 18.0 fails ("Oups !", TypeError in focusCell). Nothing is left to
// focus then.
patch(ListRenderer.prototype, {
    focusCell(column, forward = true) {
        if (!this.tableRef.el) {
            return;
        }
        return super.focusCell(column, forward);
    },
});
