/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {BaseRecipientsList} from "@mail/core/web/base_recipients_list";
import {markup} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {formatList} from "@web/core/l10n/utils";
import {escape} from "@web/core/utils/strings";
import {patch} from "@web/core/utils/patch";

const SHOWN = 5;

/**
 * "To:" above the composer names the recipients: Odoo shows the part of their
 * e-mail address before the "@", which for agents reads as their login
 * ("voirie", "responsable") and for citizens as an address, not a person.
 * The address stays in the tooltip.
 */
patch(BaseRecipientsList.prototype, {
    getRecipientListToHTML() {
        const {recipients} = this.props.thread;
        const names = recipients.slice(0, SHOWN).map(({partner}) => {
            const title = partner.email || _t("no email address");
            const name = partner.name || partner.emailWithoutDomain || "";
            return `<span class="text-muted" title="${escape(title)}">${escape(
                name
            )}</span>`;
        });
        if (recipients.length > SHOWN) {
            names.push(
                escape(
                    _t("%(recipientCount)s more", {
                        recipientCount: recipients.length - SHOWN,
                    })
                )
            );
        }
        return markup(formatList(names));
    },
});
