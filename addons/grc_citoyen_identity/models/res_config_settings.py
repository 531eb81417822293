# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from .res_users import AGENT_TOTP_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    grc_agent_totp_required = fields.Boolean(
        string="Two-factor authentication for agents",
        config_parameter=AGENT_TOTP_PARAM,
        help="Agents (internal users) who sign in with a password must have "
        "enabled two-factor authentication (authenticator app); ProConnect "
        "sign-ins are not concerned.",
    )

    def set_values(self):
        required = self.grc_agent_totp_required
        # sudo: reads the current value of the setting, as set_values does.
        was_required = (
            self.env["ir.config_parameter"].sudo().get_param(AGENT_TOTP_PARAM)
        )
        if required and not was_required and not self.env.user.totp_enabled:
            # The administrator who turns it on would be locked out at their
            # next password sign-in.
            raise UserError(
                self.env._(
                    "Enable two-factor authentication on your own account first "
                    "(Preferences > Account security): once required, agents "
                    "without it can no longer sign in with a password."
                )
            )
        return super().set_values()
