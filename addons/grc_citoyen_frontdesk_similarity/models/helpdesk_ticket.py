# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def action_grc_frontdesk_affected_too(self):
        """Picked among the similar requests of the front-desk console given
        in context: its citizen is affected by this request too."""
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
        return console._grc_affected_too(self)
