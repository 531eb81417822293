# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

import psycopg2
from psycopg2 import errorcodes

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_api import PNG, GrcApiClientCase


@tagged("post_install", "-at_install")
class TestApiMessageIdempotency(GrcApiClientCase):
    """A message sent again by the app (flaky network) is posted once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._create_request()

    def _post(
        self, key=None, body="Toujours éteint.", files=None, ticket=None, token=None
    ):
        headers = {"Idempotency-Key": key} if key else {}
        return self._call(
            "POST",
            f"/requests/{(ticket or self.ticket).id}/messages",
            token or self.token_a,
            headers=headers,
            data={"body": body},
            files=files,
        )

    def _photo(self, name="photo.png", data=PNG):
        return [("photos", (name, data, "image/png"))]

    def _citizen_messages(self, ticket=None):
        return self.env["mail.message"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "=", (ticket or self.ticket).id),
                ("message_type", "=", "comment"),
            ]
        )

    def test_retry_returns_first_message(self):
        """The same key twice posts one message, returned again on the retry."""
        first = self._post("msg-retry-0001", files=self._photo())
        self.assertEqual(first.status_code, 201, first.text)
        self.assertNotIn("Idempotent-Replayed", first.headers)
        second = self._post("msg-retry-0001", files=self._photo())
        self.assertEqual(second.status_code, 201, second.text)
        self.assertEqual(second.headers["Idempotent-Replayed"], "true")
        self.assertEqual(second.json(), first.json())
        messages = self._citizen_messages()
        self.assertEqual(len(messages), 1)
        self.assertEqual(len(messages.attachment_ids), 1)

    def test_without_key_each_post_counts(self):
        """Without a key, two posts are two messages, as before."""
        self.assertEqual(self._post().status_code, 201)
        self.assertEqual(self._post().status_code, 201)
        self.assertEqual(len(self._citizen_messages()), 2)

    def test_key_reused_with_other_text(self):
        """The same key with another text is a 409 conflict; nothing posted."""
        self._post("msg-conflict-0001")
        response = self._post("msg-conflict-0001", body="Autre chose")
        self.assertApiError(response, 409, "idempotency_conflict", "Idempotency-Key")
        self.assertEqual(len(self._citizen_messages()), 1)

    def test_key_reused_with_other_files(self):
        """The same key with other files is a conflict too."""
        self._post("msg-files-0001", files=self._photo())
        response = self._post(
            "msg-files-0001", files=self._photo(data=PNG + b"\0other")
        )
        self.assertApiError(response, 409, "idempotency_conflict")
        response = self._post("msg-files-0001")
        self.assertApiError(response, 409, "idempotency_conflict")
        self.assertEqual(len(self._citizen_messages()), 1)

    def test_key_reused_on_other_request(self):
        """The same key on another of the citizen's requests is a conflict."""
        other = self._create_request()
        self._post("msg-other-0001")
        response = self._post("msg-other-0001", ticket=other)
        self.assertApiError(response, 409, "idempotency_conflict")
        self.assertFalse(self._citizen_messages(other))

    def test_keys_are_per_citizen(self):
        """Another citizen sending the same key posts their own message."""
        theirs = self._create_request(partner_id=self.citizen_b.id)
        mine = self._post("msg-shared-0001").json()
        response = self._post("msg-shared-0001", ticket=theirs, token=self.token_b)
        self.assertEqual(response.status_code, 201, response.text)
        self.assertNotIn("Idempotent-Replayed", response.headers)
        self.assertNotEqual(response.json()["id"], mine["id"])
        self.assertEqual(len(self._citizen_messages(theirs)), 1)

    def test_invalid_key(self):
        """A key too short or with odd characters is refused, nothing posted."""
        for key in ("short", "bad key with spaces", "x" * 200):
            response = self._post(key)
            self.assertApiError(response, 422, "validation_error", "Idempotency-Key")
        self.assertFalse(self._citizen_messages())

    def test_key_of_invalid_message_can_be_used_again(self):
        """A refused message keeps nothing: its key then posts the corrected one."""
        response = self._post("msg-invalid-0001", body="  ")
        self.assertApiError(response, 422, "validation_error", "body")
        response = self._post("msg-invalid-0001")
        self.assertEqual(response.status_code, 201, response.text)
        self.assertNotIn("Idempotent-Replayed", response.headers)

    def test_key_not_shown_to_the_citizen(self):
        """The stored key is kept out of reach of portal users."""
        message_id = self._post("msg-hidden-0001").json()["id"]
        message = self.env["mail.message"].browse(message_id)
        self.assertEqual(
            message.grc_idempotency_key, f"api:{self.user_a.id}:msg-hidden-0001"
        )
        field = self.env["mail.message"]._fields["grc_idempotency_key"]
        self.assertEqual(field.groups, "base.group_system")

    def test_concurrent_twin_is_returned(self):
        """When the unique index catches a concurrent twin, the twin is returned."""
        twin = self._post("msg-race-0001").json()
        model = type(self.env["mail.message"])
        original = model._grc_find_by_idempotency_key
        calls = []

        def not_seen_first(self_, key):
            calls.append(key)
            if len(calls) == 1:
                return self_.browse()
            return original(self_, key)

        with (
            patch.object(model, "_grc_find_by_idempotency_key", not_seen_first),
            # The twin's unique violation is handled: no ERROR logged.
            self.assertNoLogs("odoo.sql_db", "ERROR"),
        ):
            response = self._post("msg-race-0001")
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(response.headers["Idempotent-Replayed"], "true")
        self.assertEqual(response.json()["id"], twin["id"])
        self.assertEqual(len(calls), 2)
        self.assertEqual(len(self._citizen_messages()), 1)

    def test_twin_not_yet_visible_retries_the_call(self):
        """A twin committed after the call began makes Odoo retry the call."""
        self._post("msg-late-0001")
        model = type(self.env["mail.message"])
        ticket = self.ticket.with_user(self.user_a).sudo()
        with (
            patch.object(
                model, "_grc_find_by_idempotency_key", lambda self_, key: self_.browse()
            ),
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.SerializationFailure) as raised,
        ):
            ticket._grc_api_post_message("Toujours éteint.", [], "msg-late-0001")
        # Raised by the database: it carries the code Odoo's retry loop reads.
        self.assertEqual(raised.exception.pgcode, errorcodes.SERIALIZATION_FAILURE)
        self.assertEqual(len(self._citizen_messages()), 1)
