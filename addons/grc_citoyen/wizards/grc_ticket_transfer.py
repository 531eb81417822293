# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class GrcTicketTransfer(models.TransientModel):
    """Move a request to another service, with the reason kept on its chatter."""

    _name = "grc.ticket.transfer"
    _description = "Transfer a request to another service"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Request",
        required=True,
        ondelete="cascade",
    )
    current_team_id = fields.Many2one(
        related="ticket_id.team_id", string="Current service"
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="New service",
        required=True,
        domain="[('is_direction', '=', False), ('id', '!=', current_team_id)]",
    )
    reason = fields.Text(
        required=True,
        help="Why the request changes service; written on the request's history.",
    )

    def action_transfer(self):
        self.ensure_one()
        self.ticket_id._grc_transfer(self.team_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
