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

    def test_statement_lists_the_privacy_page(self):
        """The accessibility statement covers the privacy page too."""
        page = self._get("/accessibilite")
        pages = [
            " ".join(item.text_content().split()) for item in page.xpath("//main//li")
        ]
        self.assertIn("/my/privacy", pages)
