# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import tagged

from odoo.addons.grc_citoyen_api.tests.common_api import GrcApiClientCase
from odoo.addons.grc_citoyen_api.tests.test_api_http import BRIDGE_SAMPLES
from odoo.addons.grc_citoyen_forms.tests.common import PDF, SIRET_BAD, GrcFormsCommon
from odoo.addons.grc_citoyen_forms.tests.validation_cases import (
    FILE_KEYS,
    FormValidationTable,
)

# One valid call of each operation of this bridge, for the test of the whole
# OpenAPI document (grc_citoyen_api's TestApiHttp), on its published type.
BRIDGE_SAMPLES.update(
    {
        "get_request_type_form": lambda test: {
            "path": f"/request-types/{test.type_lamp.id}/form"
        },
        "get_public_request_type_form": lambda test: {
            "path": f"/public/request-types/{test.type_lamp.id}/form"
        },
        "create_request_with_form": lambda test: {
            "path": "/requests/with-form",
            "data": {
                "request_type_id": test.type_lamp.id,
                "description": "Trou dans la chaussée",
                "answers": "{}",
            },
        },
    }
)


class FormsApiCase(GrcFormsCommon, GrcApiClientCase):
    """The terrace permit's form sent through the mobile app API."""

    def _api_answers(self, **overrides):
        """The common answers as an app sends them: JSON types."""
        answers = self._answers(**overrides)
        answers["tables"] = int(answers["tables"])
        answers["chauffage"] = answers["chauffage"] == "yes"
        return answers

    def _submit(self, answers=None, documents=None, files=None, token=None, **data):
        kbis = str(self.doc_kbis.id)
        fields = {
            "request_type_id": self.type_terrace.id,
            "answers": json.dumps(self._api_answers() if answers is None else answers),
            "documents": json.dumps(
                {kbis: "kbis.pdf"} if documents is None else documents
            ),
        }
        fields.update(data)
        if files is None:
            files = [("files", ("kbis.pdf", PDF, "application/pdf"))]
        return self._call(
            "POST",
            "/requests/with-form",
            token or self.token_a,
            data=fields,
            files=files or None,
        )

    def _details(self, response):
        self.assertEqual(response.status_code, 422, response.text)
        return {d["field"]: d["message"] for d in response.json()["error"]["details"]}


