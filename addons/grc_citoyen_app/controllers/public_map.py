# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public map of reports: the page, its bounded query, approved photos."""

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools.image import image_process

from .report import json_response

PHOTO_SIZE = (800, 800)


class GrcAppPublicMap(http.Controller):
    @http.route("/carte", type="http", auth="public", website=True, sitemap=True)
    def grc_public_map_page(self, **kw):
        # sudo: the published démarches shown on the map, for any visitor.
        request_types = (
            request.env["grc.request.type"]
            .sudo()
            .search([("grc_public_map", "=", True), ("is_published", "=", True)])
        )
        return request.render(
            "grc_citoyen_app.public_map_page",
            {
                "request_types": request_types,
                "is_public": request.env.user._is_public(),
            },
        )

    @http.route(
        "/carte/signalements.json",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def grc_public_map_reports(self, bbox=None, **kw):
        tickets = request.env["helpdesk.ticket"]
        try:
            box = tickets._grc_parse_bbox(bbox)
        except ValidationError as error:
            return json_response({"error": error.args[0]}, status=400)
        return json_response(tickets._grc_public_map(box))

    @http.route(
        "/carte/photo/<int:request_id>",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def grc_public_map_photo(self, request_id, **kw):
        photo = request.env["helpdesk.ticket"]._grc_public_photo(request_id)
        if not photo:
            raise request.not_found()
        return request.make_response(
            image_process(photo, size=PHOTO_SIZE, output_format="JPEG"),
            headers=[
                ("Content-Type", "image/jpeg"),
                ("Cache-Control", "public, max-age=3600"),
            ],
        )
