# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResUsers(models.Model):
    """Mobile app tokens die with the sessions of the account."""

    _inherit = "res.users"

    def _grc_revoke_api_tokens(self):
        """Sign the mobile app out of these accounts."""
        # sudo: the citizen (or Odoo's password reset, run as public user)
        # holds no right on tokens; revoking their own is always allowed.
        tokens = (
            self.env["grc.api.token"]
            .sudo()
            .search([("user_id", "in", self.ids), ("revoked_date", "=", False)])
        )
        tokens.action_grc_revoke()

    def _set_password(self):
        """A new password (changed, reset by link or by an administrator)
        ends the tokens issued under the old one: whoever learnt the old
        password may have issued one."""
        res = super()._set_password()
        self._grc_revoke_api_tokens()
        return res

    def _action_revoke_all_devices(self):
        """ "Log out from all devices" signs the mobile app out too."""
        result = super()._action_revoke_all_devices()
        self._grc_revoke_api_tokens()
        return result
