# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _grc_home_frontdesk_action(self):
        """The front desk lands on its console."""
        return self.env["grc.frontdesk.console"].action_open_console()
