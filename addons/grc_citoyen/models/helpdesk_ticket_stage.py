# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    grc_state = fields.Selection(
        selection=[
            ("new", "New"),
            ("qualified", "Qualified"),
            ("in_progress", "In progress"),
            ("waiting", "Waiting for citizen"),
            ("resolved", "Resolved"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        string="Request status",
        index=True,
        help="Step of the request life cycle this stage stands for; "
        "it defines which moves between stages are allowed.",
    )
