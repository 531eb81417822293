# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

import psycopg2

from odoo.tests import tagged
from odoo.tools import mute_logger

from ..schemas.grc_api_v1 import RequestTypeOut
from .common_api import PNG, GrcApiClientCase

SECRET_PHOTO = PNG + b"\0photo of Bruno"


@tagged("post_install", "-at_install")
class TestApiIsolation(GrcApiClientCase):
    """Route by route, citizen A's token never reaches citizen B's requests,
    messages or files."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.theirs = cls._create_request(
            partner_id=cls.citizen_b.id,
            name="Demande de Bruno",
            description="<p>Secret de Bruno</p>",
        )
        cls.their_message = cls.theirs.message_post(
            body="Message pour Bruno",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("bruno.png", SECRET_PHOTO)],
        )
        cls.their_file = cls.their_message.attachment_ids
        cls.their_file.generate_access_token()
        cls.mine = cls._create_request()

    def _secrets(self):
        return (
            self.theirs.number,
            "Demande de Bruno",
            "Secret de Bruno",
            "Message pour Bruno",
            "bruno.png",
            self.their_file.access_token,
            f"/web/content/{self.their_file.id}?",
        )

    def assertNothingOfTheirs(self, response):
        for secret in self._secrets():
            self.assertNotIn(secret, response.text)

    def test_list(self):
        """Their requests are in no list of A's, whatever the filter or page."""
        for params in ({}, {"state": "open"}, {"state": "all", "page_size": 100}):
            response = self._call("GET", "/requests", self.token_a, params=params)
            self.assertEqual(response.status_code, 200, response.text)
            self.assertEqual(
                [item["id"] for item in response.json()["items"]], self.mine.ids
            )
            self.assertNothingOfTheirs(response)

    def test_read(self):
        """Their request reads as one that does not exist."""
        theirs = self._call("GET", f"/requests/{self.theirs.id}", self.token_a)
        missing = self._call("GET", "/requests/999999", self.token_a)
        self.assertApiError(theirs, 404, "not_found")
        self.assertEqual(theirs.json(), missing.json())
        self.assertNothingOfTheirs(theirs)
        mine = self._call("GET", f"/requests/{self.mine.id}", self.token_a)
        self.assertEqual(mine.status_code, 200)
        self.assertNothingOfTheirs(mine)

    def test_write_message(self):
        """A cannot write on their request, with or without files or key."""
        count = len(self.theirs.message_ids)
        files = self.theirs.attachment_ids
        for headers in ({}, {"Idempotency-Key": "intrusion-0001"}):
            response = self._call(
                "POST",
                f"/requests/{self.theirs.id}/messages",
                self.token_a,
                headers=headers,
                data={"body": "Intrusion"},
                files=[("photos", ("x.png", PNG, "image/png"))],
            )
            self.assertApiError(response, 404, "not_found")
            self.assertNothingOfTheirs(response)
        self.theirs.invalidate_recordset()
        self.assertEqual(len(self.theirs.message_ids), count)
        self.assertEqual(self.theirs.attachment_ids, files)

    def test_create_never_replays_theirs(self):
        """A's submission with B's idempotency key is A's own new request."""
        key = "bruno-key-0001"
        theirs = self._call(
            "POST",
            "/requests",
            self.token_b,
            headers={"Idempotency-Key": key},
            data={"request_type_id": self.type_lamp.id, "description": "De Bruno"},
        ).json()
        response = self._call(
            "POST",
            "/requests",
            self.token_a,
            headers={"Idempotency-Key": key},
            data={"request_type_id": self.type_lamp.id, "description": "De moi"},
        )
        self.assertEqual(response.status_code, 201, response.text)
        self.assertNotIn("Idempotent-Replayed", response.headers)
        self.assertNotEqual(response.json()["id"], theirs["id"])
        self.assertNotIn(theirs["reference"], response.text)

    def test_replay_after_request_moved_to_another_citizen(self):
        """A retry of a request since moved to another citizen tells nothing of it."""
        key = "moved-key-0001"
        data = {"request_type_id": self.type_lamp.id, "description": "Erreur"}
        headers = {"Idempotency-Key": key}
        first = self._call(
            "POST", "/requests", self.token_a, headers=headers, data=data
        ).json()
        ticket = self.env["helpdesk.ticket"].browse(first["id"])
        ticket.partner_id = self.citizen_b
        response = self._call(
            "POST", "/requests", self.token_a, headers=headers, data=data
        )
        self.assertApiError(response, 409, "idempotency_conflict")
        self.assertNotIn(first["reference"], response.text)
        self.assertNotIn("Erreur", response.text)

    def test_message_replay_after_request_moved(self):
        """A message retry on a request since moved to another citizen is a 404."""
        path = f"/requests/{self.mine.id}/messages"
        headers = {"Idempotency-Key": "moved-msg-0001"}
        first = self._call(
            "POST", path, self.token_a, headers=headers, data={"body": "Merci"}
        )
        self.assertEqual(first.status_code, 201, first.text)
        self.mine.partner_id = self.citizen_b
        response = self._call(
            "POST", path, self.token_a, headers=headers, data={"body": "Merci"}
        )
        self.assertApiError(response, 404, "not_found")

    def test_message_key_of_theirs_never_replays(self):
        """B's message key sent by A posts A's own message."""
        key = "bruno-msg-0001"
        self._call(
            "POST",
            f"/requests/{self.theirs.id}/messages",
            self.token_b,
            headers={"Idempotency-Key": key},
            data={"body": "Message pour Bruno"},
        )
        response = self._call(
            "POST",
            f"/requests/{self.mine.id}/messages",
            self.token_a,
            headers={"Idempotency-Key": key},
            data={"body": "Message pour Bruno"},
        )
        self.assertEqual(response.status_code, 201, response.text)
        self.assertNotIn("Idempotent-Replayed", response.headers)
        message = self.env["mail.message"].browse(response.json()["id"])
        self.assertEqual(message.res_id, self.mine.id)

    def test_files_of_their_request(self):
        """A's answers hold the addresses of A's files only, never of B's."""
        mine = self._call(
            "POST",
            f"/requests/{self.mine.id}/messages",
            self.token_a,
            data={"body": "Photo"},
            files=[("photos", ("moi.png", PNG, "image/png"))],
        )
        self.assertEqual(mine.status_code, 201, mine.text)
        detail = self._call("GET", f"/requests/{self.mine.id}", self.token_a)
        urls = [a["url"] for a in detail.json()["attachments"]]
        self.assertEqual(len(urls), 1)
        self.assertIn("access_token=", urls[0])
        self.assertNothingOfTheirs(detail)

    def test_profile(self):
        """A reads and changes their own profile only."""
        response = self._call("GET", "/me", self.token_a)
        self.assertEqual(response.json()["name"], self.citizen.name)
        self.assertNotIn(self.citizen_b.email, response.text)
        response = self._call(
            "PATCH", "/me", self.token_a, json={"preferred_channel": "sms"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.citizen.preferred_channel, "sms")
        self.assertNotEqual(self.citizen_b.preferred_channel, "sms")

    def test_catalogue(self):
        """The catalogue of a signed-in citizen holds nothing personal."""
        response = self._call("GET", "/request-types", self.token_a)
        self.assertEqual(response.status_code, 200)
        self.assertNothingOfTheirs(response)

    # ------------------------------------------------------------------
    # Error bodies
    # ------------------------------------------------------------------

    def test_database_error_tells_nothing(self):
        """A constraint violation answers a plain 422, without table nor field."""
        error = psycopg2.errors.CheckViolation(
            'new row for relation "helpdesk_ticket" violates check constraint '
            '"helpdesk_ticket_secret_check"'
        )
        with (
            patch.object(RequestTypeOut, "from_record", side_effect=error),
            mute_logger("odoo.addons.grc_citoyen_api.routers.errors"),
        ):
            response = self._call("GET", "/request-types", self.token_a)
        self.assertApiError(response, 422, "invalid")
        self.assertNotIn("helpdesk_ticket", response.text)
        self.assertNotIn("constraint", response.text)
