# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.http import request


class GrcPublicStatistics(http.Controller):
    @http.route("/statistiques", type="http", auth="public", website=True, sitemap=True)
    def grc_public_statistics(self, **kwargs):
        """Open data: anonymous figures of the last twelve months."""
        # sudo: the figures are aggregates of every request, published on
        # purpose; nothing else is read.
        statistics = (
            request.env["grc.public.statistics"]
            .sudo()
            ._get_public_statistics(request.website.company_id)
        )
        response = request.render(
            "grc_pilotage.public_statistics_page", {"statistics": statistics}
        )
        if request.env.user._is_public():
            # The figures change once a day: let browsers and proxies keep the
            # anonymous page (never a page showing who is logged in).
            response.headers["Cache-Control"] = "public, max-age=3600"
        return response
