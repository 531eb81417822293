# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from html import unescape
from urllib.parse import urlencode, urlparse

from lxml import html

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .test_similarity import SimilarityCommon


@tagged("post_install", "-at_install")
class TestAffectedToo(HttpCase, SimilarityCommon):
    """On the online form of a public-space démarche, citizens see the open
    reports nearby and say they are affected too, without seeing who filed them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"
        cls.report.partner_id.phone = "06 12 34 56 78"
        cls.user_marc = new_test_user(
            cls.env,
            login="marc_affected",
            groups="base.group_portal",
            name="Marc Lefebvre",
            email="marc.lefebvre@example.fr",
        )

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _nearby_page(self):
        query = urlencode({"near_street": "3 rue des Lilas", "near_zip": "69003"})
        return self.url_open(f"/demarches/{self.type_lamp.id}/nouvelle?{query}")

    def _join(self, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        data.setdefault("request_id", self.report.id)
        response = self.url_open("/demarches/concerne", data=data)
        self.env.invalidate_all()
        return response

    def test_nearby_reports_show_no_personal_data(self):
        """Reference, type, street and status are shown; the citizen is not."""
        response = self._nearby_page()
        self.assertEqual(response.status_code, 200)
        page = unescape(response.text)
        self.assertIn(self.report.number, page)
        self.assertIn("I am affected too", page)
        self.assertRegex(
            page,
            r'name="location_street"[^>]*value="3 rue des Lilas"',
            "the request form starts with the place",
        )
        for private in (
            self.citizen.name,
            self.citizen.email,
            "06 12 34 56 78",
            "lundi soir",
        ):
            self.assertNotIn(private, page)
        response = self.url_open(
            f"/demarches/{self.type_lamp.id}/nouvelle?near_street=1+rue+Foch"
            "&near_zip=75008"
        )
        self.assertNotIn(self.report.number, response.text)
        self.assertIn("grc_nearby_none", response.text)

    def test_affected_button_name_starts_with_its_text(self):
        """The button's accessible name starts with its visible text (WCAG
        2.5.3): the reference is added for screen readers, after it."""
        page = html.fromstring(self._nearby_page().content)
        button = page.xpath("//button[@name='request_id']")[0]
        self.assertIsNone(button.get("aria-label"))
        self.assertEqual(
            " ".join(button.text_content().split()),
            f"I am affected too: {self.report.number}",
        )
        hidden = button.xpath(".//span[@class='visually-hidden']")
        self.assertEqual(hidden[0].text_content().strip(), f": {self.report.number}")

    def test_nearby_reports_when_the_form_comes_back(self):
        """A form sent back with errors shows the reports near its place."""
        response = self.url_open(
            f"/demarches/{self.type_lamp.id}/nouvelle",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "idempotency_key": "form-with-errors",
                "description": "",
                "location_street": "14 rue des Lilas",
                "location_zip": "69003",
                "location_city": "Lyon",
            },
        )
        self.assertIn("grc_error_summary", response.text)
        self.assertIn(self.report.number, response.text)

    def test_logged_in_citizen_joins_once(self):
        """A logged-in citizen joins a report; doing it again changes nothing."""
        self.authenticate("marc_affected", "marc_affected")
        self.assertIn(self.report.number, self._nearby_page().text)
        notes = len(self.report.message_ids)
        for _attempt in range(2):
            response = self._join()
            self.assertEqual(response.status_code, 200)
            self.assertIn(self.report.number, response.text)
        self.assertEqual(
            self.report.grc_affected_partner_ids, self.user_marc.partner_id
        )
        self.assertEqual(len(self.report.message_ids), notes + 1)
        # Joined, not allowed to read the report nor to act on it.
        self.assertNotIn(self.user_marc.partner_id, self.report.message_partner_ids)
        response = self.url_open(f"/my/requests/{self.report.id}")
        self.assertEqual(response.status_code, 404)

    def test_csrf_token_required(self):
        """Without its CSRF token the form is refused and nothing is recorded."""
        self.authenticate("marc_affected", "marc_affected")
        with mute_logger("odoo.http"):
            response = self._join(csrf_token="forged")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.report.grc_affected_partner_ids)

    def test_anonymous_confirms_by_email(self):
        """Without an account, a link sent by e-mail records the citizen, once."""
        response = self._join(email="Voisin@Example.fr", name="Paul Voisin")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Check your mailbox", response.text)
        self.assertFalse(self.report.grc_affected_partner_ids, "not before the link")
        mail = self.env["mail.mail"].search(
            [("email_to", "=", "voisin@example.fr")], limit=1
        )
        self.assertTrue(mail)
        self.assertNotIn(self.citizen.name, mail.body_html)
        link = re.search(r'href="([^"]*/confirmer\?[^"]*)"', mail.body_html).group(1)
        link = unescape(link)
        path = urlparse(link)._replace(scheme="", netloc="").geturl()
        for _attempt in range(2):
            response = self.url_open(path)
            self.env.invalidate_all()
            self.assertEqual(response.status_code, 200)
            self.assertIn("Thank you", response.text)
        affected = self.report.grc_affected_partner_ids
        self.assertEqual(affected.email, "voisin@example.fr")
        self.assertEqual(affected.name, "Paul Voisin")
        self.assertTrue(affected.is_citizen)
        response = self.url_open(path.replace("token=", "token=x"))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(len(self.report.grc_affected_partner_ids), 1)

    def test_anonymous_invalid_email(self):
        """A wrong e-mail address is refused with a message."""
        response = self._join(email="not an address")
        self.assertIn("valid e-mail", response.text)
        self.assertFalse(
            self.env["mail.mail"].search([("email_to", "=", "not an address")])
        )

    def test_only_open_public_reports_can_be_joined(self):
        """Closed, confidential or non public-space requests cannot be joined."""
        self.authenticate("marc_affected", "marc_affected")
        confidential = self._create_request(team_id=self.team_ccas.id)
        other_type = self._create_request(request_type_id=self.type_graffiti.id)
        done = self._resolve(self._create_request())
        for ticket in (confidential, other_type, done):
            with self.subTest(ticket=ticket.number):
                response = self._join(request_id=ticket.id)
                self.assertEqual(response.status_code, 404)
                self.assertFalse(ticket.grc_affected_partner_ids)

    def test_merged_request_points_to_survivor(self):
        """A merged request shows the request that goes on, and its status."""
        own = self._create_request(partner_id=self.user_marc.partner_id.id)
        own._grc_merge_into(self.report)
        self.authenticate("marc_affected", "marc_affected")
        response = self.url_open(f"/my/requests/{own.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("grc_merged_into", response.text)
        self.assertIn(self.report.number, response.text)
        self.assertNotIn(self.citizen.name, response.text)
        # Joining a merged report joins the request it was merged into.
        self.authenticate(None, None)
        self._join(request_id=own.id, email="voisine@example.fr")
        mail = self.env["mail.mail"].search([("email_to", "=", "voisine@example.fr")])
        self.assertIn(f"/demarches/concerne/{self.report.id}/", mail.body_html)
