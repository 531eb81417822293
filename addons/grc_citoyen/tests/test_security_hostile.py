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
# A name typed to phish: forms that mail visitors never print it.
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
    """The online form, posted by a visitor who is not signed in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"

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


@tagged("post_install", "-at_install")
class TestAnonymousRequestForm(HttpCase, AnonymousFormCommon):
    """The online form for visitors who are not signed in."""

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

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
