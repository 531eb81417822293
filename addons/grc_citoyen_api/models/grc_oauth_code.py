# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""OAuth 2.0 authorization code with PKCE (RFC 6749, 7636, 7009) for native
apps: the citizen signs in on the portal and allows the app; the app trades
the code and its verifier for a short-lived access token (a ``grc.api.token``
like the hand-issued ones) and a refresh token, rotated at each use."""

import base64
import hashlib
import re
import secrets
from datetime import timedelta

from odoo import api, fields, models

CODE_VALIDITY = timedelta(minutes=5)
ACCESS_VALIDITY = timedelta(hours=1)
REFRESH_VALIDITY = timedelta(days=30)
# RFC 7636: 43 to 128 characters of [A-Za-z0-9-._~].
PKCE_PATTERN = re.compile(r"[A-Za-z0-9._~-]{43,128}")
REFRESH_PREFIX = "grcr_"


class GrcOauthError(Exception):
    """An OAuth error: ``code`` is RFC 6749's (invalid_request,
    invalid_grant...), the message says why."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def grc_pkce_challenge(verifier):
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _clean(value):
    """A parameter as sent by the app, or "" when it cannot be one (not a
    string, too long, a NUL character the database would refuse)."""
    if not isinstance(value, str) or len(value) > 512 or "\x00" in value:
        return ""
    return value


def _hash(value):
    return hashlib.sha256(value.encode()).hexdigest()


