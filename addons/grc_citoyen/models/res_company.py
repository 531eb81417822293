# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    grc_triage_team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Triage service",
        domain="[('is_direction', '=', False)]",
        help="Receives the requests that no routing rule and no request type "
        "sends to a service.",
    )
