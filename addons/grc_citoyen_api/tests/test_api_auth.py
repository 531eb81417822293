# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools.translate import code_translations

from .common_api import GrcApiClientCase


@tagged("post_install", "-at_install")
class TestApiAuth(GrcApiClientCase):
    """Citizens sign in to the API with a bearer token of their portal account."""

    def test_valid_token_acts_as_its_citizen(self):
        """A valid token runs the call as the citizen of its portal account."""
        response = self._call("GET", "/me", self.token_a)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["name"], self.citizen.name)
        self.assertEqual(response.json()["citizen_number"], self.citizen.citizen_number)

    def test_missing_token(self):
        """Without a token every operation answers 401, asking for a bearer."""
        for method, path in (
            ("GET", "/request-types"),
            ("GET", "/requests"),
            ("POST", "/requests"),
            ("GET", "/requests/1"),
            ("POST", "/requests/1/messages"),
            ("GET", "/me"),
            ("PATCH", "/me"),
        ):
            response = self._call(method, path)
            self.assertApiError(response, 401, "authentication_required")
            self.assertEqual(response.headers["WWW-Authenticate"], "Bearer")

    def test_invalid_token(self):
        """Unknown, malformed or non-bearer credentials answer 401 invalid_token."""
        for token in (
            "grc_unknown",
            "nonsense",
            self.token_a + "x",
            "grc_" + "a" * 300,
        ):
            response = self._call("GET", "/me", token)
            self.assertApiError(response, 401, "invalid_token")
            self.assertIn('error="invalid_token"', response.headers["WWW-Authenticate"])
        response = self._call(
            "GET", "/me", headers={"Authorization": f"Basic {self.token_a}"}
        )
        self.assertApiError(response, 401, "authentication_required")

    def test_expired_token(self):
        """A token past its expiry date no longer signs in."""
        self.assertEqual(self.token_a_record.state, "valid")
        self.token_a_record.expiry_date = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(self.token_a_record.state, "expired")
        self.assertApiError(
            self._call("GET", "/me", self.token_a), 401, "invalid_token"
        )

    def test_revoked_token(self):
        """A revoked token is refused at once; the citizen's other tokens work."""
        _record, other_token = self.env["grc.api.token"]._grc_issue(self.user_a)
        self.token_a_record.action_grc_revoke()
        self.assertEqual(self.token_a_record.state, "revoked")
        self.assertEqual(self.token_a_record.revoked_by_id, self.env.user)
        self.assertApiError(
            self._call("GET", "/me", self.token_a), 401, "invalid_token"
        )
        self.assertEqual(self._call("GET", "/me", other_token).status_code, 200)

    def test_archived_account(self):
        """The token of an archived portal account is refused."""
        self.user_a.active = False
        self.assertApiError(
            self._call("GET", "/me", self.token_a), 401, "invalid_token"
        )

    def test_account_no_longer_portal(self):
        """A token stops working when its account is no longer a portal account."""
        self.user_a.groups_id = [
            (3, self.env.ref("base.group_portal").id),
            (4, self.env.ref("base.group_public").id),
        ]
        self.assertApiError(
            self._call("GET", "/me", self.token_a), 401, "invalid_token"
        )

    def test_tokens_for_portal_accounts_only(self):
        """An internal user (an agent) cannot get a citizen token."""
        agent = new_test_user(
            self.env, login="agent_api", groups="grc_citoyen.group_grc_agent"
        )
        with self.assertRaises(ValidationError):
            self.env["grc.api.token"]._grc_issue(agent)

    def test_token_stored_hashed(self):
        """Only a hash and the first characters of the token are stored."""
        record = self.token_a_record
        self.assertNotEqual(record.token_hash, self.token_a)
        self.assertNotIn(self.token_a, record.token_hash)
        self.assertEqual(record.token_hash, record._grc_hash(self.token_a))
        self.assertTrue(self.token_a.startswith(record.token_start))
        self.assertLess(len(record.token_start), 12)

    def test_last_use_recorded(self):
        """The last use of a token is recorded, at most once an hour."""
        token = self.token_a_record
        self.assertFalse(token.last_use_date)
        self._call("GET", "/me", self.token_a)
        self.assertTrue(token.last_use_date)
        recent = fields.Datetime.now() - timedelta(minutes=10)
        token.last_use_date = recent
        self._call("GET", "/me", self.token_a)
        self.assertEqual(token.last_use_date, recent)
        token.last_use_date = fields.Datetime.now() - timedelta(hours=2)
        self._call("GET", "/me", self.token_a)
        self.assertGreater(token.last_use_date, recent)

    def test_messages_in_citizen_language(self):
        """Errors speak the citizen's language, through Odoo's translations."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.user_a.lang = "fr_FR"
        french = {"This request was not found.": "Cette demande est introuvable."}
        with patch.dict(
            code_translations.python_translations,
            {("grc_citoyen_api", "fr_FR"): french},
        ):
            response = self._call("GET", "/requests/999999", self.token_a)
        error = self.assertApiError(response, 404, "not_found")
        self.assertEqual(error["message"], "Cette demande est introuvable.")
