# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    grc_triage_team_id = fields.Many2one(
        related="company_id.grc_triage_team_id", readonly=False
    )
