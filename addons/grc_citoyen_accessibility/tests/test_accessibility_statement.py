# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.test_portal_accessibility import (
    PortalAccessibilityCommon,
)


@tagged("post_install", "-at_install")
class TestAccessibilityStatement(PortalAccessibilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {
                "email": "mairie@ville.example.fr",
                "phone": "04 00 00 00 00",
                "street": "1 place de la Mairie",
                "zip": "69003",
                "city": "Lyon",
                "grc_accessibility_status": "partial",
            }
        )

    def assertFooterLink(self, page, title, status="partially compliant"):
        """The mention the law requires on every page, with the status."""
        link = page.xpath("//footer//a[@href='/accessibilite']")
        self.assertTrue(link, f"{title}: link to the accessibility statement")
        self.assertEqual(
            " ".join(link[0].text_content().split()), f"Accessibility: {status}"
        )

    def test_statement_page_accessible(self):
        """The statement passes the checks of the portal's pages."""
        page = self._get("/accessibilite")
        self.assertPageAccessible(page, "Accessibility statement")
        self.assertFooterLink(page, "Accessibility statement")

    def test_footer_link_on_portal_pages(self):
        """Every page of the portal links to the statement, with the status."""
        slug = self.env["ir.http"]._slug(self.type_lamp)
        for url in ("/demarches", f"/demarches/{slug}", "/suivi"):
            with self.subTest(url=url):
                self.assertFooterLink(self._get(url), url)
        self.authenticate("helene-a11y", "helene-a11y")
        self.assertFooterLink(self._get("/my/requests"), "/my/requests")

    def test_statement_lists_checked_pages(self):
        """The statement lists the pages the checks cover, itself last."""
        page = self._get("/accessibilite")
        listed = [
            " ".join(item.text_content().split())
            for item in page.xpath("//main//li[code]")
        ]
        expected = self.env["website"]._grc_accessibility_checked_pages()
        self.assertEqual(listed, expected + ["/accessibilite"])

    def test_accessibility_statement_content(self):
        """The statement holds what the law requires, with the authority's
        details, and follows the status the authority sets."""
        self.env.company.write(
            {"grc_accessibility_rate": 72.5, "grc_accessibility_auditor": "Audit&Co"}
        )
        page = self._get("/accessibilite")
        text = " ".join(page.find(".//main").text_content().split())
        for expected in (
            "article 47 of law no. 2005-102",
            "is partially compliant",
            "72.5 %",
            "Audit&Co",
            "Non-accessible content",
            "Non-conformities",
            "Content not subject to the accessibility obligation",
            "Feedback and contact",
            "mairie@ville.example.fr",
            "04 00 00 00 00",
            "Remedies",
            "Défenseur des droits",
            "Libre réponse 71120, 75342 Paris CEDEX 07",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
        self.env.company.grc_accessibility_status = "none"
        self.assertFooterLink(self._get("/demarches"), "/demarches", "not compliant")

    def test_compliance_rate_is_a_percentage(self):
        """A compliance rate above 100 % is refused."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.company.grc_accessibility_rate = 120
                self.env.company.flush_recordset()
