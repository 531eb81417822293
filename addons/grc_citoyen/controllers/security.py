# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Routes of Odoo's own addons, narrowed for citizens and anonymous visitors.

Each override keeps the route for the town hall's staff and gives everybody
else what a route that does not exist gives.
"""

from odoo import http
from odoo.http import request
from odoo.tools import email_normalize

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.web.controllers.session import Session
from odoo.addons.website.controllers.main import Website


class GrcWebsiteInfo(Website):
    @http.route(
        "/website/info",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        readonly=True,
    )
    def website_info(self, **kwargs):
        """Installed applications and server version: a map for an attacker,
        of no use to citizens."""
        if not request.env.user._is_internal():
            raise request.not_found()
        return super().website_info(**kwargs)


class GrcSession(Session):
    @http.route("/web/session/modules", type="json", auth="user", readonly=True)
    def modules(self):
        """Every installed module: the web client of staff only asks for it."""
        if not request.env.user._is_internal():
            raise request.not_found()
        return super().modules()


class GrcPortalAccount(CustomerPortal):
    def details_form_validate(self, data, partner_creation=False):
        """A citizen's e-mail address is changed by the town hall only.

        The address tells which citizen a request sent by mail, by the
        mobile app or from the online form without an account belongs to
        (grc.citizen.dedup): an account that could take any address would
        see the requests of the person owning it.
        """
        error, error_message = super().details_form_validate(
            data, partner_creation=partner_creation
        )
        partner = request.env.user.partner_id
        if (
            partner_creation
            or not request.env.user.share
            or not partner.email
            or "email" not in data
        ):
            return error, error_message
        new_email = email_normalize(data["email"]) or data["email"]
        if new_email != (partner.email_normalized or partner.email):
            error["email"] = "error"
            error_message.append(
                request.env._(
                    "Your e-mail address identifies you for your requests: "
                    "ask the town hall to change it."
                )
            )
        return error, error_message
