# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    def action_grc_frontdesk_select(self):
        """Picked in the results of the front-desk console given in context."""
        self.ensure_one()
        console = (
            self.env["grc.frontdesk.console"]
            .browse(self.env.context.get("grc_frontdesk_console_id"))
            .exists()
        )
        if not console:
            raise UserError(
                self.env._("This front-desk screen has expired: open it again.")
            )
        console._grc_select_citizen(self)
