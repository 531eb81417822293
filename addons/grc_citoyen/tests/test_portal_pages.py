# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What axe-core does not see on the pages a visitor or a citizen reaches:
one <h1> each, French words in a French website, an account form for a
citizen, the authority's time zone, a home page and a catalogue search that
understand citizens."""

import re
from datetime import datetime

from lxml import html

from odoo.tests import tagged

from .test_portal_accessibility import PortalAccessibilityCommon

# English words Odoo shows in a French website when its titles and labels
# come from template names or Python expressions.
ENGLISH = re.compile(
    r"\b(Home|Login|Sign in|My Portal|My account|Toggle navigation|Previous|Next"
    r"|Page Not Found|Contact Us|Logo of|Main|Mobile)\b"
)
TRANSLATED_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


@tagged("post_install", "-at_install")
class TestPortalPages(PortalAccessibilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_pothole = cls.env["grc.request.type"].create(
            {
                "name": "Nid-de-poule ou chaussée dégradée",
                "search_keywords": "route, trou",
                "team_id": cls.team_voirie.id,
                "is_published": True,
            }
        )
        cls.type_bins = cls.env["grc.request.type"].create(
            {
                "name": "Bac de collecte cassé",
                "search_keywords": "poubelle, conteneur",
                "team_id": cls.team_voirie.id,
                "is_published": True,
            }
        )

    def _visitor_pages(self):
        slug = self.env["ir.http"]._slug(self.type_lamp)
        return [
            "/",
            "/demarches",
            f"/demarches/{slug}",
            f"/demarches/{self.type_lamp.id}/nouvelle",
            "/suivi",
            "/web/login",
            "/web/reset_password",
            "/contactus",
        ]

    def _citizen_pages(self):
        return ["/my", "/my/account", "/my/security", "/my/requests"]

    def _get_any(self, url):
        response = self.url_open(url)
        self.assertIn(response.status_code, (200, 404), url)
        return html.fromstring(response.content)

    def test_one_h1_per_page(self):
        """Every page, Odoo's included, has exactly one level-1 heading."""
        for url in [*self._visitor_pages(), "/no-such-page-h1"]:
            with self.subTest(url=url):
                self.assertEqual(len(self._get_any(url).xpath("//h1")), 1, url)
        self.authenticate("helene-a11y", "helene-a11y")
        for url in self._citizen_pages():
            with self.subTest(url=url):
                self.assertEqual(len(self._get(url).xpath("//h1")), 1, url)

    def test_french_website_speaks_french(self):
        """In a French website, no title, label or heading stays in English."""
        french = self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["web", "http_routing", "auth_signup", "portal", "website", "grc_citoyen"],
            ["fr_FR"],
        )
        website = self.env["website"].get_current_website()
        website.write({"language_ids": [(4, french.id)], "default_lang_id": french.id})
        self.env["res.users"].browse(self.user_helene.id).lang = "fr_FR"

        def check(url, page):
            texts = [page.findtext(".//title")]
            texts += [
                element.get(name)
                for name in TRANSLATED_ATTRIBUTES
                for element in page.xpath(f"//*[@{name}]")
            ]
            texts += [
                heading.text_content()
                for heading in page.xpath("//h1|//h2|//nav//a|//nav//button")
            ]
            english = {
                match for text in texts if text for match in ENGLISH.findall(text)
            }
            self.assertFalse(english, f"{url}: English words {english}")

        # A first visit from a French browser.
        self.opener.cookies.clear()
        self.opener.headers["Accept-Language"] = "fr-FR,fr;q=0.9"
        for url in [*self._visitor_pages(), "/no-such-page-fr"]:
            with self.subTest(url=url):
                check(url, self._get_any(url))
        self.authenticate("helene-a11y", "helene-a11y")
        for url in self._citizen_pages():
            with self.subTest(url=url):
                check(url, self._get(url))

    def test_account_asks_a_citizen_what_a_citizen_has(self):
        """/my/account: no company name nor VAT number for a citizen, and
        every field tied to its label."""
        self.authenticate("helene-a11y", "helene-a11y")
        page = self._get("/my/account")
        self.assertPageAccessible(page, "Contact Details")
        for name in ("company_name", "vat"):
            self.assertFalse(page.xpath("//*[@name=$name]", name=name), name)
        fields = page.xpath(
            "//form[@action='/my/account']//*[self::input or self::select]"
            "[not(@type='hidden')]"
        )
        self.assertGreaterEqual(len(fields), 8)
        for field in fields:
            with self.subTest(field=field.get("name")):
                self.assertTrue(
                    page.xpath("//label[@for=$id]", id=field.get("id") or "-"),
                    f"{field.get('name')} has a label",
                )

    def test_visitor_sees_the_authority_time(self):
        """Anonymous pages show times in the authority's time zone (Paris),
        not UTC."""
        self.request.sudo().received_date = datetime(2026, 1, 15, 9, 5)
        page = self._post(
            "/suivi", reference=self.request.number, email="helene.nunez@example.fr"
        )
        text = page.find(".//main").text_content()
        self.assertIn("10:05", text)
        self.assertNotIn("09:05", text)
        self.env.company.partner_id.tz = "America/Cayenne"
        page = self._post(
            "/suivi", reference=self.request.number, email="helene.nunez@example.fr"
        )
        self.assertIn("06:05", page.find(".//main").text_content())

    def test_catalogue_search_tolerant(self):
        """Spaces for hyphens, plurals, accents, common words and keywords."""
        for search, found in (
            ("nid de poule", self.type_pothole),
            ("un NID-DE-POULE sur la chaussee", self.type_pothole),
            ("route", self.type_pothole),
            ("poubelles", self.type_bins),
            ("bac casse", self.type_bins),
            ("eclairage", self.type_lamp),
        ):
            with self.subTest(search=search):
                page = self._get(f"/demarches?search={search}")
                names = [
                    " ".join(link.text_content().split())
                    for link in page.xpath("//main//a[contains(@href, '/demarches/')]")
                ]
                self.assertIn(found.name, " ".join(names))
                for other in (self.type_pothole | self.type_bins) - found:
                    self.assertNotIn(other.name, " ".join(names))
        page = self._get("/demarches?search=piscine")
        self.assertFalse(page.xpath("//main//a[contains(@href, '/demarches/')]"))

    def test_home_page_serves_citizens(self):
        """The home page: search, the most asked démarches, follow-up and
        opening hours."""
        self.env.company.grc_opening_hours = "Du lundi au vendredi, 8 h 30 - 17 h"
        self._create_request(request_type_id=self.type_bins.id)
        self._create_request(request_type_id=self.type_bins.id)
        page = self._get("/")
        main = self.assertPageAccessible(page, "Home")
        self.assertTrue(
            main.xpath(".//form[@action='/demarches']//input[@name='search']")
        )
        popular = main.xpath(".//*[@aria-labelledby='grc_home_popular_title']//li/a")
        self.assertEqual(popular[0].text_content().strip(), self.type_bins.name)
        self.assertTrue(main.xpath(".//a[@href='/suivi']"))
        self.assertIn("8 h 30 - 17 h", main.text_content())
