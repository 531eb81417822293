# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.grc_citoyen_api.tests.common_api import PNG, GrcApiClientCase

OPERATIONS = {
    "list_complaint_reasons",
    "list_my_complaints",
    "file_complaint",
    "get_complaint",
    "answer_complaint_satisfaction",
}


@tagged("post_install", "-at_install")
class TestComplaintsApi(GrcApiClientCase):
    """Complaints from the app: filed through the complaints' intake, followed,
    answered and given an opinion, each citizen on their own only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env.ref("grc_reclamations.grc_reclamation_reason_incomplete")

    def _file(self, token=None, key="complaint-key-0001", files=None, **values):
        body = {
            "subject": "Réponse incomplète",
            "description": "La réponse ne parle pas du lampadaire.",
            "reason_id": self.reason.id,
        }
        body.update(values)
        return self._call(
            "POST",
            "/complaints",
            token or self.token_a,
            headers={"Idempotency-Key": key} if key else None,
            data={name: value for name, value in body.items() if value is not None},
            files=files,
        )

    def _answer(self, complaint):
        complaint.with_context(grc_reclamation_no_mail=True).write(
            {"inadmissible_reason": "Hors du champ de la réclamation."}
        )
        complaint.with_context(grc_reclamation_no_mail=True).action_not_admissible()

    def test_file_and_follow(self):
        mine = self._create_request()
        response = self._file(request_id=mine.id)
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        complaint = self.env["grc.reclamation"].browse(body["id"])
        self.assertEqual(complaint.partner_id, self.citizen)
        self.assertEqual(complaint.ticket_ids, mine)
        self.assertEqual(
            complaint.channel_id,
            self.env.ref("grc_citoyen.helpdesk_ticket_channel_mobile_app"),
        )
        self.assertEqual(body["reference"], complaint.name)
        self.assertEqual(body["state"], "received")
        self.assertFalse(body["can_give_opinion"])
        retry = self._file(request_id=mine.id)
        self.assertEqual(retry.status_code, 201, retry.text)
        self.assertEqual(retry.json()["id"], complaint.id)
        self.assertEqual(retry.headers.get("Idempotent-Replayed"), "true")
        # Bruno's same key files his own complaint, never finds Hélène's.
        other = self._file(self.token_b)
        self.assertNotEqual(other.json()["id"], complaint.id)
        listed = self._call("GET", "/complaints", self.token_a).json()
        self.assertEqual([item["id"] for item in listed], complaint.ids)
        detail = self._call("GET", f"/complaints/{complaint.id}", self.token_a)
        self.assertEqual(detail.json()["description"], body["description"])

    def test_bad_input(self):
        theirs = self._create_request(partner_id=self.citizen_b.id)
        response = self._file(reason_id=999999, request_id=theirs.id, key=None)
        self.assertApiError(response, 422, "validation_error")
        fields = {detail["field"] for detail in response.json()["error"]["details"]}
        self.assertEqual(fields, {"reason_id", "request_id"})
        empty = self._file(subject="", key=None)
        self.assertApiError(empty, 422, "validation_error", field="subject")
        self.assertFalse(
            self.env["grc.reclamation"].search([("partner_id", "=", self.citizen.id)])
        )

    def test_file_with_documents(self):
        """Supporting documents go through the requests' upload policy, are
        given back to the citizen, and a retry attaches nothing twice."""
        photo = [("files", ("facture.png", PNG, "image/png"))]
        response = self._file(key="complaint-docs-0001", files=photo)
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        complaint = self.env["grc.reclamation"].browse(body["id"])
        self.assertEqual([a["name"] for a in body["attachments"]], ["facture.png"])
        self.assertIn("access_token=", body["attachments"][0]["url"])
        stored = self.env["ir.attachment"].search(
            [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(stored.raw, PNG)
        retry = self._file(key="complaint-docs-0001", files=photo)
        self.assertEqual(retry.headers.get("Idempotent-Replayed"), "true")
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)]
            ),
            1,
        )
        # A file agents attach is not the citizen's to download.
        self.env["ir.attachment"].create(
            {
                "name": "interne.txt",
                "raw": b"interne",
                "res_model": complaint._name,
                "res_id": complaint.id,
            }
        )
        detail = self._call("GET", f"/complaints/{complaint.id}", self.token_a)
        self.assertEqual(
            [a["name"] for a in detail.json()["attachments"]], ["facture.png"]
        )
        # A program is refused, named as the API's field, and nothing is filed.
        program = [("files", ("outil.exe", b"MZ\x90\x00" * 64, "image/png"))]
        refused = self._file(key="complaint-docs-0002", files=program)
        error = self.assertApiError(refused, 422, "validation_error")
        self.assertEqual({d["field"] for d in error["details"]}, {"files"})
        self.assertEqual(
            self.env["grc.reclamation"].search_count(
                [("partner_id", "=", self.citizen.id)]
            ),
            1,
        )

    def test_key_of_a_complaint_no_longer_theirs(self):
        """A key whose complaint an agent gave to another citizen is a
        conflict that says nothing of that complaint."""
        complaint = self.env["grc.reclamation"].browse(
            self._file(key="complaint-moved-01").json()["id"]
        )
        complaint.partner_id = self.citizen_b
        retry = self._file(key="complaint-moved-01")
        error = self.assertApiError(retry, 409, "idempotency_conflict")
        self.assertEqual(error["field"], "Idempotency-Key")
        self.assertNotIn(complaint.name, error["message"])

    def test_other_citizens_complaint_not_found(self):
        theirs = self.env["grc.reclamation"].browse(
            self._file(self.token_b).json()["id"]
        )
        self._answer(theirs)
        for method, path, json in (
            ("GET", f"/complaints/{theirs.id}", None),
            (
                "POST",
                f"/complaints/{theirs.id}/satisfaction",
                {"satisfaction": "satisfied"},
            ),
        ):
            response = self._call(method, path, self.token_a, json=json)
            self.assertApiError(response, 404, "not_found")
        self.assertFalse(theirs.citizen_satisfaction)

    def test_satisfaction_answer(self):
        complaint = self.env["grc.reclamation"].browse(self._file().json()["id"])
        path = f"/complaints/{complaint.id}/satisfaction"
        early = self._call(
            "POST", path, self.token_a, json={"satisfaction": "not_satisfied"}
        )
        self.assertApiError(early, 409, "not_allowed")
        self._answer(complaint)
        detail = self._call("GET", f"/complaints/{complaint.id}", self.token_a).json()
        self.assertIn("Hors du champ", detail["answer"])
        self.assertTrue(detail["can_give_opinion"])
        bad = self._call("POST", path, self.token_a, json={"satisfaction": "bof"})
        self.assertApiError(bad, 422, "validation_error")
        response = self._call(
            "POST",
            path,
            self.token_a,
            json={"satisfaction": "not_satisfied", "feedback": "Pas convaincu."},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["satisfaction"], "not_satisfied")
        self.assertFalse(response.json()["can_give_opinion"])
        self.assertEqual(complaint.citizen_feedback, "Pas convaincu.")

    def test_documented_and_token_required(self):
        """Each complaint operation is in the OpenAPI document with its
        errors, and refuses a call without token."""
        with self._client() as client:
            doc = client.get("/openapi.json").json()
        operations = {
            operation["operationId"]: (method, path, operation)
            for path, methods in doc["paths"].items()
            for method, operation in methods.items()
            if "complaints" in operation["tags"]
        }
        self.assertEqual(set(operations), OPERATIONS)
        for operation_id, (method, path, operation) in operations.items():
            with self.subTest(operation=operation_id):
                self.assertIn("401", operation["responses"])
                self.assertIn("422", operation["responses"])
                url = path.replace("{complaint_id}", "1")
                response = self._call(method.upper(), url, data={})
                self.assertApiError(response, 401, "authentication_required")
