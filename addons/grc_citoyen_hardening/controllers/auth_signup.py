# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's sign-up and password reset forms mail an address typed by a
visitor: limited like GRC's own anonymous forms (per visitor, per address)."""

from odoo import http
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome
from odoo.addons.grc_citoyen.controllers.throttle import grc_throttled


class GrcAuthSignupThrottle(AuthSignupHome):
    @http.route()
    def web_auth_signup(self, *args, **kw):
        """Each sign-up mails the new account."""
        if request.httprequest.method == "POST":
            blocked = grc_throttled(kw.get("login"))
            if blocked:
                return blocked
        return super().web_auth_signup(*args, **kw)

    @http.route()
    def web_auth_reset_password(self, *args, **kw):
        """Each request mails a reset link to the account's owner."""
        if request.httprequest.method == "POST" and not kw.get("token"):
            blocked = grc_throttled(kw.get("login"))
            if blocked:
                return blocked
        return super().web_auth_reset_password(*args, **kw)
