# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class GrcPortalEmail(CustomerPortal):
    """The citizen's e-mail address on the portal: a change asked on the
    account page is made once the link mailed to the new address is opened
    (res.partner._grc_request_email_change)."""

    @http.route()
    def account(self, redirect=None, **post):
        partner = request.env.user.partner_id
        pending = partner.grc_email_pending, partner.grc_email_pending_expiry
        response = super().account(redirect=redirect, **post)
        asked = (
            partner.grc_email_pending,
            partner.grc_email_pending_expiry,
        ) != pending
        if asked and getattr(response, "status_code", 200) in (301, 302, 303):
            # Back on the page that says where the link went.
            return request.redirect("/my/account")
        return response

    @http.route(
        "/my/account/email/verify",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def grc_email_verify(self, **kw):
        """Send a link to the current address, which the account has not
        proved yet (self sign-up)."""
        partner = request.env.user.partner_id
        if request.env.user.share and partner.email and not partner.grc_email_verified:
            partner._grc_request_email_change(partner.email)
        return request.redirect("/my/account")

    @http.route(
        "/my/account/email/<int:partner_id>/confirm",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def grc_email_confirm(self, partner_id, token=None, **kw):
        # sudo: the signed token is the credential; the model checks it.
        partner = request.env["res.partner"].sudo().browse(partner_id).exists()
        error = request.env._(
            "This link is not valid: it may have expired or been replaced."
        )
        if partner:
            error = partner._grc_confirm_email_change(token)
        return request.render(
            "grc_citoyen.portal_email_change_result",
            {"grc_error": error, "grc_email": not error and partner.email},
            status=400 if error else 200,
            headers={"Cache-Control": "no-store"},
        )
