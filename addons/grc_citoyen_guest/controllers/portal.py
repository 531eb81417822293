# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.grc_citoyen.controllers.portal import GrcCitizenPortal
from odoo.addons.grc_citoyen.controllers.throttle import (
    grc_honeypot_filled,
    grc_throttled,
)


class GrcGuestPortal(GrcCitizenPortal):
    """A visitor's form is kept as a draft and a confirmation link is
    mailed; the link files the request through the one intake."""

    def _grc_visitor_submit(self, request_type, intake, post):
        # The draft's methods are the boundary: they switch to the superuser.
        drafts = request.env["grc.request.draft"]
        if grc_honeypot_filled(post):
            # A robot: the same page as people get, nothing stored.
            return self._grc_check_email_page(request_type, intake)
        blocked = grc_throttled(intake["citizen"]["email"])
        if blocked:
            return blocked
        # Checked by the form (_grc_check_visitor_values): not again.
        draft = drafts._grc_create_draft(intake, validated=True)
        return request.render(
            "grc_citoyen_guest.portal_request_check_email",
            {"draft": draft, "request_type": request_type},
        )

    def _grc_check_email_page(self, request_type, intake):
        draft = (
            request.env["grc.request.draft"]
            .sudo()  # a page-only record (never stored) for the visitor
            .new({"citizen_email": intake["citizen"]["email"]})
        )
        return request.render(
            "grc_citoyen_guest.portal_request_check_email",
            {"draft": draft, "request_type": request_type},
        )

    @http.route(
        "/demarches/confirmer/<string:token>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def grc_request_confirm(self, token, **kw):
        # Signed token checked by _grc_from_token, which reads as superuser.
        draft = request.env["grc.request.draft"]._grc_from_token(token)
        if not draft:
            return request.render(
                "grc_citoyen_guest.portal_request_confirm_invalid", {}, status=404
            )
        ticket = draft.action_grc_confirm()
        return request.render(
            "grc_citoyen_guest.portal_request_confirmed",
            {"grc_ticket": ticket, "ticket_url": ticket.get_portal_url()},
        )
