# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    grc_geocoding_enabled = fields.Boolean(
        related="company_id.grc_geocoding_enabled", readonly=False
    )
    grc_geocoding_url = fields.Char(
        related="company_id.grc_geocoding_url", readonly=False
    )
