# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    grc_expected_delay_min_sample = fields.Integer(
        related="company_id.grc_expected_delay_min_sample", readonly=False
    )
