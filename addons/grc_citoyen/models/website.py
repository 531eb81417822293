# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# The pages of the citizen portal its automated accessibility checks cover
# (tests/test_portal_accessibility.py, test_portal_pages.py, and axe-core in
# test_portal_axe.py), Odoo's own pages included.
CHECKED_PAGES = (
    "/",
    "/demarches",
    "/demarches/<démarche>",
    "/demarches/<démarche>/nouvelle",
    "/suivi",
    "/my",
    "/my/account",
    "/my/requests",
    "/my/requests/<request>",
    "/web/login",
    "/web/reset_password",
    "/contactus",
)


class Website(models.Model):
    _inherit = "website"

    def _grc_accessibility_checked_pages(self):
        """Hook: the pages of the citizen portal whose accessibility is checked
        automatically (title, language, headings, labels, errors), as the
        accessibility statement lists them. Addons that serve portal pages
        add theirs (and check them with PortalAccessibilityCommon)."""
        return list(CHECKED_PAGES)

    def _grc_personal_data_url(self):
        """Hook: the page telling citizens how their personal data are
        processed and their rights, when an addon publishes one (the footer
        and the legal notice link to it); None otherwise."""
        return None

    def _grc_most_requested_types(self, limit=6):
        """The published démarches most asked for over the last year, for
        the home page: counts only, one grouped query."""
        since = fields.Datetime.subtract(fields.Datetime.now(), days=365)
        types = self.env["grc.request.type"].search([("is_published", "=", True)])
        # sudo: counts of requests per démarche, no request is shown.
        groups = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [("request_type_id", "in", types.ids), ("create_date", ">=", since)],
                ["request_type_id"],
                ["__count"],
                order="__count desc",
                limit=limit,
            )
        )
        popular = self.env["grc.request.type"].browse(
            [request_type.id for request_type, _count in groups]
        )
        # A new authority without requests yet: its first démarches.
        return popular or types[:limit]
