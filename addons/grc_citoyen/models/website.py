# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# The pages of the citizen portal its automated accessibility checks cover
# (tests/test_portal_accessibility.py).
CHECKED_PAGES = (
    "/demarches",
    "/demarches/<démarche>",
    "/demarches/<démarche>/nouvelle",
    "/suivi",
    "/my/requests",
    "/my/requests/<request>",
)


class Website(models.Model):
    _inherit = "website"

    def _grc_accessibility_checked_pages(self):
        """Hook: the pages of the citizen portal whose accessibility is checked
        automatically (title, language, headings, labels, errors), as the
        accessibility statement lists them. Addons that serve portal pages
        add theirs (and check them with PortalAccessibilityCommon)."""
        return list(CHECKED_PAGES)
