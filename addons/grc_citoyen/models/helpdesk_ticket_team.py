# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class HelpdeskTicketTeam(models.Model):
    """A public service is a helpdesk team; directions are parent teams."""

    _inherit = "helpdesk.ticket.team"

    code = fields.Char(help="Short code of the service, used in reports and exports.")
    is_direction = fields.Boolean(
        string="Direction",
        help="A direction groups services; requests go to services, not directions.",
    )
    resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working hours",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Opening hours and holidays used to count deadlines in working time.",
    )
    is_confidential = fields.Boolean(
        string="Confidential service",
        help="Requests of this service are visible only to its own members "
        "(social services, for example).",
    )
    contact_phone = fields.Char(
        help="Phone number given to citizens in letters and mails."
    )
    contact_email = fields.Char(help="Contact e-mail given to citizens.")
    address = fields.Text(help="Address where citizens are received.")
    member_count = fields.Integer(
        string="Number of agents", compute="_compute_member_count"
    )

    @api.depends("user_ids")
    def _compute_member_count(self):
        for team in self:
            team.member_count = len(team.user_ids)
