# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request


class GrcAccessibilityStatement(http.Controller):
    def _grc_checked_pages(self):
        """The pages the statement lists: those of the portal the checks
        cover (grc_citoyen's hook, which addons extend), then the statement."""
        return request.website._grc_accessibility_checked_pages() + ["/accessibilite"]

    @http.route(
        "/accessibilite", type="http", auth="public", website=True, sitemap=True
    )
    def grc_accessibility_statement(self, **kw):
        """The accessibility statement the law requires of public bodies'
        websites (article 47 of law 2005-102, decree 2019-768)."""
        website = request.website
        # sudo: the published results of the audits are public, as the
        # statement the law requires.
        audits = request.env["grc.accessibility.audit"].sudo()
        return request.render(
            "grc_citoyen_accessibility.portal_accessibility_statement",
            {
                # sudo: the authority's public contact details only.
                "company": website.company_id.sudo(),
                "site_url": website.domain or request.httprequest.host_url,
                "checked_pages": self._grc_checked_pages(),
                "audits": audits._grc_statement_values(website.company_id.sudo()),
            },
        )
