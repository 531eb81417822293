# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The online form of a visitor who is not signed in: a draft, a link
mailed, the request filed once the link is opened."""

import re
import uuid

from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon, PortalFormMixin


@tagged("post_install", "-at_install")
class TestGuestPortal(PortalFormMixin, HttpCase, GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"
        cls.tickets = cls.env["helpdesk.ticket"]

    def test_visitor_form_key_shows_no_other_address(self):
        """A visitor posting another visitor's form key does not see the
        address the first one gave, and gets a fresh form."""
        key = str(uuid.uuid4())
        self.authenticate(None, None)
        self._post_form(
            idempotency_key=key,
            citizen_name="Paul Durand",
            citizen_email="paul.durand@example.fr",
        )
        response = self._post_form(
            idempotency_key=key,
            citizen_name="Rose Martin",
            citizen_email="rose.martin@example.fr",
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("paul.durand@example.fr", response.text)
        self.assertNotIn(f'value="{key}"', response.text)

    def test_anonymous_submission_needs_email_confirmation(self):
        """Without an account, the request counts once the e-mail is confirmed."""
        self.authenticate(None, None)
        before = self.tickets.search([])
        response = self._post_form(
            citizen_name="Paul Durand", citizen_email="paul.durand@example.fr"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("paul.durand@example.fr", response.text)
        self.assertEqual(self.tickets.search([]), before)
        draft = self.env["grc.request.draft"].search(
            [("citizen_email", "=", "paul.durand@example.fr")]
        )
        mail = self.env["mail.mail"].search(
            [("model", "=", "grc.request.draft"), ("res_id", "=", draft.id)]
        )
        link = re.search(r"/demarches/confirmer/[\w.-]+", mail.body_html).group(0)

        response = self.url_open(link)
        self.assertEqual(response.status_code, 200)
        ticket = self.tickets.search([]) - before
        self.assertEqual(len(ticket), 1)
        self.assertIn(ticket.number, response.text)
        self.assertEqual(ticket.partner_id.email, "paul.durand@example.fr")
        # A second click shows the same request.
        self.assertIn(ticket.number, self.url_open(link).text)
        self.assertEqual(self.tickets.search([]) - before, ticket)
        self.assertEqual(self.url_open(link + "x").status_code, 404)

    def test_anonymous_missing_email(self):
        """Without an account, name and e-mail are required: no draft."""
        self.authenticate(None, None)
        response = self._post_form(citizen_name="", citizen_email="nope")
        self.assertIn('id="grc_error_citizen_email"', response.text)
        self.assertIn('id="grc_error_citizen_name"', response.text)
        self.assertFalse(self.env["grc.request.draft"].search([]))
