# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anonymous forms that make the town hall send mail, and hostile input:
limits per visitor and per recipient, honeypot, no visitor text printed as
the town hall's, no server error (nor traceback) for what a visitor types."""

import json
import re
import uuid
from html import unescape

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.misc import hmac

from ..controllers.portal import GrcCitizenPortal
from .common import GrcCommon
from .common_api import GrcApiCommon

RLO = "\u202e"
PHISHING_NAME = "Paul Durand, votre compte est suspendu: https://evil.example/pay"


class ThrottleMixin:
    def _set_limits(self, ip=None, address=None):
        params = self.env["ir.config_parameter"].sudo()
        if ip:
            params.set_param("grc_citoyen.throttle_mail_ip_max", ip)
        if address:
            params.set_param("grc_citoyen.throttle_mail_address_max", address)

    def _assert_throttled(self, response):
        self.assertEqual(response.status_code, 429, response.text[:300])
        self.assertIn("Too many requests", unescape(response.text))


@tagged("post_install", "-at_install")
class TestAnonymousRequestForm(ThrottleMixin, HttpCase, GrcCommon):
    """The online form without an account mails a confirmation link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"
        cls.drafts = cls.env["grc.request.draft"]

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _post_form(self, **values):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "idempotency_key": str(uuid.uuid4()),
            "description": "Le lampadaire du 12 rue des Lilas est éteint.",
            "citizen_name": "Paul Durand",
            "citizen_email": "paul.durand@example.fr",
        }
        data.update(values)
        return self.url_open(f"/demarches/{self.type_lamp.id}/nouvelle", data=data)

    def _confirmation_mails(self, email="paul.durand@example.fr"):
        drafts = self.drafts.search([("citizen_email", "=", email)])
        return self.env["mail.mail"].search(
            [("model", "=", "grc.request.draft"), ("res_id", "in", drafts.ids)]
        )

    def test_same_address_limited(self):
        """8 submissions in a row to one address: 3 mails, then HTTP 429."""
        statuses = [self._post_form().status_code for _index in range(8)]
        self.assertEqual(statuses, [200] * 3 + [429] * 5)
        self.assertEqual(len(self._confirmation_mails()), 3)
        self._assert_throttled(self._post_form())
        # Another recipient from another visitor is not affected.
        self.assertEqual(
            self._post_form(citizen_email="autre@example.fr").status_code, 200
        )

    def test_same_visitor_limited(self):
        """One visitor mailing many addresses is stopped too."""
        self._set_limits(ip=2)
        for index in range(2):
            response = self._post_form(citizen_email=f"victime{index}@example.fr")
            self.assertEqual(response.status_code, 200)
        self._assert_throttled(self._post_form(citizen_email="victime9@example.fr"))
        self.assertFalse(self.drafts.search([("citizen_email", "like", "victime9")]))

    def test_form_errors_are_not_counted(self):
        """A citizen correcting a mistake is not blocked by their attempts."""
        for _index in range(4):
            self.assertEqual(self._post_form(description="").status_code, 200)
        self.assertEqual(self._post_form().status_code, 200)
        self.assertEqual(len(self._confirmation_mails()), 1)

    def test_honeypot_hidden_from_people(self):
        """The honeypot is invisible, unfocusable and silent for screen readers."""
        page = self.url_open(f"/demarches/{self.type_lamp.id}/nouvelle").text
        match = re.search(
            r'<div class="visually-hidden" aria-hidden="true">\s*'
            r"<label[^>]*>[^<]*</label>\s*(<input[^>]*>)",
            page,
        )
        self.assertTrue(match, "honeypot missing")
        field = match.group(1)
        self.assertIn('name="grc_website"', field)
        self.assertIn('tabindex="-1"', field)
        self.assertIn('autocomplete="off"', field)

    def test_honeypot_filled_stores_and_sends_nothing(self):
        """A robot gets the same page as people, and nothing happens."""
        response = self._post_form(grc_website="http://spam.example")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Check your mailbox", response.text)
        self.assertIn("paul.durand@example.fr", response.text)
        self.assertFalse(self.drafts.search([]))
        self.assertFalse(self._confirmation_mails())

    def test_greeting_does_not_print_visitor_text(self):
        """The typed name is not printed by the town hall; a plain name is kept."""
        self.assertEqual(self._post_form(citizen_name=PHISHING_NAME).status_code, 200)
        mail = self._confirmation_mails()
        self.assertEqual(len(mail), 1)
        self.assertNotIn("evil.example", mail.body_html)
        self.assertNotIn("Paul Durand", mail.body_html)
        self.assertIn("Hello,", mail.body_html)
        draft = self.drafts.search([("citizen_email", "=", "paul.durand@example.fr")])
        self.assertEqual(draft.citizen_name, "Paul Durand votre compte est suspendu")

    def test_huge_and_text_ids_not_found(self):
        """Ids beyond a database integer or not numbers are not found (404)."""
        slug = f"eclairage-{2**40}"
        for url in (
            "/demarches/99999999999/nouvelle",
            f"/demarches/{2**31}/nouvelle",
            "/demarches/abc/nouvelle",
            "/demarches/-1/nouvelle",
            f"/demarches/{slug}",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)

    def test_nul_byte_refused(self):
        """A NUL character in a form is refused (400), nothing is stored."""
        with mute_logger("odoo.http"):
            response = self._post_form(description="Lampadaire\x00éteint")
        self.assertEqual(response.status_code, 400)
        with mute_logger("odoo.http"):
            response = self.url_open("/demarches?search=%00")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.drafts.search([]))


@tagged("post_install", "-at_install")
class TestAccountMailsLimited(ThrottleMixin, HttpCase, GrcCommon):
    """Sign-up, password reset and the contact form are limited the same way."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param(
            "auth_signup.reset_password", True
        )
        self.authenticate(None, None)

    def test_password_reset_limited(self):
        new_test_user(self.env, login="paul", email="paul@example.fr")
        data = {"login": "paul@example.fr"}
        for _index in range(3):
            data["csrf_token"] = http.Request.csrf_token(self)
            response = self.url_open("/web/reset_password", data=data)
            self.assertEqual(response.status_code, 200)
        data["csrf_token"] = http.Request.csrf_token(self)
        self._assert_throttled(self.url_open("/web/reset_password", data=data))

    def test_signup_limited(self):
        # Sign-up without invitation, opened for this test only.
        self.env["website"].search([]).auth_signup_uninvited = "b2c"
        self._set_limits(ip=2)
        for index in range(2):
            response = self.url_open(
                "/web/signup",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "login": f"new{index}@example.fr",
                    "name": "Nouveau",
                    "password": "Un mot de passe assez long",
                    "confirm_password": "autre",
                },
            )
            self.assertNotEqual(response.status_code, 429)
            self.authenticate(None, None)
        self._assert_throttled(
            self.url_open(
                "/web/signup",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "login": "new9@example.fr",
                },
            )
        )

    def test_contact_form_limited(self):
        self._set_limits(address=2)
        email_to = "mairie@ville.example.fr"
        data = {
            "email_from": "visiteur@example.fr",
            "email_to": email_to,
            "website_form_signature": hmac(
                self.env(su=True), "website_form_signature", email_to
            ),
            "subject": "Question",
            "body_html": "Bonjour",
        }
        for _index in range(2):
            response = self.url_open("/website/form/mail.mail", data=data)
            self.assertEqual(response.status_code, 200)
            self.assertIn("id", json.loads(response.text))
        response = self.url_open("/website/form/mail.mail", data=data)
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many requests", json.loads(response.text)["error"])

    def test_contact_form_without_signature(self):
        """A post without the form's signature is refused, not a server error."""
        response = self.url_open(
            "/website/form/mail.mail",
            data={"email_from": "visiteur@example.fr", "body_html": "Bonjour"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("error", json.loads(response.text))


@tagged("post_install", "-at_install")
class TestErrorPagesHideTraceback(HttpCase, GrcCommon):
    """A server error shows no traceback to visitors and citizens, even with
    ?debug=1; staff still see it in debug mode."""

    def _crash_catalogue(self):
        def boom(*args, **kwargs):
            raise ZeroDivisionError("GRC-BOOM")

        self.patch(GrcCitizenPortal, "_grc_published_types", boom)

    def _page(self):
        with mute_logger("odoo.http"):
            response = self.url_open("/demarches?debug=1")
        self.assertEqual(response.status_code, 500)
        return response.text

    def test_visitor_and_citizen_see_no_traceback(self):
        self._crash_catalogue()
        helene, _marc = self._create_portal_users("hostile_debug")
        for login in (None, helene.login):
            with self.subTest(login=login):
                self.authenticate(login, login)
                page = self._page()
                self.assertNotIn("Traceback", page)
                self.assertNotIn("GRC-BOOM", page)
                self.assertNotIn(".py", page)

    def test_staff_see_traceback_in_debug(self):
        self._crash_catalogue()
        self.authenticate("admin", "admin")
        self.assertIn("GRC-BOOM", self._page())


@tagged("post_install", "-at_install")
class TestApiNul(GrcApiCommon, HttpCase):
    """A NUL character sent to the API is an invalid field (422), answered in
    the API's error format."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.endpoint._handle_registry_sync()

    def _request(self, method, path, **kwargs):
        return self.opener.request(
            method,
            f"{self.base_url()}/api/grc/v1{path}",
            headers=self._headers(self.token_a),
            timeout=30,
            **kwargs,
        )

    def test_patch_me_with_nul(self):
        for field, value in (
            ("phone", "06\x0012"),
            ("mobile", "\x00"),
            ("email", "helene\x00@example.fr"),
            ("preferred_channel", "email\x00"),
        ):
            with self.subTest(field=field):
                response = self._request("PATCH", "/me", json={field: value})
                self.assertEqual(response.status_code, 422, response.text)
                self.assertEqual(response.json()["error"]["field"], field)

    def test_request_and_message_with_nul(self):
        response = self._request(
            "POST",
            "/requests",
            data={"request_type_id": self.type_lamp.id, "description": "a\x00b"},
        )
        self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual(response.json()["error"]["field"], "description")
        ticket = self._create_request(partner_id=self.citizen.id)
        response = self._request(
            "POST", f"/requests/{ticket.id}/messages", data={"body": "a\x00b"}
        )
        self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual(response.json()["error"]["field"], "body")


@tagged("post_install", "-at_install")
class TestBidiControlsRemoved(GrcCommon):
    """Right-to-left overrides and other bidirectional controls are removed
    from citizens' names, request titles and complaint subjects."""

    def test_partner_names(self):
        partner = self.env["res.partner"].create(
            {"name": f"Paul{RLO}gnp.exe\u2066", "is_citizen": True}
        )
        self.assertEqual(partner.name, "Paulgnp.exe")
        partner.name = "\u200fMarie\u061c Curie\u202a"
        self.assertEqual(partner.name, "Marie Curie")

    def test_intake_title_and_citizen(self):
        ticket = self.env["helpdesk.ticket"]._grc_submit_request(
            {
                "request_type_id": self.type_lamp.id,
                "name": f"Lampadaire {RLO}éteint",
                "description": "Éteint depuis lundi",
                "citizen": {
                    "name": f"Jean{RLO} Dupont",
                    "email": "jean.dupont@example.fr",
                },
            }
        )
        self.assertEqual(ticket.name, "Lampadaire éteint")
        self.assertEqual(ticket.partner_id.name, "Jean Dupont")
