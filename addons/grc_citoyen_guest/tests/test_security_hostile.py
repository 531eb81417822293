# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The form without an account makes the town hall send mail: limits per
visitor and per recipient, honeypot, no visitor text printed as the town
hall's."""

from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen.tests.test_security_hostile import (
    PHISHING_NAME,
    AnonymousFormCommon,
)


class GuestFormCommon(AnonymousFormCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.drafts = cls.env["grc.request.draft"]

    def _confirmation_mails(self, email="paul.durand@example.fr"):
        drafts = self.drafts.search([("citizen_email", "=", email)])
        return self.env["mail.mail"].search(
            [("model", "=", "grc.request.draft"), ("res_id", "in", drafts.ids)]
        )


@tagged("post_install", "-at_install")
class TestGuestRequestForm(HttpCase, GuestFormCommon):
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