@tagged("post_install", "-at_install")
class TestFormsApi(FormsApiCase):
    """The terrace permit's form through the mobile app API: its schema, and
    answers checked by the same rules and messages as the portal."""

    # ------------------------------------------------------------------
    # The form's schema
    # ------------------------------------------------------------------

    def test_form_schema(self):
        response = self._call(
            "GET", f"/request-types/{self.type_terrace.id}/form", self.token_a
        )
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertTrue(body["has_form"])
        schema = body["answers_schema"]
        self.assertEqual(schema["type"], "object")
        self.assertFalse(schema["additionalProperties"])
        # Sections are not answers; every question is a property.
        self.assertEqual(
            list(schema["properties"]),
            [
                "etab",
                "siret",
                "iban",
                "courriel",
                "tel",
                "adresse",
                "tables",
                "debut",
                "periode",
                "mobilier",
                "chauffage",
                "type_chauffage",
                "remarques",
                "plan",
            ],
        )
        # Required unless shown by another answer.
        self.assertEqual(
            schema["required"], ["etab", "siret", "adresse", "tables", "periode"]
        )
        tables = schema["properties"]["tables"]
        self.assertEqual(
            (tables["type"], tables["minimum"], tables["maximum"]), ("integer", 1, 40)
        )
        self.assertEqual(tables["x-grc-section"], "Votre terrasse")
        self.assertEqual(
            schema["properties"]["periode"]["enum"],
            ["Saison estivale", "Année entière"],
        )
        self.assertEqual(
            schema["properties"]["mobilier"]["items"]["enum"],
            ["Tables", "Chaises", "Parasols"],
        )
        self.assertEqual(schema["properties"]["debut"]["format"], "date")
        self.assertTrue(schema["properties"]["debut"]["x-grc-after-today"])
        self.assertEqual(schema["properties"]["chauffage"]["type"], "boolean")
        self.assertEqual(schema["properties"]["plan"]["x-grc-kind"], "file")
        self.assertEqual(
            schema["allOf"],
            [
                {
                    "if": {
                        "properties": {"chauffage": {"const": True}},
                        "required": ["chauffage"],
                    },
                    "then": {"required": ["type_chauffage"]},
                    "x-grc-shows": "type_chauffage",
                }
            ],
        )
        documents = {document["name"]: document for document in body["documents"]}
        kbis = documents["Extrait Kbis"]
        self.assertEqual(kbis["id"], self.doc_kbis.id)
        self.assertTrue(kbis["required"])
        self.assertEqual(kbis["accepted_types"], ["pdf"])
        self.assertEqual(kbis["max_size"], 2 * 1024 * 1024)
        self.assertFalse(documents["Attestation d'assurance"]["required"])

    def test_public_form_and_openapi(self):
        """Without token: the public démarches' forms, in the route and in
        the OpenAPI document as they are now; never a confidential one."""
        response = self._call(
            "GET", f"/public/request-types/{self.type_terrace.id}/form"
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertIn("public", response.headers["Cache-Control"])
        self.type_terrace.is_confidential = True
        response = self._call(
            "GET", f"/public/request-types/{self.type_terrace.id}/form"
        )
        self.assertApiError(response, 404, "not_found")
        document = self._call("GET", "/openapi.json").json()
        name = f"RequestTypeForm{self.type_terrace.id}"
        self.assertNotIn(name, document["components"]["schemas"])
        self.type_terrace.is_confidential = False
        self.env["grc.form.question"].create(
            {
                "request_type_id": self.type_terrace.id,
                "sequence": 999,
                "kind": "char",
                "name": "Enseigne",
                "key": "enseigne",
            }
        )
        document = self._call("GET", "/openapi.json").json()
        schema = document["components"]["schemas"][name]
        self.assertEqual(schema["title"], "Autorisation de terrasse")
        self.assertIn("enseigne", schema["properties"])
        self.assertIn("/requests/with-form", document["paths"])
        # A type without a form has no schema.
        self.assertNotIn(
            f"RequestTypeForm{self.type_lamp.id}", document["components"]["schemas"]
        )

    def test_unpublished_form_not_found(self):
        response = self._call(
            "GET", f"/request-types/{self.type_hidden.id}/form", self.token_a
        )
        self.assertApiError(response, 404, "not_found")

    # ------------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------------

    def test_submit_with_form(self):
        answers = self._api_answers(chauffage="yes", type_chauffage="Gaz")
        answers["plan"] = ["plan.pdf"]
        response = self._submit(
            answers=answers,
            files=[
                ("files", ("kbis.pdf", PDF, "application/pdf")),
                ("files", ("plan.pdf", PDF, "application/pdf")),
            ],
        )
        self.assertEqual(response.status_code, 201, response.text)
        ticket = self.env["helpdesk.ticket"].browse(response.json()["id"])
        self.assertEqual(ticket.partner_id, self.citizen)
        self.assertTrue(ticket.grc_form_version_id)
        stored = {answer.key: answer for answer in ticket.grc_form_answer_ids}
        self.assertEqual(stored["tables"].value_number, 6)
        self.assertTrue(stored["chauffage"].value_bool)
        self.assertEqual(stored["type_chauffage"].value_char, "Gaz")
        self.assertEqual(stored["mobilier"].value_char, "Tables; Chaises")
        self.assertEqual(stored["plan"].attachment_ids.name, "plan.pdf")
        self.assertEqual(ticket.grc_document_ids.name, "Extrait Kbis")
        self.assertEqual(ticket.grc_document_ids.attachment_id.name, "kbis.pdf")
        # No description sent: the answers make it.
        self.assertIn("Nombre de tables: 6", ticket.description)

    def test_same_checks_and_messages_as_the_portal(self):
        """The errors of the API are the intake's, for the same answers, named
        as the API's fields; nothing is filed."""
        answers = self._answers(tables="0", siret=SIRET_BAD, chauffage="yes")
        answers.pop("etab")
        portal = self.env["helpdesk.ticket"]._grc_intake_errors(
            self._intake_values(answers=dict(answers), documents={})
        )
        # JSON types: 0 is a number below the minimum, not a missing answer.
        api_answers = dict(answers, chauffage=True, tables=0)
        details = self._details(
            self._submit(answers=api_answers, documents={}, files=[])
        )
        expected = {
            "answers.tables": portal["q_tables"],
            "answers.siret": portal["q_siret"],
            "answers.etab": portal["q_etab"],
            "answers.type_chauffage": portal["q_type_chauffage"],
            f"documents.{self.doc_kbis.id}": portal[f"doc_{self.doc_kbis.id}"],
        }
        self.assertEqual(details, expected)
        self.assertIn("this answer is required", details["answers.etab"])
        self.assertFalse(self._requests_of(self.citizen))

    def test_plain_submission_checked_against_the_form(self):
        """A request sent to the plain route, without its form, misses the
        required answers and documents."""
        response = self._call(
            "POST",
            "/requests",
            self.token_a,
            data={"request_type_id": self.type_terrace.id, "description": "Terrasse"},
        )
        details = self._details(response)
        self.assertIn("answers.etab", details)
        self.assertIn(f"documents.{self.doc_kbis.id}", details)
        self.assertFalse(self._requests_of(self.citizen))
        # A démarche without a form is filed as before.
        response = self._call(
            "POST",
            "/requests",
            self.token_a,
            data={"request_type_id": self.type_lamp.id, "description": "Panne"},
        )
        self.assertEqual(response.status_code, 201, response.text)

    def test_files_and_keys_must_fit_the_form(self):
        answers = self._api_answers(inconnu="x")
        answers["plan"] = ["absent.pdf"]
        details = self._details(
            self._submit(
                answers=answers,
                documents={"999999": "kbis.pdf", str(self.doc_kbis.id): "kbis.pdf"},
                files=[
                    ("files", ("kbis.pdf", PDF, "application/pdf")),
                    ("files", ("autre.pdf", PDF, "application/pdf")),
                ],
            )
        )
        self.assertEqual(
            set(details),
            {"answers.inconnu", "answers.plan", "documents.999999", "files"},
        )
        self.assertIn("absent.pdf", details["answers.plan"])
        self.assertIn("autre.pdf", details["files"])
        details = self._details(self._submit(answers=self._api_answers(etab={"a": 1})))
        self.assertIn("answers.etab", details)
        details = self._details(self._submit(answers="[1]"))
        self.assertIn("answers", details)
        self.assertFalse(self._requests_of(self.citizen))

    def test_document_of_wrong_type(self):
        """The checklist's rules: a PDF only for the Kbis."""
        details = self._details(
            self._submit(files=[("files", ("kbis.pdf", b"GIF89a....", "image/gif"))])
        )
        self.assertIn(f"documents.{self.doc_kbis.id}", details)


@tagged("post_install", "-at_install")
class TestFormsApiValidationTable(FormsApiCase, FormValidationTable):
    """The table of valid and invalid answers (grc_citoyen_forms'
    validation_cases.py) sent by the app: the portal's verdict and message
    for each, JSON types where the app sends them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_validation_table_questions()

    def test_validation_table(self):
        def submit(answers):
            files = []
            for key in FILE_KEYS:
                if key in answers:
                    upload = answers.pop(key)
                    answers[key] = [upload[0]]
                    files.append(("files", upload))
            details = self._details(
                self._submit(answers=answers, documents={}, files=files)
            )
            return {
                field[len("answers.") :]: message
                for field, message in details.items()
                if field.startswith("answers.")
            }

        checked = self._run_validation_table("api", self._api_answers(), submit)
        self.assertGreaterEqual(checked, 40)
        self.assertFalse(self._requests_of(self.citizen))
