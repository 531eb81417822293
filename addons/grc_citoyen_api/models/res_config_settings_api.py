# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    grc_api_token_validity_days = fields.Integer(
        string="Mobile app token validity (days)",
        config_parameter="grc_citoyen.api_token_validity_days",
        default=365,
        help="Days a mobile app token signs the citizen in before it expires.",
    )
    grc_api_token_purge_days = fields.Integer(
        string="Keep expired or revoked tokens (days)",
        config_parameter="grc_citoyen.api_token_purge_days",
        default=90,
        help="Days an expired or revoked mobile app token stays listed before "
        "a daily job deletes it.",
    )
