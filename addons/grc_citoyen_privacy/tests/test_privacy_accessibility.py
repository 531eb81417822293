# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.grc_citoyen.tests.test_portal_accessibility import (
    PortalAccessibilityCommon,
)


@tagged("post_install", "-at_install")
class TestPrivacyPageAccessibility(PortalAccessibilityCommon):
    def test_privacy_page(self):
        """My personal data passes the checks of the other portal pages."""
        self.authenticate("helene-a11y", "helene-a11y")
        self.assertPageAccessible(self._get("/my/privacy"), "My personal data")

    def test_privacy_page_checked(self):
        """The privacy page is among the pages the checks cover (and the
        accessibility statement lists)."""
        pages = self.env["website"]._grc_accessibility_checked_pages()
        self.assertIn("/my/privacy", pages)
