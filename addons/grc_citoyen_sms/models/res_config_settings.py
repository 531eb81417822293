# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # The parameter keeps the name it had in grc_citoyen: databases that
    # switched SMS on keep them on.
    grc_sms_enabled = fields.Boolean(
        string="SMS to citizens",
        config_parameter="grc_citoyen.sms_enabled",
        help="Send SMS to the citizens who agreed to them (needs SMS credits).",
    )
