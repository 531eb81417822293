# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Mails sent from Odoo's account and contact forms are limited; server
errors show visitors no traceback."""

import json

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.misc import hmac

from odoo.addons.grc_citoyen.controllers.portal import GrcCitizenPortal
from odoo.addons.grc_citoyen.tests.common import GrcCommon
from odoo.addons.grc_citoyen.tests.test_security_hostile import (
    AnonymousFormCommon,
    ThrottleMixin,
)


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
class TestAnonymousFormHostileInput(HttpCase, AnonymousFormCommon):
    """Hostile values on the online form: 4xx, nothing stored."""

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

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
        tickets = self.env["helpdesk.ticket"]
        before = tickets.search([])
        with mute_logger("odoo.http"):
            response = self._post_form(description="Lampadaire\x00éteint")
        self.assertEqual(response.status_code, 400)
        with mute_logger("odoo.http"):
            response = self.url_open("/demarches?search=%00")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(tickets.search([]), before)
