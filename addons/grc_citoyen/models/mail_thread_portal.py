# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError


class MailThread(models.AbstractModel):
    """Citizens write on their requests and complaints through the portal
    pages, which check the message and post it as superuser. A portal or
    public account calling message_post itself (JSON-RPC, XML-RPC) gets no
    more than those pages give: a comment of its own, sent to the followers
    of the record only. Otherwise a citizen could have the town hall's mail
    server write to any contact by id, or sign as the town hall."""

    _inherit = "mail.thread"

    def message_post(self, **kwargs):
        if not self.env.su and self.env.user.share:
            self._grc_check_share_user_post(kwargs)
        return super().message_post(**kwargs)

    def _grc_check_share_user_post(self, kwargs):
        self.ensure_one()
        user_partner = self.env.user.partner_id
        refused = (
            kwargs.get("message_type", "notification") != "comment"
            or kwargs.get("author_id") not in (None, False, user_partner.id)
            or kwargs.get("email_from")
        )
        partner_ids = set(kwargs.get("partner_ids") or [])
        if not refused and partner_ids:
            # sudo: the followers of a record its reader can post on.
            followers = self.sudo().message_partner_ids
            refused = not partner_ids <= set(followers.ids)
        if refused:
            raise AccessError(
                self.env._(
                    "Write on %(record)s from its page of your online account.",
                    record=self.sudo().display_name,
                )
            )
