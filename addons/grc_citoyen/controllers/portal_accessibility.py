# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

# The pages of the citizen portal the statement covers (and the tests check).
CHECKED_PAGES = (
    "/demarches",
    "/demarches/<démarche>",
    "/demarches/<démarche>/nouvelle",
    "/suivi",
    "/my/requests",
    "/my/requests/<request>",
    "/accessibilite",
)


class GrcAccessibilityStatement(http.Controller):
    def _grc_checked_pages(self):
        """The pages the statement lists; addons add the pages they serve."""
        return list(CHECKED_PAGES)

    @http.route(
        "/accessibilite", type="http", auth="public", website=True, sitemap=True
    )
    def grc_accessibility_statement(self, **kw):
        """The accessibility statement the law requires of public bodies'
        websites (article 47 of law 2005-102, decree 2019-768)."""
        website = request.website
        return request.render(
            "grc_citoyen.portal_accessibility_statement",
            {
                # sudo: the authority's public contact details only.
                "company": website.company_id.sudo(),
                "site_url": website.domain or request.httprequest.host_url,
                "checked_pages": self._grc_checked_pages(),
            },
        )
