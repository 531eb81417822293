# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessDenied, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class GrcApiTokenPortal(CustomerPortal):
    """Mobile app tokens on the citizen's "Connection & Security" page: the
    citizen issues one for the app (password asked again) and revokes them."""

    def _grc_my_api_tokens(self):
        # sudo: citizens hold no right on tokens; only their own live ones are listed.
        return (
            request.env["grc.api.token"]
            .sudo()
            .search(
                [
                    ("user_id", "=", request.env.user.id),
                    ("revoked_date", "=", False),
                ]
            )
        )

    @http.route()
    def security(self, **post):
        response = super().security(**post)
        if request.env.user._is_portal():
            response.qcontext["grc_api_tokens"] = self._grc_my_api_tokens()
        return response

    @http.route(
        "/my/security/mobile-app",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def grc_api_token_issue(self, password=None, name=None, **kw):
        user = request.env.user
        if not user._is_portal():
            raise request.not_found()
        try:
            user._check_credentials(
                {"type": "password", "password": password or ""},
                {"interactive": True},
            )
        except AccessDenied:
            return self._grc_api_token_page(
                error=request.env._("Wrong password: no token was issued.")
            )
        try:
            name = request.env["helpdesk.ticket"]._grc_clean_text(name, 64)
            _record, token = request.env["grc.api.token"]._grc_issue(user, name)
        except ValidationError as error:
            return self._grc_api_token_page(error=error.args[0])
        return self._grc_api_token_page(token=token)

    def _grc_api_token_page(self, token=None, error=None):
        values = self._prepare_portal_layout_values()
        values.update(grc_api_token=token, grc_api_token_error=error)
        return request.render(
            "grc_citoyen_api.portal_my_api_token",
            values,
            headers={"Cache-Control": "no-store", "X-Frame-Options": "SAMEORIGIN"},
        )

    @http.route(
        "/my/security/mobile-app/<int:token_id>/revoke",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def grc_api_token_revoke(self, token_id, **kw):
        token = self._grc_my_api_tokens().filtered(lambda t: t.id == token_id)
        if not token:
            raise request.not_found()
        token.action_grc_revoke()
        return request.redirect("/my/security")
