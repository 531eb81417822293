# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessDenied
from odoo.http import request

from odoo.addons.auth_signup.models.res_partner import SignupError

from .auth_oauth_provider import GrcOidcError

_logger = logging.getLogger(__name__)

AGENT_TOTP_PARAM = "grc_citoyen_identity.agent_totp_required"


class ResUsers(models.Model):
    _inherit = "res.users"

    # ------------------------------------------------------------------
    # FranceConnect / ProConnect sign-in
    # ------------------------------------------------------------------

    @api.model
    def auth_oauth(self, provider, params):
        """For our providers, sign in the user the checked callback decided
        (controllers/main.py): the identity was verified there, on this
        request only; nothing a caller passes in ``params`` replaces it."""
        oauth_provider = self.env["auth.oauth.provider"].browse(provider)
        if not oauth_provider.grc_protocol:
            return super().auth_oauth(provider, params)
        result = getattr(request, "grc_oidc_result", None) if request else None
        if (
            not self.env.su
            or not result
            or result.get("provider_id") != oauth_provider.id
            or not result.get("user_id")
        ):
            raise AccessDenied()
        user = self.browse(result["user_id"])
        user.write({"oauth_access_token": result["access_token"]})
        params["access_token"] = result["access_token"]
        return (self.env.cr.dbname, user.login, result["access_token"])

    def _grc_oidc_is_linked(self, provider):
        """Whether this user signs in with ``provider`` already."""
        self.ensure_one()
        # sudo: a citizen reads their own link, not readable by the portal.
        user = self.sudo()
        return user.oauth_provider_id == provider and bool(user.oauth_uid)

    @api.model
    def _grc_oidc_resolve_user(self, provider, claims, link_uid=None):
        """The user this verified identity signs in as: found, linked or
        (citizens only) created. Raise GrcOidcError when none may be."""
        if provider.grc_protocol == "proconnect":
            return self._grc_oidc_resolve_agent(provider, claims)
        return self._grc_oidc_resolve_citizen(provider, claims, link_uid)

    def _grc_oidc_link(self, provider, subject):
        self.ensure_one()
        if self.oauth_provider_id and self.oauth_uid:
            same = self.oauth_provider_id == provider and self.oauth_uid == subject
            if not same:
                raise GrcOidcError("linked_elsewhere")
            return
        self.write({"oauth_provider_id": provider.id, "oauth_uid": subject})

    def _grc_oidc_linked_user(self, provider, subject):
        return self.with_context(active_test=False).search(
            [("oauth_provider_id", "=", provider.id), ("oauth_uid", "=", subject)],
            limit=1,
        )

    @api.model
    def _grc_oidc_resolve_citizen(self, provider, claims, link_uid=None):
        subject = claims["sub"]
        user = self._grc_oidc_linked_user(provider, subject)
        if user:
            if not user.active or (link_uid and user.id != link_uid):
                # Asked from another account, this identity is another's.
                raise GrcOidcError("linked_elsewhere", "inactive or other account")
            if not user.share:
                raise GrcOidcError("agent_account")
        elif link_uid:
            # The citizen signed in with their password asked for the link
            # from "My account": their explicit confirmation.
            user = self.browse(link_uid).exists()
            if not user or not user.share or not user.active:
                raise GrcOidcError("agent_account")
            user._grc_oidc_link(provider, subject)
        else:
            user = self._grc_oidc_citizen_by_email(provider, claims)
        user.partner_id._grc_apply_certified_identity(claims, provider)
        return user

    @api.model
    def _grc_oidc_citizen_by_email(self, provider, claims):
        """An existing citizen is linked only when their address is verified
        (and the provider does not say its own is not); any other match is
        refused rather than duplicated."""
        subject = claims["sub"]
        email = self.env["grc.citizen.dedup"]._normalize_email(
            claims.get("email"), raise_exception=False
        )
        provider_unverified = claims.get("email_verified") is False
        Partner = self.env["res.partner"].with_context(active_test=False)
        if email:
            users = self.with_context(active_test=False).search(
                [
                    "|",
                    ("login", "=ilike", email),
                    ("partner_id.email_normalized", "=", email),
                ]
            )
            if users:
                if users.filtered(lambda u: not u.share):
                    raise GrcOidcError("agent_account")
                user = users[:1]
                if (
                    len(users) > 1
                    or not user.active
                    or provider_unverified
                    or not user.partner_id.grc_email_verified
                ):
                    raise GrcOidcError("link_needed")
                user._grc_oidc_link(provider, subject)
                return user
            partners = Partner.search(
                [("email_normalized", "=", email), ("is_citizen", "=", True)]
            )
            if partners:
                verified = partners.filtered("grc_email_verified")
                if len(partners) > 1 or not verified or provider_unverified:
                    raise GrcOidcError("link_needed")
                return self._grc_oidc_create_citizen(
                    provider, claims, email, partner=verified
                )
        return self._grc_oidc_create_citizen(provider, claims, email)

    @api.model
    def _grc_oidc_create_citizen(self, provider, claims, email, partner=None):
        name = self.env["res.partner"]._grc_certified_name(
            (claims.get("given_name") or "").strip(),
            (claims.get("family_name") or "").strip(),
        )
        values = {
            "login": email or f"franceconnect-{claims['sub']}",
            "oauth_provider_id": provider.id,
            "oauth_uid": claims["sub"],
        }
        if partner:
            values["partner_id"] = partner.id
        else:
            values.update(name=name or email or values["login"], email=email or False)
        try:
            # Not signup(): FranceConnect creates the account even when
            # self-service sign-up is by invitation only; the template
            # makes it a portal account (grc_citoyen).
            return self._create_user_from_template(values)
        except (SignupError, ValueError) as error:
            _logger.warning("FranceConnect account not created: %s", error)
            raise GrcOidcError("link_needed", str(error)) from error

    @api.model
    def _grc_oidc_resolve_agent(self, provider, claims):
        """ProConnect signs in existing agents only: by the identity already
        linked, else by e-mail address; never creates an internal user."""
        subject = claims["sub"]
        sirets = provider._grc_siret_list()
        if sirets and str(claims.get("siret") or "") not in sirets:
            raise GrcOidcError("no_agent", "siret")
        user = self._grc_oidc_linked_user(provider, subject)
        if not user:
            email = self.env["grc.citizen.dedup"]._normalize_email(
                claims.get("email"), raise_exception=False
            )
            if not email:
                raise GrcOidcError("no_agent", "no e-mail")
            user = self.search(
                [
                    ("share", "=", False),
                    "|",
                    ("login", "=ilike", email),
                    ("email_normalized", "=", email),
                ]
            )
            if len(user) != 1:
                raise GrcOidcError("no_agent", f"{len(user)} users")
            user._grc_oidc_link(provider, subject)
        if user.share or not user.active:
            raise GrcOidcError("no_agent", "not an active internal user")
        return user

    # ------------------------------------------------------------------
    # Two-factor authentication of agents signing in with a password
    # ------------------------------------------------------------------

    @classmethod
    def _login(cls, db, credential, user_agent_env):
        auth_info = super()._login(db, credential, user_agent_env)
        if credential.get("type") == "password" and auth_info.get("uid"):
            with cls.pool.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                user = env["res.users"].browse(auth_info["uid"])
                if user._grc_totp_missing():
                    _logger.info(
                        "Password login of agent #%s refused: two-factor "
                        "authentication required and not enabled",
                        user.id,
                    )
                    raise AccessDenied(
                        env._(
                            "Your administrator requires two-factor "
                            "authentication for agents who sign in with a "
                            "password, and it is not enabled on your account. "
                            "Sign in with ProConnect, or ask your administrator, "
                            "then enable it in your preferences (Account "
                            "security)."
                        )
                    )
        return auth_info

    def _grc_totp_missing(self):
        """An internal user without TOTP while the administrator requires it."""
        self.ensure_one()
        # sudo: any user's login reads the administrator's setting.
        required = self.env["ir.config_parameter"].sudo().get_param(AGENT_TOTP_PARAM)
        return bool(required) and not self.share and not self.totp_enabled
