# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The mobile app and the verified change of the account's e-mail address."""

from odoo.tests import tagged

from odoo.addons.grc_citoyen.tests.test_email_change import (
    NEIGHBOUR,
    EmailChangeMixin,
)

from .common_api import GrcApiClientCase


@tagged("post_install", "-at_install")
class TestApiEmailChange(EmailChangeMixin, GrcApiClientCase):
    """PATCH /me only asks for a new address; once the link is opened, the
    account's tokens end: the app signs in again under the new address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old_email = cls.citizen.email

    def test_api_asks_confirmation(self):
        """PATCH /me gives the new address as pending; the account keeps its
        address until the link is opened; the old address is told."""
        response = self._call("PATCH", "/me", self.token_a, json={"email": NEIGHBOUR})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["email"], self.old_email)
        self.assertEqual(response.json()["email_pending"], NEIGHBOUR)
        self.assertEmailUnchanged(self.citizen, self.old_email)
        self.assertEqual(self.user_a.email, self.old_email)
        notice = self._mails_to(self.old_email)
        self.assertEqual(len(notice), 1)
        self.assertIn(NEIGHBOUR, notice.body_html)
        self.assertNotIn("/my/account/email/", notice.body_html)
        # Asking changes nothing yet: the app stays signed in.
        self.assertEqual(self._call("GET", "/me", self.token_a).status_code, 200)
        self.assertFalse(self.citizen._grc_confirm_email_change(self._token(NEIGHBOUR)))
        self.assertEqual(self.citizen.email, NEIGHBOUR)
        self.assertTrue(self.citizen.grc_email_verified)
        self.assertFalse(self.citizen.grc_email_pending)
        _record, token = self.env["grc.api.token"]._grc_issue(self.user_a, "Phone")
        profile = self._call("GET", "/me", token).json()
        self.assertEqual(profile["email"], NEIGHBOUR)
        self.assertTrue(profile["email_verified"])

    def test_confirmed_change_revokes_tokens(self):
        """The link opened, every token of the account is revoked (the app is
        signed out); the tokens of other accounts stay valid."""
        self.citizen._grc_request_email_change(NEIGHBOUR)
        self.assertFalse(self.citizen._grc_confirm_email_change(self._token(NEIGHBOUR)))
        self.token_a_record.invalidate_recordset()
        self.assertEqual(self.token_a_record.state, "revoked")
        response = self._call("GET", "/me", self.token_a)
        self.assertApiError(response, 401, "invalid_token")
        self.assertEqual(self.token_b_record.state, "valid")
        self.assertEqual(self._call("GET", "/me", self.token_b).status_code, 200)

    def test_refused_change_keeps_tokens(self):
        """A forged link changes nothing, tokens included."""
        self.citizen._grc_request_email_change(NEIGHBOUR)
        self.assertTrue(self.citizen._grc_confirm_email_change("forged"))
        self.token_a_record.invalidate_recordset()
        self.assertEqual(self.token_a_record.state, "valid")
        self.assertEqual(self._call("GET", "/me", self.token_a).status_code, 200)
