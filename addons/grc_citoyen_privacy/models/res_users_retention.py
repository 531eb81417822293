# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _notify_security_setting_update(
        self, subject, content, mail_values=None, **kwargs
    ):
        # Closing the account of an anonymised citizen changes its login and
        # password: no "security update" mail for that, the citizen is told
        # of the erasure itself.
        if self.env.context.get("grc_anonymising"):
            return
        return super()._notify_security_setting_update(
            subject, content, mail_values=mail_values, **kwargs
        )
