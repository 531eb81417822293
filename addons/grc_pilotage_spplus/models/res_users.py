# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    grc_active_month = fields.Date(
        string="Last month counted active",
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="First day of the last month this citizen was counted among the "
        "active users of the channels (their first sign-in of that month).",
    )

    def _update_last_login(self):
        res = super()._update_last_login()
        Usage = self.env["grc.channel.usage"]
        # sudo: a citizen signing in counts once in the month's figures,
        # which they cannot read.
        for user in self.sudo().filtered("share"):
            month = Usage._local_month(user.company_id)
            if user.grc_active_month != month:
                user.grc_active_month = month
                Usage.sudo()._count_sign_in(user.company_id, month)
        return res
