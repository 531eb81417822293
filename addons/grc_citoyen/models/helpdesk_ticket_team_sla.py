# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .grc_request_type_sla import SLA_UNITS


class HelpdeskTicketTeam(models.Model):
    """Default service levels of a public service."""

    _inherit = "helpdesk.ticket.team"

    sla_target_default = fields.Float(
        string="Default target delay",
        help="Resolution target of the requests whose type has none. "
        "Empty: no target.",
    )
    sla_unit_default = fields.Selection(
        selection=SLA_UNITS, string="Default delay unit", default="days"
    )
    sla_first_response_default = fields.Float(
        string="Default first response delay",
        help="First response target of the requests whose type has none.",
    )
    sla_first_response_unit_default = fields.Selection(
        selection=SLA_UNITS, string="Default first response unit", default="hours"
    )

    @api.constrains("sla_target_default", "sla_first_response_default")
    def _check_sla_defaults(self):
        for team in self:
            if min(team.sla_target_default, team.sla_first_response_default) < 0:
                raise ValidationError(
                    self.env._(
                        "Service %(service)s: a default target delay cannot be "
                        "negative; leave it empty for no target.",
                        service=team.display_name,
                    )
                )

    @api.constrains("resource_calendar_id")
    def _check_calendar_has_hours(self):
        for team in self:
            calendar = team.resource_calendar_id
            if calendar and not calendar.flexible_hours and not calendar.attendance_ids:
                raise ValidationError(
                    self.env._(
                        "Service %(service)s: the working calendar %(calendar)s has "
                        "no working hours, deadlines could not be counted.",
                        service=team.display_name,
                        calendar=calendar.display_name,
                    )
                )
