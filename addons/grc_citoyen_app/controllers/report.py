# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Addresses for the report form: the address of a pin (reverse geocoding)
and suggestions while the address is typed, from the Base Adresse Nationale,
asked by the server (bounded, cached): the citizen's phone talks to the town
hall only."""

import json
import math

from odoo import http
from odoo.http import request


def json_response(payload, status=200):
    return request.make_response(
        json.dumps(payload),
        headers=[
            ("Content-Type", "application/json"),
            ("Cache-Control", "no-store"),
        ],
        status=status,
    )


class GrcAppAddressController(http.Controller):
    @staticmethod
    def _grc_coordinate(value, bound):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return None
        return number if math.isfinite(number) and -bound <= number <= bound else None

    @http.route(
        "/grc-app/address/reverse",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def grc_app_reverse(self, lat=None, lon=None, **kw):
        lat = self._grc_coordinate(lat, 90)
        lon = self._grc_coordinate(lon, 180)
        if lat is None or lon is None:
            return json_response(
                {"error": request.env._("This position is not valid.")}, status=400
            )
        address = request.env["base.geocoder"]._grc_ban_reverse(lat, lon)
        return json_response({"address": address})

    @http.route(
        "/grc-app/address/suggest",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def grc_app_suggest(self, q=None, **kw):
        suggestions = request.env["base.geocoder"]._grc_ban_suggest(str(q or ""))
        return json_response({"suggestions": suggestions})
