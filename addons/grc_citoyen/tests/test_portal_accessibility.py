# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import urlsplit

from lxml import html

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GrcCommon

FIELD_TAGS = ("input", "textarea", "select")
NOT_FIELDS = ("hidden", "submit", "button", "reset", "image")


class PortalAccessibilityCommon(HttpCase, GrcCommon):
    """RGAA checks on the rendered pages of the citizen portal: title, language,
    headings, labels, errors tied to their field and announced. Addons that
    serve portal pages check theirs with it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_lamp.write({"is_published": True, "attachments_allowed": True})
        cls.user_helene = new_test_user(
            cls.env,
            login="helene-a11y",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
            email="helene.nunez@example.fr",
        )
        cls.request = cls._create_request()

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    def _get(self, url, data=None):
        response = self.url_open(url, data=data)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.content)

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _post(self, url, **data):
        return self._get(url, dict(data, csrf_token=http.Request.csrf_token(self)))

    def assertPageAccessible(self, page, title):
        """Language, title, headings, labels and references of one page."""
        self.assertTrue(page.get("lang"), "the page declares its language")
        page_title = page.findtext(".//title")
        self.assertTrue(
            page_title.startswith(title), f"title {page_title!r} starts with {title!r}"
        )
        main = page.find(".//main")
        levels = [
            int(element.tag[1])
            for element in main.iter("h1", "h2", "h3", "h4", "h5", "h6")
        ]
        self.assertEqual(levels[:1], [1], f"{title}: the first heading is the h1")
        self.assertEqual(levels.count(1), 1, f"{title}: one h1")
        for previous, level in zip(levels, levels[1:], strict=False):
            self.assertLessEqual(level, previous + 1, f"{title}: no level skipped")
        ids = main.xpath(".//@id")
        self.assertEqual(len(ids), len(set(ids)), f"{title}: ids are unique")
        for field in page.iter(*FIELD_TAGS):
            if field.get("type") in NOT_FIELDS:
                continue
            field_id = field.get("id")
            labelled = (
                field.get("aria-label")
                or field.get("aria-labelledby")
                or field.get("title")
                or (field_id and page.xpath("//label[@for=$id]", id=field_id))
            )
            self.assertTrue(
                labelled, f"{title}: {html.tostring(field)[:120]} has a label"
            )
        for element in page.xpath("//*[@aria-describedby]"):
            for reference in element.get("aria-describedby").split():
                self.assertTrue(
                    page.xpath("//*[@id=$id]", id=reference),
                    f"{title}: aria-describedby={reference} exists",
                )
        return main

    def assertErrorAnnounced(self, page, field_id):
        """The field is invalid, points at its error, and an alert is shown."""
        field = page.get_element_by_id(field_id)
        self.assertEqual(field.get("aria-invalid"), "true")
        described = (field.get("aria-describedby") or "").split()
        self.assertTrue(described, f"{field_id} is described by its error")
        errors = [page.get_element_by_id(reference) for reference in described]
        self.assertTrue(
            any("error" in (error.get("id") or "") for error in errors),
            f"{field_id} points at an error message",
        )
        self.assertTrue(
            page.xpath("//main//*[@role='alert']"), "the error is announced"
        )


@tagged("post_install", "-at_install")
class TestPortalAccessibility(PortalAccessibilityCommon):
    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------

    def test_public_pages(self):
        """Catalogue, démarche, form and follow-up pass the checks."""
        slug = self.env["ir.http"]._slug(self.type_lamp)
        for url, title in (
            ("/demarches", "Online services"),
            (f"/demarches/{slug}", self.type_lamp.name),
            (
                f"/demarches/{self.type_lamp.id}/nouvelle",
                f"New request: {self.type_lamp.name}",
            ),
            ("/suivi", "Follow a request"),
        ):
            with self.subTest(url=url):
                self.assertPageAccessible(self._get(url), title)

    def test_form_errors_tied_and_announced(self):
        """A form sent back with errors says so in its title and on each field."""
        page = self._post(
            f"/demarches/{self.type_lamp.id}/nouvelle",
            description="",
            citizen_name="",
            citizen_email="pas-une-adresse",
            location_latitude="north",
        )
        self.assertPageAccessible(page, f"Error: New request: {self.type_lamp.name}")
        summary = page.get_element_by_id("grc_error_summary")
        self.assertEqual(summary.get("role"), "alert")
        for field_id in (
            "grc_description",
            "grc_citizen_name",
            "grc_citizen_email",
            "grc_location_latitude",
        ):
            with self.subTest(field=field_id):
                self.assertErrorAnnounced(page, field_id)
        # Each error of the summary links to the message next to its field.
        for link in summary.iter("a"):
            self.assertTrue(
                page.get_element_by_id(link.get("href")[1:], None) is not None
            )

    def test_follow_up_error_and_result(self):
        """/suivi: a failed look-up is announced; a found request keeps the
        heading order (h1 > h2 > h3)."""
        page = self._post("/suivi", reference="DEM-1999-000001", email="x@example.fr")
        self.assertPageAccessible(page, "Error: follow a request")
        for field_id in ("grc_tracking_reference", "grc_tracking_email"):
            with self.subTest(field=field_id):
                self.assertErrorAnnounced(page, field_id)
        page = self._post(
            "/suivi", reference=self.request.number, email="helene.nunez@example.fr"
        )
        main = self.assertPageAccessible(page, "Follow a request")
        self.assertEqual(page.get_element_by_id("grc_timeline_title").tag, "h3")
        self.assertFalse(main.xpath(".//*[@role='alert']"))

    def test_account_pages(self):
        """My requests and one request pass the checks."""
        self.authenticate("helene-a11y", "helene-a11y")
        self.assertPageAccessible(self._get("/my/requests"), "My requests")
        page = self._get(f"/my/requests/{self.request.id}")
        self.assertPageAccessible(page, self.request.number)
        self.assertEqual(page.get_element_by_id("grc_timeline_title").tag, "h2")

    def test_message_error_tied_and_announced(self):
        """An empty message to the service is refused next to its field."""
        self.authenticate("helene-a11y", "helene-a11y")
        page = self._post(f"/my/requests/{self.request.id}/message", body="")
        self.assertPageAccessible(page, self.request.number)
        self.assertErrorAnnounced(page, "grc_message_body")

    def test_french_website_declares_french(self):
        """A website in French says so on its pages (lang="fr-FR")."""
        french = self.env["res.lang"]._activate_lang("fr_FR")
        website = self.env["website"].get_current_website()
        website.write({"language_ids": [(4, french.id)], "default_lang_id": french.id})
        # A first visit from a French browser: no language remembered yet.
        self.opener.cookies.clear()
        response = self.url_open(
            "/demarches", headers={"Accept-Language": "fr-FR,fr;q=0.9"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(urlsplit(response.url).path, "/demarches")
        self.assertEqual(html.fromstring(response.content).get("lang"), "fr-FR")

    def test_visible_focus_style_loaded(self):
        """The public pages load the style that keeps the keyboard focus visible."""
        paths = [
            asset[0]
            for asset in self.env["ir.asset"]._get_asset_paths(
                "web.assets_frontend", {}
            )
        ]
        self.assertIn("/grc_citoyen/static/src/scss/grc_portal.scss", paths)

    def test_checked_pages_hook(self):
        """The hook lists the pages these checks cover, once each."""
        pages = self.env["website"]._grc_accessibility_checked_pages()
        for url in ("/demarches", "/suivi", "/my/requests", "/my/requests/<request>"):
            self.assertIn(url, pages)
        self.assertEqual(len(pages), len(set(pages)))
