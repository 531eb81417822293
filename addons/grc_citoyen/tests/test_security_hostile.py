# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anonymous forms that make the town hall send mail, and hostile input:
limits per visitor and per recipient, honeypot, no visitor text printed as
the town hall's, no server error (nor traceback) for what a visitor types."""

import re
import uuid
from html import unescape

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import GrcCommon

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


class AnonymousFormCommon(ThrottleMixin, GrcCommon):
    """The online form without an account, posted by a visitor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"
        cls.drafts = cls.env["grc.request.draft"]

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


@tagged("post_install", "-at_install")
class TestAnonymousRequestForm(HttpCase, AnonymousFormCommon):
    """The online form without an account mails a confirmation link."""

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

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
