# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request


class GrcLegalNotice(http.Controller):
    @http.route(
        "/mentions-legales", type="http", auth="public", website=True, sitemap=True
    )
    def grc_legal_notice(self, **kw):
        """The legal notice every website must publish (law 2004-575,
        article 6 III), generated from the authority's company."""
        website = request.website
        return request.render(
            "grc_citoyen_accessibility.portal_legal_notice",
            {
                # sudo: the authority's public details only.
                "company": website.company_id.sudo(),
                "site_url": website.domain or request.httprequest.host_url,
            },
        )
