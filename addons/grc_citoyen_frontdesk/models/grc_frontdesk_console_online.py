# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class GrcFrontdeskConsole(models.TransientModel):
    """What the citizen started online, on the console: their saved
    démarches, and the request a contact answered on the spot was about."""

    _inherit = "grc.frontdesk.console"

    draft_ids = fields.Many2many(
        comodel_name="grc.citizen.draft",
        string="Démarches saved online",
        compute="_compute_draft_ids",
    )
    interaction_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="About the request",
        domain="[('id', 'in', open_request_ids)]",
        help="The open request the citizen came about: the contact is "
        "linked to it and shows on its history.",
    )

    @api.depends("partner_id")
    def _compute_draft_ids(self):
        drafts = self.env["grc.citizen.draft"]
        for console in self:
            partner = console.partner_id._origin
            # Record rules: a confidential démarche's drafts stay with its service.
            console.draft_ids = (
                drafts.search([("partner_id", "=", partner.id)]) if partner else drafts
            )

    def action_answered(self):
        ticket = self.interaction_ticket_id
        subject = self.interaction_subject
        if not ticket:
            return super().action_answered()
        # The contact's record is linked to the request (answered all the same).
        res = super(
            GrcFrontdeskConsole, self.with_context(default_ticket_id=ticket.id)
        ).action_answered()
        ticket._grc_frontdesk_log(
            self.env._(
                "Contact at the front desk about this request: %(subject)s",
                subject=subject,
            )
        )
        return res

    def _grc_reset(self, message):
        self.interaction_ticket_id = False
        return super()._grc_reset(message)
