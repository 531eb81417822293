# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models

CLOSED_STATES = ("resolved", "closed", "cancelled")


class HelpdeskTicket(models.Model):
    """What the follow-up page (/suivi) shows once the citizen has given the
    reference and the e-mail address of a request. Records arrive sudo-ed
    from the controller after that proof, so each method states what may be
    shown to whoever holds it."""

    _inherit = "helpdesk.ticket"

    def _grc_tracking_attachments(self):
        """Files the citizen sent: those of the request itself (the form, the
        mail that opened it) and of their own public messages; never those of
        internal notes nor the files the services sent."""
        self.ensure_one()
        public = self._grc_portal_attachments()
        if not public:
            return public
        # sudo: a /suivi visitor cannot read messages; authors compared only.
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("attachment_ids", "in", public.ids),
                ]
            )
        )
        from_others = messages.filtered(
            lambda message: message.author_id != self.partner_id
        ).attachment_ids
        return public - from_others

    def _grc_tracking_values(self):
        """Values of the follow-up page for this request.

        Confidential requests (social services...) show their status only:
        reference and e-mail are a weaker proof than the citizen's account or
        the link of the acknowledgement, so their title, type, service,
        content and files stay there.
        """
        self.ensure_one()
        timeline = self._grc_portal_timeline()
        confidential = self.is_confidential
        if confidential:
            timeline = [event for event in timeline if event["kind"] != "message"]
        is_open = self.grc_state not in CLOSED_STATES
        return {
            "grc_ticket": self,
            "timeline": timeline,
            "confidential": confidential,
            "attachments": (
                self.env["ir.attachment"]
                if confidential
                else self._grc_tracking_attachments()
            ),
            "expected_date": is_open and not confidential and self.grc_sla_deadline,
            "service": self.team_id.browse() if confidential else self.team_id,
            "contact": self._grc_service_contact(),
        }

    def _grc_service_contact(self):
        """How to reach the service in charge: its own contact details, or
        the authority's switchboard when the service has none."""
        self.ensure_one()
        team = self.team_id
        company = self.company_id or self.env.company
        return {
            "phone": team.contact_phone or company.phone or False,
            "email": team.contact_email or company.email or False,
            "address": team.address or False,
        }
