# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    """How a public service escalates its missed deadlines."""

    _inherit = "helpdesk.ticket.team"

    sla_escalate_to_manager = fields.Boolean(
        string="Escalate breaches to the manager",
        help="When a request misses its deadline, it is reassigned to the "
        "manager of the service (once), besides the alerts.",
    )
