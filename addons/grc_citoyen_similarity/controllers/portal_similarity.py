# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.grc_citoyen.controllers.portal import GrcCitizenPortal
from odoo.addons.grc_citoyen.controllers.throttle import (
    grc_honeypot_filled,
    grc_throttled,
)

PLACE_FIELDS = (
    "location_street",
    "location_zip",
    "location_city",
    "location_latitude",
    "location_longitude",
)
# The "already reported?" search has fields of its own, so that the request
# form below keeps the only location_* inputs of the page.
SEARCH_FIELDS = {f"near_{name.split('_', 1)[1]}": name for name in PLACE_FIELDS}


class GrcCitizenPortalSimilarity(GrcCitizenPortal):
    """Public-space reports: the open reports near a place on the online form,
    and "I am affected too" instead of filing the same problem again."""

    @http.route()
    def grc_request_form(self, type_id, **post):
        response = super().grc_request_form(type_id, **post)
        qcontext = getattr(response, "qcontext", None)
        if (
            qcontext is None
            or getattr(response, "template", None) != "grc_citoyen.portal_request_form"
        ):
            return response
        request_type = qcontext["request_type"]
        if request.httprequest.method == "GET":
            place = {
                name: post[key] for key, name in SEARCH_FIELDS.items() if post.get(key)
            }
            # Looked for reports nearby: the request form starts with that place.
            qcontext["form"] = dict(qcontext.get("form") or {}, **place)
        else:
            # The form came back with errors: the reports near its place.
            place = {key: post[key] for key in PLACE_FIELDS if post.get(key)}
        # sudo: visitors may not read others' reports; only joinable ones are shown.
        tickets = request.env["helpdesk.ticket"].sudo()
        nearby = tickets.browse()
        if request_type.location_required and place:
            nearby = tickets._grc_portal_nearby(request_type, place)
        qcontext.update(grc_nearby=nearby, grc_nearby_searched=bool(place))
        return response

    def _grc_joinable_request(self, request_id):
        try:
            request_id = int(request_id)
        except (TypeError, ValueError):
            return None
        # sudo: visitors may not read reports; only a joinable one is returned.
        ticket = request.env["helpdesk.ticket"].sudo().browse(request_id).exists()
        # Same answer whether the request does not exist or cannot be joined.
        if not ticket or not ticket._grc_portal_survivor()._grc_portal_can_join():
            return None
        return ticket

    @http.route(
        "/demarches/concerne",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def grc_affected_join(self, request_id=None, email=None, name=None, **kw):
        ticket = self._grc_joinable_request(request_id)
        if not ticket:
            raise request.not_found()
        values = {"grc_ticket": ticket._grc_portal_survivor()}
        try:
            if request.env.user._is_public() and grc_honeypot_filled(kw):
                # A robot: the same page as people get, nothing sent.
                values["result"] = "check_email"
            elif request.env.user._is_public():
                blocked = grc_throttled(email)
                if blocked:
                    return blocked
                ticket._grc_portal_request_join(email, name)
                values["result"] = "check_email"
            else:
                values["grc_ticket"] = ticket._grc_portal_join(
                    request.env.user.partner_id
                )
                values["result"] = "done"
        except ValidationError as error:
            values.update(result="error", error=str(error))
        return request.render("grc_citoyen_similarity.portal_affected_result", values)

    @http.route(
        "/demarches/concerne/<int:request_id>/confirmer",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def grc_affected_confirm(
        self, request_id, email=None, expires=None, token=None, name=None, **kw
    ):
        # sudo: the visitor may not read the report; _grc_portal_confirm_join checks
        # the signed link they hold.
        ticket = request.env["helpdesk.ticket"].sudo().browse(request_id).exists()
        joined = False
        if ticket:
            try:
                joined = ticket._grc_portal_confirm_join(email, expires, token, name)
            except ValidationError:
                joined = False
        if not joined:
            return request.render(
                "grc_citoyen_similarity.portal_affected_result",
                {"result": "invalid"},
                status=404,
            )
        return request.render(
            "grc_citoyen_similarity.portal_affected_result",
            {"result": "done", "grc_ticket": joined},
        )
