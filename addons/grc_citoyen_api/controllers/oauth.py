# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""OAuth 2.0 for native apps (authorization code with PKCE): the citizen
signs in on the portal (or FranceConnect, when installed: it is a way to sign
in to the portal) and allows the app; the app gets its tokens at /oauth/token.
The hand-issued tokens of "Connection & Security" stay for scripts."""

import json
from urllib.parse import urlencode

from odoo import http
from odoo.http import request

from ..models.grc_oauth_code import GrcOauthError

AUTHORIZE_PARAMS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "code_challenge",
    "code_challenge_method",
    "state",
    "scope",
)


def _oauth_json(values, status=200):
    return request.make_response(
        json.dumps(values),
        headers=[
            ("Content-Type", "application/json"),
            ("Cache-Control", "no-store"),
            ("Pragma", "no-cache"),
        ],
        status=status,
    )


def _redirect_back(redirect_uri, **values):
    separator = "&" if "?" in redirect_uri else "?"
    query = urlencode({key: value for key, value in values.items() if value})
    return request.redirect(f"{redirect_uri}{separator}{query}", local=False)


class GrcOauthController(http.Controller):
    def _grc_params(self, kw):
        return {
            name: kw.get(name)
            for name in AUTHORIZE_PARAMS
            if isinstance(kw.get(name), str)
        }

    @http.route(
        "/oauth/authorize",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=False,
    )
    def grc_oauth_authorize(self, **kw):
        params = self._grc_params(kw)
        codes = request.env["grc.oauth.code"]
        try:
            client = codes._grc_check_authorize(params)
        except GrcOauthError as error:
            # Never redirected to an address the app did not register.
            return request.render(
                "grc_citoyen_api.oauth_error_page", {"error": str(error)}, status=400
            )
        user = request.env.user
        if user._is_public():
            query = urlencode({"redirect": f"/oauth/authorize?{urlencode(params)}"})
            return request.redirect(f"/web/login?{query}")
        if not user._is_portal():
            return request.render(
                "grc_citoyen_api.oauth_error_page",
                {"error": request.env._("Apps sign citizens in, not agents.")},
                status=403,
            )
        if request.httprequest.method == "POST":
            if kw.get("decision") != "allow":
                return _redirect_back(
                    params["redirect_uri"],
                    error="access_denied",
                    state=params.get("state"),
                )
            code = codes._grc_authorize(user, params)
            return _redirect_back(
                params["redirect_uri"], code=code, state=params.get("state")
            )
        return request.render(
            "grc_citoyen_api.oauth_consent_page", {"client": client, "params": params}
        )

    @http.route(
        "/oauth/token",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        sitemap=False,
        save_session=False,
    )
    def grc_oauth_token(self, **kw):
        codes = request.env["grc.oauth.code"]
        grant_type = kw.get("grant_type")
        try:
            if grant_type == "authorization_code":
                result = codes._grc_exchange(kw)
            elif grant_type == "refresh_token":
                result = codes._grc_refresh(kw)
            else:
                raise GrcOauthError(
                    "unsupported_grant_type",
                    codes.env._(
                        "Only authorization_code and refresh_token are offered."
                    ),
                )
        except GrcOauthError as error:
            # Answered, not raised: a code tried with a wrong verifier stays used.
            status = 401 if error.code == "invalid_client" else 400
            return _oauth_json(
                {"error": error.code, "error_description": str(error)}, status=status
            )
        return _oauth_json(result)

    @http.route(
        "/oauth/revoke",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        sitemap=False,
        save_session=False,
    )
    def grc_oauth_revoke(self, **kw):
        request.env["grc.oauth.code"]._grc_revoke_token(kw)
        return _oauth_json({})
