# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from ..schemas.grc_api_v1 import RequestTypeOut
from .common_api import PNG, GrcApiClientCase

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@tagged("post_install", "-at_install")
class TestApiRequests(GrcApiClientCase):
    """Request types, requests and messages of a citizen through the API."""

    def _create(self, token=None, key=None, files=None, **fields):
        data = {
            "request_type_id": self.type_lamp.id,
            "description": "Lampadaire éteint",
        }
        data.update(fields)
        headers = {"Idempotency-Key": key} if key else {}
        return self._call(
            "POST",
            "/requests",
            token or self.token_a,
            headers=headers,
            data=data,
            files=files,
        )

    def _photo(self, name="photo.png", data=PNG, mimetype="image/png"):
        return [("photos", (name, data, mimetype))]

    # ------------------------------------------------------------------
    # Catalogue
    # ------------------------------------------------------------------

    def test_list_request_types(self):
        """Only published request types are offered, with what the form needs."""
        response = self._call("GET", "/request-types", self.token_a)
        self.assertEqual(response.status_code, 200, response.text)
        by_id = {item["id"]: item for item in response.json()}
        self.assertIn(self.type_lamp.id, by_id)
        self.assertNotIn(self.type_hidden.id, by_id)
        self.assertEqual(by_id[self.type_lamp.id]["name"], self.type_lamp.name)
        self.assertIs(by_id[self.type_lamp.id]["attachments_allowed"], True)

    @mute_logger("odoo.addons.grc_citoyen_api.routers.errors")
    def test_unexpected_error(self):
        """A bug answers a JSON 500 that tells nothing of its cause."""
        with patch.object(
            RequestTypeOut, "from_record", side_effect=RuntimeError("secret detail")
        ):
            response = self._call("GET", "/request-types", self.token_a)
        self.assertApiError(response, 500, "internal_error")
        self.assertNotIn("secret detail", response.text)

    # ------------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------------

    def test_create_request_with_photo(self):
        """A citizen submits a request with a photo from the app."""
        response = self._create(
            files=self._photo(),
            title="Lampadaire",
            location_street="12 rue des Lilas",
            location_city="Lyon",
            location_latitude="45.75",
            location_longitude="4.85",
        )
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        ticket = self.env["helpdesk.ticket"].browse(body["id"])
        self.assertEqual(ticket.partner_id, self.citizen)
        self.assertEqual(body["reference"], ticket.number)
        self.assertTrue(ticket.number.startswith("DEM-"))
        self.assertEqual(
            ticket.channel_id,
            self.env.ref("grc_citoyen.helpdesk_ticket_channel_mobile_app"),
        )
        self.assertEqual(ticket.team_id, self.team_voirie)
        self.assertEqual(ticket.location_latitude, 45.75)
        self.assertEqual(body["location"]["city"], "Lyon")
        self.assertEqual(body["state"], "new")
        self.assertEqual([a["name"] for a in body["attachments"]], ["photo.png"])
        self.assertEqual(body["attachments"][0]["mimetype"], "image/png")
        self.assertIn("access_token=", body["attachments"][0]["url"])
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(attachments.raw, PNG)

    def test_idempotent_retry(self):
        """The same Idempotency-Key twice gives the same request, created once."""
        first = self._create(key="3f1c6a0e-retry-0001", files=self._photo())
        self.assertEqual(first.status_code, 201, first.text)
        self.assertNotIn("Idempotent-Replayed", first.headers)
        second = self._create(key="3f1c6a0e-retry-0001", files=self._photo())
        self.assertEqual(second.status_code, 201, second.text)
        self.assertEqual(second.headers["Idempotent-Replayed"], "true")
        self.assertEqual(second.json()["reference"], first.json()["reference"])
        self.assertEqual(len(self._requests_of(self.citizen)), 1)
        ticket = self._requests_of(self.citizen)
        self.assertEqual(len(ticket.attachment_ids), 1)
        third = self._create(key="3f1c6a0e-retry-0002")
        self.assertNotEqual(third.json()["reference"], first.json()["reference"])

    def test_idempotency_key_reused_for_other_type(self):
        """A key already used for another request type is a 409 conflict."""
        other_type = self.type_lamp.copy(
            {"name": "Autre", "code": "ECL2", "is_published": True}
        )
        self._create(key="key-conflict-0001")
        response = self._create(key="key-conflict-0001", request_type_id=other_type.id)
        self.assertApiError(response, 409, "idempotency_conflict", "Idempotency-Key")
        self.assertEqual(len(self._requests_of(self.citizen)), 1)

    def test_idempotency_keys_are_per_citizen(self):
        """Another citizen sending the same key gets their own request."""
        mine = self._create(key="shared-key-0001").json()
        theirs = self._create(token=self.token_b, key="shared-key-0001")
        self.assertEqual(theirs.status_code, 201, theirs.text)
        self.assertNotEqual(theirs.json()["id"], mine["id"])
        self.assertEqual(len(self._requests_of(self.citizen_b)), 1)

    def test_invalid_idempotency_key(self):
        """A key too short or with odd characters is refused."""
        for key in ("short", "bad key with spaces", "x" * 200):
            response = self._create(key=key)
            self.assertApiError(response, 422, "validation_error", "Idempotency-Key")
        self.assertFalse(self._requests_of(self.citizen))

    def test_missing_fields(self):
        """Missing type and description: 422 naming both, nothing stored."""
        response = self._call(
            "POST", "/requests", self.token_a, data={"title": "Sans rien"}
        )
        error = self.assertApiError(response, 422, "validation_error")
        fields = {detail["field"] for detail in error["details"]}
        self.assertEqual(fields, {"request_type_id", "description"})
        response = self._create(description="   ")
        self.assertApiError(response, 422, "validation_error", "description")
        self.assertFalse(self._requests_of(self.citizen))

    def test_wrong_types(self):
        """Values of the wrong type are refused field by field."""
        response = self._create(request_type_id="abc", location_latitude="north")
        error = self.assertApiError(response, 422, "validation_error")
        fields = {detail["field"] for detail in error["details"]}
        self.assertEqual(fields, {"request_type_id", "location_latitude"})
        response = self._create(location_latitude="95")
        self.assertApiError(response, 422, "validation_error", "location_latitude")
        response = self._create(title="t" * 300)
        self.assertApiError(response, 422, "validation_error", "title")
        response = self._create(preferred_channel="pigeon")
        self.assertApiError(response, 422, "validation_error", "preferred_channel")
        response = self._create(description="d" * 10001)
        self.assertApiError(response, 422, "validation_error", "description")
        self.assertFalse(self._requests_of(self.citizen))

    def test_unknown_request_type(self):
        """Unknown or unpublished request types are refused."""
        for type_id in (999999, self.type_hidden.id):
            response = self._create(request_type_id=type_id)
            self.assertApiError(response, 422, "validation_error", "request_type_id")
        self.assertFalse(self._requests_of(self.citizen))

    def test_oversized_photo(self):
        """A photo over the size limit is refused with 413, nothing stored."""
        self.env["ir.config_parameter"].set_param(
            "grc_citoyen.attachment_max_size_mb", "0.001"
        )
        big = PNG + b"\0" * 2048
        response = self._create(files=self._photo(data=big))
        self.assertApiError(response, 413, "file_too_large", "photos")
        self.assertFalse(self._requests_of(self.citizen))

    def test_wrong_type_photo(self):
        """Files that are not photos or documents are refused, whatever their name."""
        for name, data, mimetype in (
            ("virus.exe", b"MZ\x90\x00binary", "application/octet-stream"),
            ("photo.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
            ("empty.png", b"", "image/png"),
        ):
            response = self._create(files=self._photo(name, data, mimetype))
            self.assertApiError(response, 422, "validation_error", "photos")
        response = self._create(photos="not a file")
        self.assertApiError(response, 422, "validation_error", "photos")
        self.assertFalse(self._requests_of(self.citizen))

    def test_too_many_photos(self):
        """More files than allowed are refused."""
        self.env["ir.config_parameter"].set_param(
            "grc_citoyen.attachment_max_count", "2"
        )
        files = self._photo("a.png") + self._photo("b.png") + self._photo("c.png")
        response = self._create(files=files)
        self.assertApiError(response, 422, "validation_error", "photos")
        self.assertFalse(self._requests_of(self.citizen))

    def test_photos_refused_by_type(self):
        """A request type without attachments refuses photos."""
        self.type_lamp.attachments_allowed = False
        response = self._create(files=self._photo())
        self.assertApiError(response, 422, "validation_error", "photos")

    def test_html_is_escaped(self):
        """Markup typed by the citizen is stored escaped and returned as text."""
        response = self._create(description=SCRIPT, title=SCRIPT)
        self.assertEqual(response.status_code, 201, response.text)
        ticket = self.env["helpdesk.ticket"].browse(response.json()["id"])
        self.assertNotIn("<script", str(ticket.description))
        self.assertNotIn("<img", str(ticket.description))
        self.assertIn("&lt;script&gt;", str(ticket.description))
        self.assertEqual(response.json()["description"], SCRIPT)
        # The title is a plain field: the views escape it when they render it.
        self.assertEqual(ticket.name, SCRIPT)
        message = self._call(
            "POST",
            f"/requests/{ticket.id}/messages",
            self.token_a,
            data={"body": SCRIPT},
        )
        self.assertEqual(message.status_code, 201, message.text)
        posted = self.env["mail.message"].browse(message.json()["id"])
        self.assertNotIn("<script", str(posted.body))
        self.assertIn("&lt;script&gt;", str(posted.body))
        self.assertEqual(message.json()["body"], SCRIPT)

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------

    def test_list_my_requests(self):
        """A citizen lists their own requests only, by state, page by page."""
        mine = self._create_request() | self._create_request()
        self._resolve(mine[0])
        theirs = self._create_request(partner_id=self.citizen_b.id)
        response = self._call("GET", "/requests", self.token_a)
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertEqual(body["total"], 2)
        self.assertEqual({item["id"] for item in body["items"]}, set(mine.ids))
        self.assertNotIn(theirs.id, {item["id"] for item in body["items"]})
        open_ids = [
            item["id"]
            for item in self._call(
                "GET", "/requests", self.token_a, params={"state": "open"}
            ).json()["items"]
        ]
        self.assertEqual(open_ids, [mine[1].id])
        closed = self._call(
            "GET", "/requests", self.token_a, params={"state": "closed"}
        )
        self.assertEqual([i["id"] for i in closed.json()["items"]], [mine[0].id])
        page = self._call(
            "GET", "/requests", self.token_a, params={"page": 2, "page_size": 1}
        ).json()
        self.assertEqual((page["total"], len(page["items"])), (2, 1))

    def test_list_bad_parameters(self):
        """Out of range or unknown paging and filter values are refused."""
        for params, field in (
            ({"page": 0}, "page"),
            ({"page_size": 1000}, "page_size"),
            ({"page": "x"}, "page"),
            ({"state": "everything"}, "state"),
        ):
            response = self._call("GET", "/requests", self.token_a, params=params)
            self.assertApiError(response, 422, "validation_error", field)

    def test_list_query_count_is_bounded(self):
        """Listing requests costs the same number of queries for 2 or 8 requests."""

        def count_queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._call("GET", "/requests", self.token_a)
            return self.env.cr.sql_log_count - before

        for _i in range(2):
            self._create_request()
        self._call("GET", "/requests", self.token_a)  # warm the caches
        few = count_queries()
        for _i in range(6):
            self._create_request()
        self.assertEqual(count_queries(), few)

    def test_get_request(self):
        """A citizen reads their request with its public history, not internal notes."""
        ticket = self._create_request()
        ticket.message_post(
            body="Une équipe passe demain.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        ticket.message_post(
            body="Note interne confidentielle",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        response = self._call("GET", f"/requests/{ticket.id}", self.token_a)
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertEqual(body["reference"], ticket.number)
        self.assertEqual(
            body["description"], "Le lampadaire devant le n°12 ne s'allume plus."
        )
        texts = [
            event["message"]["body"] for event in body["history"] if event["message"]
        ]
        self.assertIn("Une équipe passe demain.", texts)
        self.assertNotIn("Note interne confidentielle", " ".join(texts))
        self.assertTrue(body["can_cancel"])

    def test_other_citizens_request_is_not_found(self):
        """Another citizen's request answers like a request that does not exist."""
        theirs = self._create_request(partner_id=self.citizen_b.id)
        other = self._call("GET", f"/requests/{theirs.id}", self.token_a)
        missing = self._call("GET", "/requests/999999", self.token_a)
        self.assertApiError(other, 404, "not_found")
        self.assertEqual(other.json(), missing.json())
        self.assertNotIn(theirs.number, other.text)
        message = self._call(
            "POST",
            f"/requests/{theirs.id}/messages",
            self.token_a,
            data={"body": "Intrusion"},
        )
        self.assertApiError(message, 404, "not_found")
        self.assertNotIn("Intrusion", " ".join(theirs.message_ids.mapped("body")))

    def test_cancel_request(self):
        """The citizen cancels a request nobody started on, as on the portal;
        a retry answers the cancelled request again; another citizen's
        request is not found and stays as it was."""
        ticket = self._create_request()
        theirs = self._create_request(partner_id=self.citizen_b.id)
        response = self._call("POST", f"/requests/{ticket.id}/cancel", self.token_a)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["state"], "cancelled")
        self.assertEqual(ticket.grc_state, "cancelled")
        self.assertFalse(response.json()["can_cancel"])
        retry = self._call("POST", f"/requests/{ticket.id}/cancel", self.token_a)
        self.assertEqual(retry.status_code, 200, retry.text)
        other = self._call("POST", f"/requests/{theirs.id}/cancel", self.token_a)
        self.assertApiError(other, 404, "not_found")
        self.assertEqual(theirs.grc_state, "new")
        started = self._create_request()
        started.stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        refused = self._call("POST", f"/requests/{started.id}/cancel", self.token_a)
        self.assertApiError(refused, 409, "not_allowed")
        self.assertEqual(started.grc_state, "in_progress")

    def test_reopen_request(self):
        """A resolved request is reopened within the window; an open one, or
        one past the window, is refused with the reason."""
        ticket = self._resolve(self._create_request())
        response = self._call("POST", f"/requests/{ticket.id}/reopen", self.token_a)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertNotIn(ticket.grc_state, ("resolved", "closed"))
        self.assertFalse(response.json()["can_reopen"])
        again = self._call("POST", f"/requests/{ticket.id}/reopen", self.token_a)
        self.assertApiError(again, 409, "not_allowed")
        late = self._resolve(self._create_request())
        late.company_id.grc_reopen_days = 0
        late.resolution_date = late.resolution_date - timedelta(days=1)
        refused = self._call("POST", f"/requests/{late.id}/reopen", self.token_a)
        self.assertApiError(refused, 409, "not_allowed")
        self.assertEqual(late.grc_state, "resolved")

    def test_request_id_out_of_range(self):
        """Ids that are not positive database integers are refused, not crashed on."""
        for request_id in ("abc", "0", str(2**40)):
            response = self._call("GET", f"/requests/{request_id}", self.token_a)
            self.assertApiError(response, 422, "validation_error", "request_id")

    # ------------------------------------------------------------------
    # Messages
    # ------------------------------------------------------------------

    def test_add_message(self):
        """The citizen writes on their request, with a photo, as its author."""
        ticket = self._create_request()
        response = self._call(
            "POST",
            f"/requests/{ticket.id}/messages",
            self.token_a,
            data={"body": "Il est toujours éteint."},
            files=self._photo(),
        )
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        self.assertTrue(body["from_citizen"])
        self.assertEqual([a["name"] for a in body["attachments"]], ["photo.png"])
        message = self.env["mail.message"].browse(body["id"])
        self.assertEqual(message.author_id, self.citizen)
        self.assertEqual(message.model, "helpdesk.ticket")
        self.assertEqual(message.res_id, ticket.id)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))

    def test_add_message_bad_input(self):
        """Empty, too long or wrong-file messages are refused, nothing posted."""
        ticket = self._create_request()
        count = len(ticket.message_ids)
        path = f"/requests/{ticket.id}/messages"
        self.assertApiError(
            self._call("POST", path, self.token_a, data={"body": "  "}),
            422,
            "validation_error",
            "body",
        )
        self.assertApiError(
            self._call("POST", path, self.token_a, data={"body": "x" * 10001}),
            422,
            "validation_error",
            "body",
        )
        self.assertApiError(
            self._call(
                "POST",
                path,
                self.token_a,
                data={"body": "Voir pièce"},
                files=self._photo("x.exe", b"MZ\x90\x00", "application/x-msdownload"),
            ),
            422,
            "validation_error",
            "photos",
        )
        self.env["ir.config_parameter"].set_param(
            "grc_citoyen.attachment_max_size_mb", "0.001"
        )
        self.assertApiError(
            self._call(
                "POST",
                path,
                self.token_a,
                data={"body": "Voir pièce"},
                files=self._photo(data=PNG + b"\0" * 2048),
            ),
            413,
            "file_too_large",
            "photos",
        )
        ticket.invalidate_recordset(["message_ids"])
        self.assertEqual(len(ticket.message_ids), count)

    # ------------------------------------------------------------------
    # Profile
    # ------------------------------------------------------------------

    def test_update_profile(self):
        """The citizen changes their e-mail, phone and preferred channel."""
        response = self._call(
            "PATCH",
            "/me",
            self.token_a,
            json={
                "email": "Helene.Nunez@Example.FR",
                "phone": "06 12 34 56 78",
                "preferred_channel": "sms",
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["phone"], "+33612345678")
        self.assertEqual(self.citizen.email, "helene.nunez@example.fr")
        self.assertEqual(self.citizen.preferred_channel, "sms")

    def test_update_profile_bad_input(self):
        """Invalid e-mail, phone, channel or unknown fields: 422, nothing changed."""
        for payload, field in (
            ({"email": "not-an-email"}, "email"),
            ({"email": ""}, "email"),
            ({"phone": "06 CALL ME"}, "phone"),
            ({"mobile": "123"}, "mobile"),
            ({"preferred_channel": "pigeon"}, "preferred_channel"),
            ({"name": "Autre nom"}, "name"),
            ({"phone": 612345678}, "phone"),
        ):
            response = self._call("PATCH", "/me", self.token_a, json=payload)
            self.assertApiError(response, 422, "validation_error", field)
        response = self._call(
            "PATCH",
            "/me",
            self.token_a,
            content=b"{not json",
            headers={"Content-Type": "application/json"},
        )
        self.assertApiError(response, 400, "malformed_request")
        self.assertEqual(self.citizen.email, "helene.nunez@example.fr")
        self.assertEqual(self.citizen.name, "Hélène Núñez")
        self.assertFalse(self.citizen.phone)
