# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sign-in with FranceConnect and ProConnect, per login.

auth_oauth builds every provider's link when the login page is shown, with one
PKCE verifier per provider and a nonce it forgets. For our providers the
button leads to ``/grc_identity/authorize/<provider>``, which draws a state
token, a nonce and a PKCE verifier for this sign-in only and keeps them in the
session; the callback (``/auth_oauth/signin``) pops them (a state is used
once), runs every check, then lets auth_oauth sign the user in.
"""

import base64
import hashlib
import json
import logging
import secrets
import time

from werkzeug.urls import url_encode, url_quote_plus

from odoo import SUPERUSER_ID, http
from odoo.http import request

from odoo.addons.auth_oauth.controllers.main import OAuthController
from odoo.addons.auth_oidc.controllers.main import OpenIDLogin
from odoo.addons.web.controllers.session import Session

from ..models.auth_oauth_provider import GrcOidcError, grc_oidc_messages

_logger = logging.getLogger(__name__)

PENDING_KEY = "grc_oidc_pending"
LOGOUT_KEY = "grc_oidc_logout"
# A sign-in left at the provider for longer is refused.
PENDING_MAX_AGE = 15 * 60
# Sign-ins started in other tabs and not finished yet.
PENDING_MAX_COUNT = 5


def _pkce_challenge(verifier):
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _signin_url():
    return request.httprequest.url_root + "auth_oauth/signin"


class GrcOpenIDLogin(OpenIDLogin):
    def list_providers(self):
        providers = super().list_providers()
        redirect = request.params.get("redirect") or ""
        for provider in providers:
            # Never rendered, but the page's context needs no secret either.
            provider.pop("client_secret", None)
            if provider.get("grc_protocol"):
                query = {"redirect": redirect} if redirect else {}
                provider["auth_link"] = f"/grc_identity/authorize/{provider['id']}" + (
                    f"?{url_encode(query)}" if query else ""
                )
        return providers

    @http.route()
    def web_login(self, *args, **kw):
        response = super().web_login(*args, **kw)
        code = request.params.get("grc_oidc_error")
        if code and getattr(response, "is_qweb", False):
            message = grc_oidc_messages(request.env).get(code)
            if message:
                response.qcontext["error"] = message
        return response

    @staticmethod
    def _grc_local_redirect(redirect, provider):
        """Only a path of this site; by default the citizen's or the agent's
        home."""
        if (
            not redirect
            or not redirect.startswith("/")
            or redirect.startswith("//")
            or "\\" in redirect
        ):
            redirect = "/odoo" if provider.grc_protocol == "proconnect" else "/my"
        return redirect

    @http.route(
        "/grc_identity/authorize/<int:provider_id>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def grc_oidc_authorize(self, provider_id, redirect=None, link=None, **kw):
        # sudo: visitors read the enabled providers, as auth_oauth's login page.
        provider = request.env["auth.oauth.provider"].sudo().browse(provider_id)
        if (
            not provider.exists()
            or not provider.enabled
            or not provider.grc_protocol
            or not provider.auth_endpoint
        ):
            raise request.not_found()
        link_uid = None
        if link:
            user = request.env.user
            if user._is_public() or not user.share:
                return request.redirect("/web/login?redirect=/my/account")
            link_uid = user.id
            redirect = "/my/account"
        token = secrets.token_urlsafe(32)
        nonce = secrets.token_urlsafe(32)
        verifier = secrets.token_urlsafe(64)
        now = time.time()
        pending = {
            key: entry
            for key, entry in (request.session.get(PENDING_KEY) or {}).items()
            if now - entry.get("time", 0) < PENDING_MAX_AGE
        }
        newest = sorted(pending.items(), key=lambda item: item[1]["time"])
        pending = dict(newest[-(PENDING_MAX_COUNT - 1) :])
        pending[token] = {
            "provider": provider.id,
            "nonce": nonce,
            "verifier": verifier,
            "time": now,
            "link": link_uid,
        }
        # Assigned again (not changed in place) so that the session is saved.
        request.session[PENDING_KEY] = pending
        redirect = self._grc_local_redirect(redirect, provider)
        state = {
            "d": request.db,
            "p": provider.id,
            "r": url_quote_plus(request.httprequest.url_root + redirect.lstrip("/")),
            "s": token,
        }
        params = {
            "response_type": "code",
            "client_id": provider.client_id,
            "redirect_uri": _signin_url(),
            "scope": provider.scope,
            "state": json.dumps(state),
            "nonce": nonce,
            "code_challenge": _pkce_challenge(verifier),
            "code_challenge_method": "S256",
        }
        if provider.grc_acr_values:
            params["acr_values"] = provider.grc_acr_values
        return request.redirect(
            f"{provider.auth_endpoint}?{url_encode(params)}", local=False
        )


class GrcOAuthController(OAuthController):
    @staticmethod
    def _grc_oidc_provider(kw):
        """Our provider this callback is for, with its state; (None, None)
        when auth_oauth's own handling applies."""
        try:
            state = json.loads(kw.get("state") or "")
        except ValueError:
            return None, None
        if (
            not isinstance(state, dict)
            or not request.db
            or state.get("d") != request.db
        ):
            return None, None
        try:
            provider_id = int(state.get("p"))
        except (TypeError, ValueError):
            return None, None
        # The callback comes before any sign-in, as auth_oauth's.
        provider = (
            request.env["auth.oauth.provider"]
            .with_user(SUPERUSER_ID)
            .browse(provider_id)
        )
        if not provider.exists() or not provider.grc_protocol:
            return None, None
        return provider, state

    @staticmethod
    def _grc_oidc_pop_pending(state, provider):
        pending = dict(request.session.get(PENDING_KEY) or {})
        entry = pending.pop(str(state.get("s") or ""), None)
        request.session[PENDING_KEY] = pending
        if (
            not entry
            or entry.get("provider") != provider.id
            or time.time() - entry.get("time", 0) > PENDING_MAX_AGE
        ):
            raise GrcOidcError("state")
        return entry

    @staticmethod
    def _grc_enabled_provider(kw):
        """Whether the callback names a provider in use: auth_oauth would
        otherwise ask the validation endpoint of any provider, enabled or
        not, with whatever token a visitor sends."""
        try:
            state = json.loads(kw.get("state") or "")
            provider_id = int(state["p"])
        except (ValueError, TypeError, KeyError, IndexError):
            return False
        return bool(
            request.env["auth.oauth.provider"]
            .with_user(SUPERUSER_ID)
            .search_count([("id", "=", provider_id), ("enabled", "=", True)])
        )

    @http.route()
    def signin(self, **kw):
        provider, state = self._grc_oidc_provider(kw)
        if not provider:
            if not self._grc_enabled_provider(kw):
                # auth_oauth's own "access denied" on the login page.
                response = request.redirect("/web/login?oauth_error=2", 303)
                response.autocorrect_location_header = False
                return response
            return super().signin(**kw)
        try:
            pending = self._grc_oidc_pop_pending(state, provider)
            result = provider._grc_authenticate(kw, pending, _signin_url())
            # As the superuser (auth_oauth's signin does the same): the
            # identity was just verified; finding or linking its account
            # reads and writes users. Not sudo(): this route has no user.
            user = (
                request.env["res.users"]
                .with_user(SUPERUSER_ID)
                ._grc_oidc_resolve_user(provider, result["claims"], pending["link"])
            )
        except GrcOidcError as error:
            request.env.cr.rollback()
            _logger.info(
                "Sign-in with %s refused: %s %s",
                provider.name,
                error.code,
                error.detail,
            )
            response = request.redirect(
                "/web/login?" + url_encode({"grc_oidc_error": error.code}), 303
            )
            response.autocorrect_location_header = False
            return response
        # Read by res.users.auth_oauth during this request only.
        request.grc_oidc_result = {
            "provider_id": provider.id,
            "user_id": user.id,
            "access_token": result["access_token"],
        }
        response = super().signin(**kw)
        if user.id in (request.session.uid, request.session.get("pre_uid")):
            request.session[LOGOUT_KEY] = {
                "provider": provider.id,
                "id_token": result["id_token"],
            }
        return response


class GrcSession(Session):
    @http.route()
    def logout(self, redirect="/odoo"):
        """Leaving the portal ends the FranceConnect (or ProConnect) session
        too: the provider's logout with the ID token as hint, back home."""
        signed_in = request.session.get(LOGOUT_KEY)
        response = super().logout(redirect=redirect)
        if not signed_in or not request.db:
            return response
        # sudo: the session is closed; only the provider's logout URL is read.
        provider = (
            request.env["auth.oauth.provider"].sudo().browse(signed_in["provider"])
        )
        if not provider.exists() or not provider.end_session_endpoint:
            return response
        params = {
            "id_token_hint": signed_in["id_token"],
            "state": secrets.token_urlsafe(16),
            "post_logout_redirect_uri": request.httprequest.url_root,
        }
        return request.redirect(
            f"{provider.end_session_endpoint}?{url_encode(params)}", 303, local=False
        )
