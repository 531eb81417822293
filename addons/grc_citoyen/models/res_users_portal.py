# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import models

from odoo.addons.auth_signup.models.res_partner import SignupError

_logger = logging.getLogger(__name__)

# What a citizen may not change on their own user, whatever the channel
# (portal form, JSON-RPC): see GrcPortalAccount.details_form_validate.
GRC_SHARE_LOCKED_FIELDS = ("email",)


class ResUsers(models.Model):
    _inherit = "res.users"

    @property
    def SELF_WRITEABLE_FIELDS(self):
        writeable = super().SELF_WRITEABLE_FIELDS
        if self.env.user.share:
            writeable = [f for f in writeable if f not in GRC_SHARE_LOCKED_FIELDS]
        return writeable

    def _create_user_from_template(self, values):
        """Self-service sign-up and invitations create portal accounts only,
        whatever the template user a setting points to."""
        with self.env.cr.savepoint():
            user = super()._create_user_from_template(values)
            if not user.share:
                raise SignupError(
                    self.env._(
                        "Online accounts are portal accounts: the template user "
                        "of sign-ups must not be an internal user."
                    )
                )
        return user

    def signup(self, values, token=None):
        """Opening a link mailed to the citizen (invitation, password reset)
        proves their address: it becomes verified. The address of an invited
        citizen is the one the link was sent to, not one typed in the form."""
        partner = self.env["res.partner"]
        if token:
            partner = partner._signup_retrieve_partner(
                token, check_validity=True, raise_exception=True
            )
            if partner.email:
                values = dict(values, email=partner.email)
        mailed_to = partner.email_normalized
        result = super().signup(values, token=token)
        if mailed_to and partner.email_normalized == mailed_to:
            partner._grc_mark_email_verified()
        return result

    def reset_password(self, login):
        """Same answer whether an account exists for ``login`` or not:
        the page must not tell who has an account at the town hall."""
        users = self.search(self._get_login_domain(login)) or self.search(
            self._get_email_domain(login)
        )
        if len(users) != 1:
            _logger.info(
                "Password reset asked for <%s>: %s account(s), nothing sent",
                login,
                len(users),
            )
            return False
        return super().reset_password(login)
