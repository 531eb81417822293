# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.tools import parse_contact_from_email

BOUNCE_SUBJECTS = (
    "delivery status notification",
    "undelivered mail returned to sender",
    "mail delivery failed",
    "undeliverable:",
)


class HelpdeskTicket(models.Model):
    """E-mail intake: a mail to a service's alias files a request, unless it
    is an automatic message."""

    _inherit = "helpdesk.ticket"

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to a service's alias files a request on the E-mail channel,
        from the citizen found (or created) by the sender's address."""
        custom_values = dict(custom_values or {})
        name, email = parse_contact_from_email(msg_dict.get("email_from") or "")
        if email and not custom_values.get("partner_id"):
            partner = self._grc_find_or_create_citizen(
                {"name": name or email, "email": email}, "email"
            )
            custom_values["partner_id"] = partner.id
            custom_values.setdefault("partner_name", partner.name)
            custom_values.setdefault("partner_email", partner.email)
            # The incoming message is then posted with the citizen as author
            # (and follower), so that the agent's answers reach them. Odoo's
            # guess by address prefers accounts: an account that did not
            # prove the address must not become the author (nor follower).
            author = self.env["res.partner"].sudo().browse(msg_dict.get("author_id"))
            if not author or (
                author != partner
                and not author.grc_email_verified
                and author._grc_portal_account_partners()
            ):
                msg_dict["author_id"] = partner.id
        if not custom_values.get("channel_id"):
            custom_values["channel_id"] = self._grc_intake_channel(
                "helpdesk_mgmt.helpdesk_ticket_channel_email"
            ).id
        ticket = super().message_new(msg_dict, custom_values=custom_values)
        ticket._grc_send_acknowledgement()
        return ticket

    @api.model
    def _grc_is_automatic_email(self, message, msg_dict):
        """True for auto-replies, delivery reports and bulk mail, which must
        never become requests (nor be answered: mail loops)."""
        auto_submitted = (message.get("Auto-Submitted") or "").strip().lower()
        if auto_submitted and auto_submitted != "no":
            return True
        if message.get("X-Autoreply") or message.get("X-Autorespond"):
            return True
        precedence = (message.get("Precedence") or "").strip().lower()
        if precedence in ("bulk", "auto_reply", "junk"):
            return True
        subject = (msg_dict.get("subject") or "").lower()
        return any(marker in subject for marker in BOUNCE_SUBJECTS)
