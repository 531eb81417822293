# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from unittest.mock import patch

from odoo.tests import new_test_user, tagged

from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError

from ..tools import checks
from .common import IBAN_BAD, IBAN_OK, PDF, PNG, SIRET_BAD, SIRET_OK, GrcFormsCommon


@tagged("post_install", "-at_install")
class TestFormChecks(GrcFormsCommon):
    """Each kind of question: a valid answer, invalid ones, bounds and
    conditions, through the engine every channel uses."""

    def _check(self, **overrides):
        definition = self.type_terrace._grc_form_definition()
        return self.env["grc.form.engine"]._grc_form_check(
            definition, self._answers(**overrides)
        )

    def _error(self, key, **overrides):
        errors, _cleaned = self._check(**overrides)
        return errors.get("q_" + key)

    def _value(self, key, **overrides):
        errors, cleaned = self._check(**overrides)
        self.assertFalse(errors)
        return next(answer for answer in cleaned if answer["key"] == key)

    def test_valid_form(self):
        errors, cleaned = self._check()
        self.assertEqual(errors, {})
        by_key = {answer["key"]: answer for answer in cleaned}
        self.assertEqual(by_key["courriel"]["value_char"], "gerant@example.fr")
        self.assertEqual(by_key["tel"]["value_char"], "+33612345678")
        self.assertEqual(by_key["tables"]["value_number"], 6)
        self.assertEqual(by_key["mobilier"]["display_value"], "Tables; Chaises")
        self.assertFalse(by_key["chauffage"]["value_bool"])
        self.assertEqual(
            by_key["iban"]["value_char"], "FR76 3000 6000 0112 3456 7890 189"
        )
        self.assertEqual(by_key["etab"]["section"], "Votre établissement")
        self.assertEqual(by_key["tables"]["section"], "Votre terrasse")
        self.assertNotIn("type_chauffage", by_key)

    def test_required(self):
        self.assertIn("this answer is required", self._error("etab", etab="  "))
        self.assertIn("Nom de l'établissement", self._error("etab", etab=None))
        self.assertFalse(self._error("iban", iban=None))

    def test_char(self):
        self.assertEqual(
            self._value("etab", etab="  Café   du  Port ")["value_char"], "Café du Port"
        )
        self.assertIn("256", self._error("etab", etab="x" * 257))

    def test_text(self):
        self.assertEqual(self._value("remarques")["value_text"], "Ligne 1\nLigne 2")
        self.assertIn("10000", self._error("remarques", remarques="x" * 10001))

    def test_number(self):
        self.assertEqual(self._value("tables", tables="12")["value_number"], 12)
        self.assertEqual(self._value("tables", tables="40")["value_number"], 40)
        self.assertEqual(self._value("tables", tables="1")["value_number"], 1)
        self.assertIn("give a number", self._error("tables", tables="six"))
        self.assertIn("whole number", self._error("tables", tables="2,5"))
        self.assertIn("at least 1", self._error("tables", tables="0"))
        self.assertIn("at most 40", self._error("tables", tables="41"))

    def test_number_decimal_comma(self):
        self.q_tables.integer_only = False
        self.assertEqual(self._value("tables", tables="2,5")["value_number"], 2.5)

    def test_date(self):
        today = datetime.date.today()
        value = self._value(
            "debut", debut=(today + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
        )
        self.assertEqual(value["value_date"], today + datetime.timedelta(days=1))
        self.assertIn("in the future", self._error("debut", debut=today.isoformat()))
        self.assertIn("DD/MM/YYYY", self._error("debut", debut="31/02/2030"))
        self.q_start.write(
            {"date_future": False, "date_min": "2030-01-01", "date_max": "2030-12-31"}
        )
        self.assertFalse(self._error("debut", debut="2030-01-01"))
        self.assertFalse(self._error("debut", debut="2030-12-31"))
        self.assertIn(
            "on or after 01/01/2030", self._error("debut", debut="2029-12-31")
        )
        self.assertIn(
            "on or before 31/12/2030", self._error("debut", debut="2031-01-01")
        )

    def test_selection(self):
        self.assertEqual(
            self._value("periode", periode="Année entière")["value_char"],
            "Année entière",
        )
        self.assertIn("proposed answers", self._error("periode", periode="Hiver"))
        self.assertIn(
            "proposed answers",
            self._error("periode", periode=["Saison estivale", "Année entière"]),
        )

    def test_multi(self):
        self.assertEqual(
            self._value("mobilier", mobilier=["Parasols", "Tables", "Tables"])[
                "value_char"
            ],
            "Tables; Parasols",
        )
        self.assertIn(
            "proposed answers", self._error("mobilier", mobilier=["Tables", "Bar"])
        )

    def test_boolean(self):
        self.assertTrue(
            self._value("chauffage", chauffage="yes", type_chauffage="Gaz")[
                "value_bool"
            ]
        )
        self.assertIn("yes or no", self._error("chauffage", chauffage="peut-être"))

    def test_email(self):
        self.assertIn(
            "e-mail address", self._error("courriel", courriel="gerant@exemple")
        )

    def test_phone(self):
        self.assertEqual(
            self._value("tel", tel="+33 1 23 45 67 89")["value_char"], "+33123456789"
        )
        self.assertIn("phone number", self._error("tel", tel="06 12"))
        self.assertIn("phone number", self._error("tel", tel="n/a"))

    def test_address(self):
        self.assertIn(
            "postal code", self._error("adresse", adresse="12 rue des Lilas Lyon")
        )

    def test_siret(self):
        self.assertEqual(
            self._value("siret", siret="732 829 320 00074")["value_char"], SIRET_OK
        )
        self.assertIn("SIRET", self._error("siret", siret=SIRET_BAD))
        self.assertIn("SIRET", self._error("siret", siret="1234"))
        # La Poste's establishments: the sum of the digits, not Luhn.
        self.assertTrue(checks.siret_valid("35600000000048"))
        self.assertTrue(checks.siret_valid("35600000049837"))

    def test_iban(self):
        self.assertTrue(checks.iban_valid(IBAN_OK.lower()))
        self.assertIn("IBAN", self._error("iban", iban=IBAN_BAD))
        self.assertIn("IBAN", self._error("iban", iban="FR76"))

    def test_condition(self):
        """A question shown by an answer is required then, ignored otherwise
        (even when a value came for it: the server checks the condition)."""
        self.assertIn("required", self._error("type_chauffage", chauffage="yes"))
        errors, cleaned = self._check(chauffage="no", type_chauffage="Gaz")
        self.assertFalse(errors)
        self.assertNotIn("type_chauffage", [answer["key"] for answer in cleaned])
        self.assertEqual(
            self._value("type_chauffage", chauffage="yes", type_chauffage="Gaz")[
                "value_char"
            ],
            "Gaz",
        )

    def test_condition_chain(self):
        """A question depending on a hidden question is hidden too."""
        q_extra = self.env["grc.form.question"].create(
            {
                "request_type_id": self.type_terrace.id,
                "sequence": 999,
                "kind": "boolean",
                "name": "Chauffage au gaz",
                "key": "gaz",
                "condition_question_id": self.q_heating.id,
                "condition_value": "yes",
            }
        )
        self.env["grc.form.question"].create(
            {
                "request_type_id": self.type_terrace.id,
                "sequence": 1000,
                "kind": "char",
                "name": "Contrat d'entretien",
                "key": "contrat",
                "required": True,
                "condition_question_id": q_extra.id,
                "condition_value": "yes",
            }
        )
        self.assertFalse(self._error("contrat", chauffage="no", gaz="yes"))
        self.assertTrue(
            self._error("contrat", chauffage="yes", type_chauffage="Gaz", gaz="yes")
        )

    def test_file_question(self):
        definition = self.type_terrace._grc_form_definition()
        engine = self.env["grc.form.engine"]
        errors, cleaned = engine._grc_form_check(
            definition, self._answers(), {"plan": [("plan.png", PNG, "image/png")]}
        )
        self.assertFalse(errors)
        self.assertEqual(cleaned[-1]["key"], "plan")
        errors, _cleaned = engine._grc_form_check(
            definition,
            self._answers(),
            {"plan": [("plan.exe", b"MZ\x90\x00", "image/png")]},
        )
        self.assertIn("not accepted", errors["q_plan"])
        self.q_plan.required = True
        errors, _cleaned = engine._grc_form_check(
            self.type_terrace._grc_form_definition(), self._answers()
        )
        self.assertIn("add the file", errors["q_plan"])


@tagged("post_install", "-at_install")
class TestFormIntake(GrcFormsCommon):
    """The intake of every channel checks the form and stores typed answers."""

    def test_intake_stores_answers(self):
        ticket = self.env["helpdesk.ticket"]._grc_submit_request(
            self._intake_values(files={"plan": [("plan.pdf", PDF, "application/pdf")]})
        )
        self.assertTrue(ticket.grc_form_version_id)
        answers = {answer.key: answer for answer in ticket.grc_form_answer_ids}
        self.assertEqual(answers["tables"].value_number, 6)
        self.assertEqual(answers["siret"].value_char, SIRET_OK)
        self.assertEqual(answers["plan"].attachment_ids.name, "plan.pdf")
        self.assertEqual(ticket.grc_document_ids.name, "Extrait Kbis")
        self.assertEqual(ticket.grc_document_ids.state, "received")
        # The agent downloads the file as sent.
        action = ticket.grc_document_ids.action_grc_download()
        self.assertEqual(
            action["url"],
            f"/web/content/{ticket.grc_document_ids.attachment_id.id}?download=true",
        )
        # Written by nobody: the description is made of the answers.
        self.assertIn("Nombre de tables: 6", ticket.description)
        self.assertIn("Café des Lilas", ticket.grc_form_answers_html)
        # Searchable.
        found = self.env["helpdesk.ticket"].search(
            [("grc_form_answer_ids.value_number", ">=", 5), ("id", "=", ticket.id)]
        )
        self.assertEqual(found, ticket)

    def test_intake_refuses_with_every_message(self):
        with self.assertRaises(GrcIntakeError) as caught:
            self.env["helpdesk.ticket"]._grc_submit_request(
                self._intake_values(
                    answers=self._answers(tables="0", siret=SIRET_BAD, chauffage="yes"),
                    documents={},
                )
            )
        errors = caught.exception.errors
        self.assertEqual(
            set(errors)
            & {"q_tables", "q_siret", "q_type_chauffage", f"doc_{self.doc_kbis.id}"},
            {"q_tables", "q_siret", "q_type_chauffage", f"doc_{self.doc_kbis.id}"},
        )
        self.assertNotIn("description", errors)
        self.assertFalse(
            self.env["helpdesk.ticket"].search(
                [("request_type_id", "=", self.type_terrace.id)]
            )
        )

    def test_answers_escaped(self):
        ticket = self.env["helpdesk.ticket"]._grc_submit_request(
            self._intake_values(answers=self._answers(etab="<script>alert(1)</script>"))
        )
        self.assertNotIn("<script>", ticket.grc_form_answers_html)
        self.assertIn("&lt;script&gt;", ticket.grc_form_answers_html)

    def test_documents_checked(self):
        engine = self.env["grc.form.engine"]
        documents = self.type_terrace.grc_document_ids
        errors, _cleaned = engine._grc_documents_check(
            documents, {self.doc_kbis.id: [("kbis.png", PNG, "image/png")]}
        )
        self.assertIn("PDF", errors[f"doc_{self.doc_kbis.id}"])
        errors, _cleaned = engine._grc_documents_check(
            documents,
            {
                self.doc_kbis.id: [
                    ("kbis.pdf", PDF + b"0" * 3 * 1024 * 1024, "application/pdf")
                ]
            },
        )
        self.assertIn("too big", errors[f"doc_{self.doc_kbis.id}"])
        errors, cleaned = engine._grc_documents_check(
            documents,
            {
                self.doc_kbis.id: [("kbis.pdf", PDF, "application/pdf")],
                self.doc_insurance.id: [("assurance.png", PNG, "image/png")],
            },
        )
        self.assertFalse(errors)
        self.assertEqual([document for document, _upload in cleaned], list(documents))

    def test_type_without_form_unchanged(self):
        ticket = self.env["helpdesk.ticket"]._grc_submit_request(
            {
                "request_type_id": self.type_lamp.id,
                "description": "Le lampadaire est éteint.",
                "partner_id": self.citizen.id,
            }
        )
        self.assertFalse(ticket.grc_form_version_id)
        self.assertFalse(ticket.grc_form_answer_ids)
        with self.assertRaises(GrcIntakeError) as caught:
            self.env["helpdesk.ticket"]._grc_submit_request(
                {"request_type_id": self.type_lamp.id, "partner_id": self.citizen.id}
            )
        self.assertIn("description", caught.exception.errors)

    def test_channel_without_forms_files_as_before(self):
        """A channel that sends no form (API, front desk, e-mail, until they
        know forms) files the request as before, without answers."""
        values = self._intake_values(description="Demande de terrasse par téléphone.")
        for key in ("form_answers", "form_files", "form_documents"):
            del values[key]
        ticket = self.env["helpdesk.ticket"]._grc_submit_request(values)
        self.assertFalse(ticket.grc_form_answer_ids)
        self.assertFalse(ticket.grc_document_ids)
        self.assertFalse(ticket.grc_form_version_id)
        # The portal always sends the form: an empty form is refused.
        with self.assertRaises(GrcIntakeError) as caught:
            self.env["helpdesk.ticket"]._grc_submit_request(
                self._intake_values(answers={}, documents={})
            )
        self.assertIn("q_tables", caught.exception.errors)

    def test_duplicate_demarche(self):
        copy = self.type_terrace.copy({"code": "TER2"})
        self.assertEqual(
            len(copy.grc_question_ids), len(self.type_terrace.grc_question_ids)
        )
        self.assertEqual(len(copy.grc_document_ids), 2)
        heating_kind = copy.grc_question_ids.filtered(
            lambda q: q.key == "type_chauffage"
        )
        self.assertEqual(heating_kind.condition_question_id.request_type_id, copy)
        self.assertEqual(heating_kind.condition_question_id.key, "chauffage")

    def test_new_demarche_from_this_one(self):
        """The button copies the form and the documents under a new name,
        without the code (unique per authority), and opens the copy."""
        action = self.type_terrace.action_grc_duplicate()
        copy = self.env["grc.request.type"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "grc.request.type")
        self.assertNotEqual(copy, self.type_terrace)
        self.assertEqual(copy.name, "Autorisation de terrasse (copy)")
        self.assertFalse(copy.code)
        self.assertEqual(
            copy.grc_question_ids.mapped("key"),
            self.type_terrace.grc_question_ids.mapped("key"),
        )
        self.assertEqual(
            copy.grc_document_ids.mapped("name"),
            self.type_terrace.grc_document_ids.mapped("name"),
        )
        # A second copy: no clash of codes either.
        self.type_terrace.action_grc_duplicate()

    def test_document_refused_asked_by_the_citizen_channel(self):
        """An agent refusing a document writes to the citizen on the
        request's thread: an answer to the citizen, sent on their channel
        (e-mail, or the SMS and letter addons' forwarding hook)."""
        agent = new_test_user(
            self.env, login="agent_refuse_forms", groups="grc_citoyen.group_grc_agent"
        )
        self.team_voirie.user_ids = [(4, agent.id)]
        ticket = self.env["helpdesk.ticket"]._grc_submit_request(self._intake_values())
        document = ticket.grc_document_ids.with_user(agent)
        document.refusal_reason = "Le Kbis a plus de trois mois."
        tickets = type(self.env["helpdesk.ticket"])
        with patch.object(tickets, "_grc_forward_answer", autospec=True) as forward:
            document.action_grc_to_replace()
        message = ticket.message_ids[0]
        forward.assert_called_once()
        self.assertEqual(forward.call_args.args[1], message)
        self.assertTrue(ticket._grc_is_answer_to_citizen(message))
        self.assertIn(self.citizen, message.partner_ids)
        self.assertEqual(message.author_id, agent.partner_id)
