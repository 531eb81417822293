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
        """Transfer, then stay on the request if it is still the agent's
        (their service or assigned to them); otherwise go back to their
        queue, told where it went: the request is another service's work."""
        self.ensure_one()
        ticket = self.ticket_id
        ticket._grc_transfer(self.team_id, self.reason)
        # sudo: a confidential request may be out of the agent's reach now.
        moved = ticket.sudo()
        user = self.env.user
        if moved.user_id == user or user in moved.team_id.user_ids:
            return {"type": "ir.actions.act_window_close"}
        queue = dict(self.env["res.users"]._grc_home_action(), target="main")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(request)s transferred to %(team)s.",
                    request=moved.display_name,
                    team=moved.team_id.display_name,
                ),
                "next": queue,
            },
        }
