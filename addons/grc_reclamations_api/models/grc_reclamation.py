# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

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
        ``(complaint, replayed)``. Keys are per account, as for requests."""
        user = self.env.user
        token = f"api:{user.id}:{idempotency_key}" if idempotency_key else False
        # sudo: as for the request: the intake finds it by token, first.
        existing = (
            self.sudo().search([("submission_token", "=", token)], limit=1)
            if token
            else self.browse()
        )
        values = dict(
            values,
            partner_id=user.partner_id.id,
            submission_token=token,
            channel_id=self.env.ref(
                "grc_citoyen.helpdesk_ticket_channel_mobile_app"
            ).id,
        )
        # sudo: citizens may not create complaints; the intake checks the
        # values and files it for their own partner.
        complaint = self.sudo()._grc_submit_reclamation(values)
        return complaint, bool(existing)

    def _grc_api_answered(self):
        self.ensure_one()
        return self.state in STOPPED_STATES
