# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

from odoo import http
from odoo.http import request


class GrcPublicStatistics(http.Controller):
    def _grc_statistics(self):
        # sudo: the figures are aggregates of every request, published on
        # purpose; nothing else is read.
        model = request.env["grc.public.statistics"].sudo()
        return model, model._get_public_statistics(request.website.company_id)

    def _grc_open_data_response(self, body, mimetype, filename=None):
        headers = [
            ("Content-Type", mimetype),
            # Published monthly: browsers and proxies may keep it a day.
            ("Cache-Control", "public, max-age=86400"),
            ("Access-Control-Allow-Origin", "*"),
        ]
        if filename:
            headers.append(
                ("Content-Disposition", f'attachment; filename="{filename}"')
            )
        return request.make_response(body, headers=headers)

    @http.route(
        "/statistiques/donnees.csv",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def grc_public_statistics_csv(self, **kwargs):
        model, statistics = self._grc_statistics()
        return self._grc_open_data_response(
            model._open_data_csv(statistics),
            "text/csv; charset=utf-8",
            f"statistiques-{statistics['publication_date']:%Y-%m}.csv",
        )

    @http.route(
        "/statistiques/donnees.json",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def grc_public_statistics_json(self, **kwargs):
        model, statistics = self._grc_statistics()
        schema_url = request.httprequest.host_url + "statistiques/schema.json"
        return self._grc_open_data_response(
            json.dumps(
                model._open_data_json(statistics, schema_url), ensure_ascii=False
            ),
            "application/json; charset=utf-8",
        )

    @http.route(
        "/statistiques/schema.json",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def grc_public_statistics_schema(self, **kwargs):
        # sudo: the schema describes the published figures; nothing is read.
        model = request.env["grc.public.statistics"].sudo()
        return self._grc_open_data_response(
            json.dumps(model._open_data_schema(), ensure_ascii=False),
            "application/schema+json; charset=utf-8",
        )

    @http.route("/statistiques", type="http", auth="public", website=True, sitemap=True)
    def grc_public_statistics(self, **kwargs):
        """Open data: anonymous figures of the last twelve full months."""
        __, statistics = self._grc_statistics()
        response = request.render(
            "grc_pilotage.public_statistics_page", {"statistics": statistics}
        )
        if request.env.user._is_public():
            # The figures change once a day: let browsers and proxies keep the
            # anonymous page (never a page showing who is logged in).
            response.headers["Cache-Control"] = "public, max-age=3600"
        return response
