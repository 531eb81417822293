# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from odoo.addons.grc_citoyen_api.models.helpdesk_ticket_api import (
    MOBILE_APP_CHANNEL,
    GrcIdempotencyConflict,
)
from odoo.addons.grc_reclamations.models.grc_reclamation_stage import STOPPED_STATES


class GrcReclamation(models.Model):
    _inherit = "grc.reclamation"

    @api.model
    def _grc_api_domain(self, partner):
        """The citizen's own complaints (as the portal's record rule)."""
        return [("partner_id", "child_of", partner.commercial_partner_id.ids)]

    @api.model
    def _grc_api_get(self, complaint_id):
        """The complaint if it is the current citizen's, else no record,
        whether it does not exist or is someone else's."""
        return self.search(
            [("id", "=", complaint_id)]
            + self._grc_api_domain(self.env.user.partner_id),
            limit=1,
        )

    @api.model
    def _grc_api_submit(self, values, idempotency_key=None):
        """File a complaint for the current citizen through the one intake;
        ``(complaint, replayed)``. Keys are per account, as for requests; a key
        whose complaint is no longer the citizen's raises
        ``GrcIdempotencyConflict``."""
        user = self.env.user
        token = (
            self.env["helpdesk.ticket"]._grc_api_idempotency_key(user, idempotency_key)
            if idempotency_key
            else False
        )
        # sudo: as for the request: the intake finds it by token, first.
        existing = (
            self.sudo().search([("submission_token", "=", token)], limit=1)
            if token
            else self.browse()
        )
        if existing and not self._grc_api_get(existing.id):
            raise GrcIdempotencyConflict(
                self.env._(
                    "This idempotency key was already used: send your "
                    "complaint again with a new key."
                )
            )
        values = dict(
            values,
            partner_id=user.partner_id.id,
            submission_token=token,
            channel_id=self.env.ref(MOBILE_APP_CHANNEL).id,
        )
        # sudo: citizens may not create complaints; the intake checks the
        # values and files it for their own partner.
        complaint = self.sudo()._grc_submit_reclamation(values)
        return complaint, bool(existing)

    def _grc_api_citizen_attachments(self):
        """The files the citizen sent with the complaint (``self`` in sudo,
        once their access has been checked), with an access token to
        download them; never the files agents attach."""
        self.ensure_one()
        # Searched, not read from message_ids: a message just posted is not
        # in that field's cache. The intake links the files to the citizen's
        # message (grc.reclamation.intake._attach).
        messages = self.env["mail.message"].search(
            [
                ("model", "=", self._name),
                ("res_id", "=", self.id),
                ("author_id", "=", self.partner_id.id),
                ("attachment_ids", "!=", False),
            ]
        )
        attachments = messages.attachment_ids.filtered(
            lambda a: a.res_model == self._name and a.res_id == self.id
        ).sorted("id")
        for attachment in attachments.filtered(lambda a: not a.access_token):
            attachment.generate_access_token()
        return attachments

    def _grc_api_answered(self):
        self.ensure_one()
        return self.state in STOPPED_STATES
