# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""FranceConnect v2 and ProConnect on top of OCA auth_oidc.

auth_oidc decodes the ID token with RS256 only, never checks the nonce it
sends, keeps one PKCE verifier per provider and never calls userinfo. For the
providers flagged with ``grc_protocol`` every check of the State's
federations is done here, per login, and each refusal has a code that the
login page turns into a clear message (``GRC_OIDC_MESSAGES``).
"""

import hmac
import logging

import requests

from odoo import api, fields, models
from odoo.exceptions import AccessDenied, ValidationError

_logger = logging.getLogger(__name__)

try:
    from jose import jwt
    from jose.exceptions import (
        ExpiredSignatureError,
        JWSError,
        JWTClaimsError,
        JWTError,
    )
except ImportError:  # pragma: no cover - declared in external_dependencies
    _logger.debug("jose library not installed")

# Algorithms a provider of ours may be allowed to use: asymmetric only (an
# HMAC key would be the client secret, "none" is never acceptable).
GRC_OIDC_ALGORITHMS = ("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256")


class GrcOidcError(AccessDenied):
    """A sign-in refused by a check of ours; ``code`` names the check."""

    def __init__(self, code, detail=""):
        super().__init__(f"OpenID Connect sign-in refused ({code}) {detail}".strip())
        self.code = code
        self.detail = detail


def grc_oidc_messages(env):
    """The message shown on the login page for each refusal code."""
    _ = env._
    return {
        "state": _(
            "The sign-in could not be checked (unknown or already used state): "
            "it may have been started in another browser, or the page was "
            "reloaded. Please sign in again."
        ),
        "nonce": _(
            "The identity returned by the provider does not belong to this "
            "sign-in (wrong nonce). Please sign in again."
        ),
        "alg": _(
            "The identity provider signed its answer with an algorithm that is "
            "not accepted. The sign-in was refused."
        ),
        "signature": _(
            "The signature of the identity returned by the provider is not "
            "valid. The sign-in was refused."
        ),
        "audience": _(
            "The identity returned by the provider was issued for another "
            "service (wrong audience). The sign-in was refused."
        ),
        "issuer": _(
            "The identity was not issued by the expected provider. The sign-in "
            "was refused."
        ),
        "expired": _(
            "The identity returned by the provider has expired. Please sign in "
            "again."
        ),
        "token": _(
            "The identity provider refused to confirm this sign-in (the "
            "authorisation code is invalid or was already used). Please sign "
            "in again."
        ),
        "userinfo": _(
            "The identity provider did not return a valid signed identity. The "
            "sign-in was refused."
        ),
        "acr": _(
            "The identity provider did not confirm the required level of "
            "assurance (eIDAS). The sign-in was refused."
        ),
        "cancelled": _("The sign-in was cancelled at the identity provider."),
        "provider": _(
            "The identity provider is unavailable for the moment. Please try "
            "again later or sign in with your password."
        ),
        "link_needed": _(
            "An account or a citizen record already uses this e-mail address, "
            "which has not been verified. To avoid a duplicate, sign in (or "
            "create your account) with this address and your password, then "
            'link FranceConnect from "My account".'
        ),
        "linked_elsewhere": _(
            "This account is already linked to another identity. The sign-in "
            "was refused."
        ),
        "agent_account": _(
            "Agents of the authority sign in with ProConnect or their password, "
            "not with FranceConnect."
        ),
        "no_agent": _(
            "No agent account of the authority matches this ProConnect identity "
            "(e-mail address or organisation). Ask your administrator to create "
            "your account with this e-mail address."
        ),
    }


class AuthOauthProvider(models.Model):
    _inherit = "auth.oauth.provider"

    grc_protocol = fields.Selection(
        selection=[
            ("franceconnect", "FranceConnect (citizens)"),
            ("proconnect", "ProConnect (agents)"),
        ],
        string="State identity federation",
        help="Applies the checks of the State's identity federations to this "
        "provider: state and nonce per sign-in, PKCE per sign-in, ES256/RS256 "
        "signatures, signed userinfo, level of assurance, logout at the "
        "provider.",
    )
    grc_issuer = fields.Char(
        string="Issuer",
        help="Value of the iss claim of the provider's tokens (its discovery "
        "document's issuer).",
    )
    grc_algorithms = fields.Char(
        string="Accepted algorithms",
        default="ES256 RS256",
        help="Signature algorithms accepted for the ID token and the userinfo, "
        "separated by spaces.",
    )
    grc_acr_values = fields.Char(
        string="Level of assurance (acr_values)",
        help="Sent to the provider and required in the ID token, e.g. eidas1.",
    )
    grc_userinfo_signed = fields.Boolean(
        string="Signed userinfo",
        default=True,
        help="The userinfo endpoint (Data URL) answers a signed JWT, checked "
        "like the ID token.",
    )
    grc_allowed_siret = fields.Char(
        string="Allowed organisations (SIRET)",
        help="ProConnect: agents are accepted only when the siret claim is one "
        "of these numbers (separated by spaces or commas). Empty: any.",
    )

    @api.constrains("grc_algorithms")
    def _check_grc_algorithms(self):
        for provider in self.filtered("grc_protocol"):
            unknown = set(provider._grc_algorithm_list()) - set(GRC_OIDC_ALGORITHMS)
            if unknown or not provider._grc_algorithm_list():
                raise ValidationError(
                    self.env._(
                        "Accepted algorithms of %(provider)s: use asymmetric "
                        "algorithms among %(allowed)s.",
                        provider=provider.name,
                        allowed=", ".join(GRC_OIDC_ALGORITHMS),
                    )
                )

    def _grc_algorithm_list(self):
        self.ensure_one()
        return (self.grc_algorithms or "").split()

    def _grc_siret_list(self):
        self.ensure_one()
        return (self.grc_allowed_siret or "").replace(",", " ").split()

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    def _grc_decode_jwt(self, token, nonce=None, access_token=None):
        """Check a JWT of the provider (ID token or signed userinfo) and return
        its claims; raise GrcOidcError naming the failed check."""
        self.ensure_one()
        try:
            header = jwt.get_unverified_header(token)
        except (JWTError, JWSError) as error:
            raise GrcOidcError("signature", str(error)) from error
        alg = header.get("alg")
        if alg not in self._grc_algorithm_list():
            raise GrcOidcError("alg", repr(alg))
        try:
            keys = self._get_keys(header.get("kid"))
        except (requests.RequestException, ValueError, KeyError) as error:
            raise GrcOidcError("provider", f"JWKS: {error}") from error
        keys = [key for key in keys if key.get("alg") in (None, alg)]
        if not keys:
            raise GrcOidcError("signature", "no key of the provider matches")
        error = None
        # Several keys may share a kid while a key is rotated.
        for key in keys:
            try:
                claims = jwt.decode(
                    token,
                    key,
                    algorithms=[alg],
                    audience=self.client_id,
                    issuer=self.grc_issuer or None,
                    access_token=access_token,
                    options={"require_exp": True, "require_iat": True},
                )
                break
            except ExpiredSignatureError as exc:
                raise GrcOidcError("expired") from exc
            except JWTClaimsError as exc:
                message = str(exc).lower()
                code = (
                    "audience"
                    if "audience" in message
                    else "issuer"
                    if "issuer" in message
                    else "signature"
                )
                raise GrcOidcError(code, str(exc)) from exc
            except (JWTError, JWSError) as exc:
                error = exc
        else:
            raise GrcOidcError("signature", str(error))
        if nonce is not None and not hmac.compare_digest(
            str(claims.get("nonce") or ""), nonce
        ):
            raise GrcOidcError("nonce")
        return claims

    def _grc_fetch_tokens(self, code, code_verifier, redirect_uri):
        """Exchange the authorisation code with this login's PKCE verifier."""
        self.ensure_one()
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.client_id,
            "code_verifier": code_verifier,
        }
        if self.client_secret:
            # client_secret_post: what FranceConnect and ProConnect expect.
            data["client_secret"] = self.client_secret
        try:
            response = requests.post(self.token_endpoint, data=data, timeout=10)
        except requests.RequestException as error:
            raise GrcOidcError("provider", str(error)) from error
        if response.status_code in (400, 401):
            raise GrcOidcError("token", response.text[:200])
        if not response.ok:
            raise GrcOidcError("provider", f"token endpoint: {response.status_code}")
        try:
            values = response.json()
        except ValueError as error:
            raise GrcOidcError("token", "not JSON") from error
        if not values.get("access_token") or not values.get("id_token"):
            raise GrcOidcError("token", "no access_token or id_token")
        return values["access_token"], values["id_token"]

    def _grc_fetch_userinfo(self, access_token, subject):
        """Userinfo of the signed-in person, checked as the provider's JWT."""
        self.ensure_one()
        if not self.data_endpoint:
            return {}
        try:
            response = requests.get(
                self.data_endpoint,
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=10,
            )
        except requests.RequestException as error:
            raise GrcOidcError("provider", str(error)) from error
        if not response.ok:
            raise GrcOidcError("userinfo", f"status {response.status_code}")
        content_type = (response.headers.get("Content-Type") or "").split(";")[0]
        if self.grc_userinfo_signed:
            if content_type.strip() != "application/jwt":
                raise GrcOidcError("userinfo", f"unsigned answer ({content_type})")
            # A signed userinfo has no exp of its own at FranceConnect.
            claims = self._grc_decode_userinfo(response.text.strip())
        else:
            try:
                claims = response.json()
            except ValueError as error:
                raise GrcOidcError("userinfo", "not JSON") from error
        if claims.get("sub") != subject:
            raise GrcOidcError("userinfo", "sub differs from the ID token's")
        return claims

    def _grc_decode_userinfo(self, token):
        self.ensure_one()
        try:
            header = jwt.get_unverified_header(token)
        except (JWTError, JWSError) as error:
            raise GrcOidcError("userinfo", str(error)) from error
        if header.get("alg") not in self._grc_algorithm_list():
            raise GrcOidcError("alg", repr(header.get("alg")))
        try:
            keys = self._get_keys(header.get("kid"))
        except (requests.RequestException, ValueError, KeyError) as error:
            raise GrcOidcError("provider", f"JWKS: {error}") from error
        for key in keys:
            try:
                return jwt.decode(
                    token,
                    key,
                    algorithms=[header["alg"]],
                    audience=self.client_id,
                    issuer=self.grc_issuer or None,
                    options={"require_exp": False, "require_iat": False},
                )
            except ExpiredSignatureError as exc:
                raise GrcOidcError("expired") from exc
            except JWTClaimsError as exc:
                code = "audience" if "audience" in str(exc).lower() else "issuer"
                raise GrcOidcError(code, str(exc)) from exc
            except (JWTError, JWSError):
                continue
        raise GrcOidcError("signature", "userinfo")

    def _grc_check_acr(self, claims):
        self.ensure_one()
        wanted = (self.grc_acr_values or "").split()
        if wanted and claims.get("acr") not in wanted:
            raise GrcOidcError("acr", repr(claims.get("acr")))

    def _grc_authenticate(self, params, pending, redirect_uri):
        """Run every check of a sign-in callback; return the identity:
        ``{"access_token", "id_token", "claims"}`` (ID token claims completed
        by the userinfo's)."""
        self.ensure_one()
        if params.get("error"):
            raise GrcOidcError("cancelled", params.get("error"))
        if not params.get("code"):
            raise GrcOidcError("token", "no code")
        access_token, id_token = self._grc_fetch_tokens(
            params["code"], pending["verifier"], redirect_uri
        )
        claims = self._grc_decode_jwt(
            id_token, nonce=pending["nonce"], access_token=access_token
        )
        if not claims.get("sub"):
            raise GrcOidcError("token", "no sub")
        self._grc_check_acr(claims)
        userinfo = self._grc_fetch_userinfo(access_token, claims["sub"])
        identity = {
            key: value
            for key, value in userinfo.items()
            if key not in ("iss", "aud", "exp", "iat", "nbf", "nonce")
        }
        identity.update(
            {key: claims[key] for key in ("sub", "acr", "amr") if key in claims}
        )
        return {
            "access_token": access_token,
            "id_token": id_token,
            "claims": identity,
        }

    @api.model
    def _grc_portal_franceconnect(self):
        """The enabled FranceConnect provider the portal's pages offer, or an
        empty recordset; only its id is shown."""
        # sudo: visitors see the button of an enabled provider, as on
        # auth_oauth's login page; the record does not leave the template.
        return self.sudo().search(
            [("enabled", "=", True), ("grc_protocol", "=", "franceconnect")],
            limit=1,
        )
