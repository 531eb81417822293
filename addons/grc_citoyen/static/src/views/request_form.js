/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {Component} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {SIZES} from "@web/core/ui/ui_service";
import {useService} from "@web/core/utils/hooks";
import {FormController} from "@web/views/form/form_controller";
import {FormRenderer} from "@web/views/form/form_renderer";
import {formView} from "@web/views/form/form_view";
import {standardWidgetProps} from "@web/views/widgets/standard_widget_props";

/**
 * An agent works a request while reading its conversation: Odoo puts the
 * chatter beside the form from 1534 px only, so at the usual 1366 px it sat
 * five scrolls below. From 1200 px (Bootstrap's "xl") the request form lays
 * the chatter beside the form, as Odoo does on wider screens.
 */
function isWideEnough(ui, env) {
    return !env.inDialog && ui.size >= SIZES.XL;
}

export class GrcRequestFormRenderer extends FormRenderer {
    mailLayout(hasAttachmentContainer) {
        const layout = super.mailLayout(hasAttachmentContainer);
        if (this.uiService.size !== SIZES.XL) {
            return layout;
        }
        const aside = {BOTTOM_CHATTER: "SIDE_CHATTER", EXTERNAL_COMBO: "EXTERNAL_COMBO_XXL"};
        return aside[layout] || layout;
    }
}

export class GrcRequestFormController extends FormController {
    get className() {
        const result = super.className;
        if (isWideEnough(this.ui, this.env)) {
            // Odoo's own class for a form with its chatter on the side.
            result["o_xxl_form_view h-100"] = true;
            result.o_grc_request_form_aside = true;
        }
        return result;
    }
}

registry.category("views").add("grc_request_form", {
    ...formView,
    Controller: GrcRequestFormController,
    Renderer: GrcRequestFormRenderer,
});

/**
 * "Reply to the citizen" in the request's header: opens the chatter's
 * message composer (the one that writes to the citizen, not the internal
 * note) and puts the cursor in it, wherever the chatter is.
 */
export class GrcReplyToCitizen extends Component {
    static template = "grc_citoyen.ReplyToCitizen";
    static props = {...standardWidgetProps};

    setup() {
        this.ui = useService("ui");
    }

    async onClick() {
        const {record} = this.props;
        if (record.isNew || record.dirty) {
            if (!(await record.save())) {
                return;
            }
        }
        const root = this.ui.activeElement.querySelector(".o-mail-Form-chatter");
        const send = root && root.querySelector(".o-mail-Chatter-sendMessage");
        if (!send) {
            return;
        }
        if (!send.classList.contains("active")) {
            send.click();
        }
        // The composer is rendered on the next frame.
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const input = root.querySelector(".o-mail-Composer-input");
        if (input) {
            input.scrollIntoView({block: "nearest"});
            input.focus();
        }
    }
}

registry.category("view_widgets").add("grc_reply_to_citizen", {
    component: GrcReplyToCitizen,
});
