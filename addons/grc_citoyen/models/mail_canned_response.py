# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MailCannedResponse(models.Model):
    """Canned answers of a service: Odoo's canned responses (":" in a
    message), shared with the agents of the services chosen only."""

    _inherit = "mail.canned.response"

    grc_team_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.team",
        string="Services",
        help="Only the members of these services use this answer (with the "
        "groups it is shared with). Empty: every user of the groups.",
    )
