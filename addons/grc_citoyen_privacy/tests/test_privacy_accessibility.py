# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

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
        self.assertIn("/donnees-personnelles", pages)

    def test_notice_page(self):
        """The notice of personal data, for visitors, says what the register
        says and passes the checks of the portal pages."""
        self.type_lamp.retention_months = 42
        self.env.company.grc_dpo_user_id = new_test_user(
            self.env, login="notice-dpo", email="dpo@saint-exemple.fr"
        )
        self.team_voirie.user_ids = new_test_user(self.env, login="notice-agent")
        page = self._get("/donnees-personnelles")
        self.assertPageAccessible(page, "Personal data")
        text = page.text_content()
        self.assertIn("Éclairage public en panne", text)
        self.assertIn("42", [cell.text_content() for cell in page.iter("td")])
        self.assertIn("dpo@saint-exemple.fr", text)
        self.assertIn("Voirie", text)
        self.assertNotIn("notice-agent", text, "No agent is named.")

    def test_footer_links_to_the_notice(self):
        """The "Personal data" link of every page's footer (and the legal
        notice) lead to the notice generated from the register."""
        website = self.env["website"].get_current_website()
        self.assertEqual(website._grc_personal_data_url(), "/donnees-personnelles")
        if not hasattr(website, "_grc_legal_links"):
            self.skipTest("grc_citoyen_accessibility (the footer) is not installed")
        for url in ("/demarches", "/mentions-legales"):
            with self.subTest(url=url):
                page = self._get(url)
                links = page.find(".//footer").xpath(
                    ".//ul[hasclass('grc_legal_links')]//a"
                )
                self.assertIn(
                    ("/donnees-personnelles", "Personal data"),
                    [(link.get("href"), link.text_content()) for link in links],
                )
        notice = self._get("/mentions-legales").get_element_by_id(
            "grc_legal_data_notice"
        )
        self.assertEqual(notice.xpath(".//a/@href"), ["/donnees-personnelles"])