class GrcOauthCode(models.Model):
    _name = "grc.oauth.code"
    _description = "OAuth authorization code"

    code_hash = fields.Char(required=True, index=True, readonly=True)
    client_id = fields.Many2one(
        comodel_name="grc.oauth.client", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        comodel_name="res.users", required=True, ondelete="cascade"
    )
    redirect_uri = fields.Char(required=True)
    code_challenge = fields.Char(required=True)
    expiry_date = fields.Datetime(required=True)
    used_date = fields.Datetime()
    token_family = fields.Char(
        required=True, help="Tokens issued from this code, and their refreshes."
    )

    @api.model
    def _grc_client(self, client_id, redirect_uri):
        """The active client of ``client_id`` with ``redirect_uri`` among its
        registered ones; GrcOauthError otherwise (never redirect there)."""
        # sudo: clients are administrators' records; the app names its own.
        client = (
            self.env["grc.oauth.client"]
            .sudo()
            .search([("client_id", "=", _clean(client_id))], limit=1)
        )
        if not client or not _clean(client_id):
            raise GrcOauthError(
                "invalid_client", self.env._("This app is not known to the authority.")
            )
        if redirect_uri not in client._grc_redirect_uris():
            raise GrcOauthError(
                "invalid_request",
                self.env._(
                    "This app asked to come back to an address it did not register."
                ),
            )
        return client

    @api.model
    def _grc_check_authorize(self, params):
        """Check an authorization request; return the client. PKCE (S256) is
        required of every app."""
        client = self._grc_client(params.get("client_id"), params.get("redirect_uri"))
        if params.get("response_type") != "code":
            raise GrcOauthError(
                "unsupported_response_type",
                self.env._("Only the authorization code flow is offered."),
            )
        if params.get("code_challenge_method") != "S256" or not PKCE_PATTERN.fullmatch(
            params.get("code_challenge") or ""
        ):
            raise GrcOauthError(
                "invalid_request",
                self.env._("The app must send a PKCE code challenge (S256)."),
            )
        return client

    @api.model
    def _grc_authorize(self, user, params):
        """The signed-in ``user`` allowed the app: a single-use code."""
        client = self._grc_check_authorize(params)
        code = secrets.token_urlsafe(32)
        # sudo: codes are kept from everyone; the citizen's own is created here.
        self.sudo().create(
            {
                "code_hash": _hash(code),
                "client_id": client.id,
                "user_id": user.id,
                "redirect_uri": params["redirect_uri"],
                "code_challenge": params["code_challenge"],
                "expiry_date": fields.Datetime.now() + CODE_VALIDITY,
                "token_family": secrets.token_hex(16),
            }
        )
        return code

    def _grc_invalid_grant(self):
        return GrcOauthError(
            "invalid_grant",
            self.env._("This sign-in is no longer valid: sign in again."),
        )

    @api.model
    def _grc_exchange(self, params):
        """grant_type=authorization_code: the code, once, with its verifier.
        A code used twice revokes the tokens it gave (RFC 6749, 4.1.2)."""
        client = self._grc_client(params.get("client_id"), params.get("redirect_uri"))
        code = params.get("code") or ""
        # sudo: codes are kept from everyone; found by the hash of the secret.
        grant = self.sudo().search([("code_hash", "=", _hash(code))], limit=1)
        now = fields.Datetime.now()
        if not grant or grant.client_id != client:
            raise self._grc_invalid_grant()
        if grant.used_date:
            grant._grc_tokens().write({"revoked_date": now})
            raise self._grc_invalid_grant()
        grant.used_date = now
        verifier = params.get("code_verifier") or ""
        if (
            grant.expiry_date <= now
            or grant.redirect_uri != params.get("redirect_uri")
            or not PKCE_PATTERN.fullmatch(verifier)
            or not secrets.compare_digest(
                grc_pkce_challenge(verifier), grant.code_challenge
            )
        ):
            raise self._grc_invalid_grant()
        return self._grc_issue(grant.user_id, client, grant.token_family)

    def _grc_tokens(self):
        # sudo: tokens are read by administrators only; those of this grant.
        return (
            self.env["grc.api.token"]
            .sudo()
            .search([("oauth_family", "in", self.mapped("token_family"))])
        )

    @api.model
    def _grc_issue(self, user, client, family):
        """An access token (short-lived) and its refresh token."""
        tokens = self.env["grc.api.token"]
        record, access = tokens._grc_issue(user, client.name, validity=ACCESS_VALIDITY)
        refresh = REFRESH_PREFIX + secrets.token_urlsafe(32)
        record.write(
            {
                "oauth_client_id": client.id,
                "oauth_family": family,
                "refresh_hash": _hash(refresh),
                "refresh_expiry_date": fields.Datetime.now() + REFRESH_VALIDITY,
            }
        )
        return {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": int(ACCESS_VALIDITY.total_seconds()),
            "refresh_token": refresh,
        }

    @api.model
    def _grc_refresh(self, params):
        """grant_type=refresh_token: a new pair, the old one revoked. A
        refresh token used twice (stolen?) revokes every token of its sign-in."""
        # sudo: clients are administrators' records; the app names its own.
        client = (
            self.env["grc.oauth.client"]
            .sudo()
            .search([("client_id", "=", _clean(params.get("client_id")))], limit=1)
        )
        refresh = params.get("refresh_token") or ""
        # sudo: tokens are read by administrators only; found by the hash.
        token = (
            self.env["grc.api.token"]
            .sudo()
            .search([("refresh_hash", "=", _hash(refresh))], limit=1)
        )
        now = fields.Datetime.now()
        if not client or not token or token.oauth_client_id != client:
            raise self._grc_invalid_grant()
        if token.revoked_date:
            # A rotated refresh token used again: the sign-in may be stolen,
            # every token of it is revoked (sudo: tokens are administrators').
            self.env["grc.api.token"].sudo().search(
                [("oauth_family", "=", token.oauth_family)]
            ).write({"revoked_date": now})
            raise self._grc_invalid_grant()
        if token.refresh_expiry_date <= now or not token.user_id._is_portal():
            raise self._grc_invalid_grant()
        token.write({"revoked_date": now})
        return self._grc_issue(token.user_id, client, token.oauth_family)

    @api.model
    def _grc_revoke_token(self, params):
        """RFC 7009: an access or refresh token of the app ends its sign-in
        on that device. Unknown tokens are ignored (same answer)."""
        value = params.get("token") or ""
        # sudo: tokens are read by administrators only; found by the hash.
        tokens = self.env["grc.api.token"].sudo()
        token = tokens.search(
            [
                "|",
                ("refresh_hash", "=", _hash(value)),
                ("token_hash", "=", _hash(value)),
            ],
            limit=1,
        )
        if token.oauth_family:
            tokens.search(
                [
                    ("oauth_family", "=", token.oauth_family),
                    ("revoked_date", "=", False),
                ]
            ).write({"revoked_date": fields.Datetime.now()})
        return True
