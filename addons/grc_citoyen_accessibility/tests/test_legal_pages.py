# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.grc_citoyen.tests.axe_common import AxeCase
from odoo.addons.grc_citoyen.tests.test_portal_accessibility import (
    PortalAccessibilityCommon,
)


@tagged("post_install", "-at_install")
class TestLegalPages(PortalAccessibilityCommon):
    """The authority's own contact and legal pages, generated from its
    company, instead of Odoo's advertisement and demo company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {
                "name": "Mairie de Saint-Exemple",
                "email": "mairie@saint-exemple.example.fr",
                "phone": "04 00 00 00 00",
                "street": "1 place de la Mairie",
                "zip": "69003",
                "city": "Saint-Exemple",
                "company_registry": "21690000000017",
                "grc_opening_hours": "Du lundi au vendredi, 8 h 30 - 17 h",
                "grc_legal_publisher": "Claire Dupont, maire",
                "grc_legal_host": "Hébergeur Public SAS, 2 rue du Serveur, 75000 Paris",
                "grc_dpo_email": "dpo@saint-exemple.example.fr",
            }
        )

    def test_footer_without_advertisement(self):
        """Every page's footer links to the legal pages, not to Odoo."""
        for url in ("/demarches", "/suivi", "/accessibilite", "/mentions-legales"):
            with self.subTest(url=url):
                page = self._get(url)
                footer = page.find(".//footer")
                text = " ".join(footer.text_content().split())
                self.assertNotIn("Powered by", text)
                self.assertNotIn("free website", text)
                self.assertFalse(footer.xpath(".//a[contains(@href, 'odoo.com')]"))
                links = footer.xpath(".//ul[hasclass('grc_legal_links')]//a/@href")
                self.assertEqual(
                    links,
                    [
                        "/mentions-legales",
                        # The notice of personal data when an addon publishes
                        # one (grc_citoyen_privacy), else the legal notice's.
                        self.env["website"]._grc_personal_data_url()
                        or "/mentions-legales#grc_personal_data",
                        "/contactus",
                    ],
                )
                self.assertIn("1 place de la Mairie", text)
                self.assertIn("8 h 30 - 17 h", text)

    def test_contact_page_is_the_authority(self):
        """The contact page shows the authority, not Odoo's demo company."""
        page = self._get("/contactus")
        text = " ".join(page.find(".//main").text_content().split())
        self.assertNotIn("Buena Vista", text)
        self.assertNotIn("555-555", text)
        self.assertNotIn("yourcompany.example.com", text)
        for expected in (
            "Mairie de Saint-Exemple",
            "1 place de la Mairie",
            "69003 Saint-Exemple",
            "04 00 00 00 00",
            "mairie@saint-exemple.example.fr",
            "8 h 30 - 17 h",
        ):
            self.assertIn(expected, text)

    def test_legal_notice(self):
        """The legal notice: publisher, director, host, personal data."""
        page = self._get("/mentions-legales")
        self.assertPageAccessible(page, "Legal notice")
        text = " ".join(page.find(".//main").text_content().split())
        for expected in (
            "Mairie de Saint-Exemple",
            "SIRET: 21690000000017",
            "Director of publication: Claire Dupont, maire",
            "Hébergeur Public SAS",
            "dpo@saint-exemple.example.fr",
            "CNIL",
        ):
            self.assertIn(expected, text)
        self.assertTrue(page.get_element_by_id("grc_personal_data") is not None)
        self.assertTrue(page.xpath("//main//a[@href='/accessibilite']"))


@tagged("post_install", "-at_install")
class TestLegalPagesAxe(AxeCase, PortalAccessibilityCommon):
    def test_statement_and_legal_pages(self):
        """axe-core: no critical or serious violation on the statement, the
        legal notice and the contact page."""
        self.env.company.write(
            {
                "grc_accessibility_status": "partial",
                "grc_accessibility_rate": 80,
                "grc_accessibility_date": "2026-01-01",
                "email": "mairie@saint-exemple.example.fr",
                "grc_opening_hours": "Du lundi au vendredi",
            }
        )
        self.assertAxeClean(["/accessibilite", "/mentions-legales", "/contactus"])
