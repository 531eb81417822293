# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Addresses suggested to the address questions of démarches' forms, from
the Base Adresse Nationale, asked by the server (bounded, cached): the
citizen's browser talks to the town hall only."""

import json

from odoo import http
from odoo.http import request

from odoo.addons.grc_citoyen_forms.controllers.portal import GrcFormsPortal


class GrcFormsAddressController(http.Controller):
    @http.route(
        "/demarches/adresses/suggestions",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def grc_forms_address_suggestions(self, q=None, **kw):
        suggestions = request.env["base.geocoder"]._grc_ban_suggest(str(q or ""))
        payload = {
            "suggestions": [
                {"label": suggestion["label"], "citycode": suggestion["citycode"]}
                for suggestion in suggestions
                if suggestion["label"]
            ]
        }
        return request.make_response(
            json.dumps(payload),
            headers=[
                ("Content-Type", "application/json"),
                ("Cache-Control", "no-store"),
            ],
        )


class GrcFormsAddressPortal(GrcFormsPortal):
    def _grc_form_hints(self, definition):
        hints = super()._grc_form_hints(definition)
        for question in definition:
            if question["kind"] == "address":
                hints[question["key"]] = " ".join(
                    filter(
                        None,
                        [
                            hints.get(question["key"]),
                            request.env._(
                                "Addresses of the national address base are "
                                "suggested as you type."
                            ),
                        ],
                    )
                )
        return hints
