# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    grc_access_log_retention_days = fields.Integer(
        string="Access log retention (days)",
        config_parameter="grc_access_log.retention_days",
        default=365,
        help="Entries of the access log older than this are deleted by the "
        "daily seal, once the chain has been verified and sealed.",
    )

    @api.constrains("grc_access_log_retention_days")
    def _check_grc_access_log_retention_days(self):
        for settings in self:
            if settings.grc_access_log_retention_days < 1:
                raise ValidationError(
                    self.env._("The access log must be kept at least one day.")
                )
