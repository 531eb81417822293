# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The anonymous "I am affected too" form makes the town hall send mail: it
is limited by core's throttle like the other anonymous forms."""

from html import unescape

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen.tests.test_security_hostile import (
    PHISHING_NAME,
    ThrottleMixin,
)

from .test_similarity import SimilarityCommon


@tagged("post_install", "-at_install")
class TestAnonymousAffectedToo(ThrottleMixin, HttpCase, SimilarityCommon):
    """ "I am affected too" without an account mails a confirmation link."""

    def setUp(self):
        super().setUp()
        self.env.company.email = "mairie@ville.example.fr"
        self.authenticate(None, None)

    def _join(self, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        data.setdefault("request_id", self.report.id)
        data.setdefault("email", "voisin@example.fr")
        return self.url_open("/demarches/concerne", data=data)

    def _mails(self):
        return (
            self.env["mail.mail"]
            .search(
                [("model", "=", "helpdesk.ticket"), ("res_id", "=", self.report.id)]
            )
            .filtered(lambda mail: "affected too" in (mail.subject or ""))
        )

    def test_same_address_limited(self):
        """Joining again and again to one address stops at the limit."""
        statuses = [self._join().status_code for _index in range(5)]
        self.assertEqual(statuses, [200] * 3 + [429] * 2)
        self.assertEqual(len(self._mails()), 3)

    def test_honeypot_and_plain_name(self):
        """A robot gets the usual page and nothing is sent; the name kept in
        the link is a plain name."""
        response = self._join(grc_website="spam")
        self.assertIn("Check your mailbox", response.text)
        self.assertFalse(self._mails())
        self._join(name=PHISHING_NAME)
        body = self._mails().body_html
        self.assertNotIn("evil.example", unescape(body))
        self.assertIn("name=Paul+Durand+votre+compte+est+suspendu", unescape(body))
