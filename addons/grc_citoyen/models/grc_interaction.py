# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class GrcInteraction(models.Model):
    """A contact answered on the spot: recorded for the timeline and first-contact
    resolution statistics, without opening a request."""

    _name = "grc.interaction"
    _description = "Citizen interaction"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Citizen",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel", required=True, index=True
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Agent",
        default=lambda self: self.env.user,
        index=True,
    )
    team_id = fields.Many2one(comodel_name="helpdesk.ticket.team", string="Service")
    date = fields.Datetime(default=fields.Datetime.now, required=True, index=True)
    notes = fields.Text(string="Answer given")
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Request",
        index=True,
        help="Request opened from this contact, when it could not be answered "
        "on the spot.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company, index=True
    )
