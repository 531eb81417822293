# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError
from odoo.addons.grc_citoyen_forms.tests.common import PDF, SIRET_BAD, GrcFormsCommon
from odoo.addons.grc_citoyen_forms.tests.validation_cases import (
    FILE_KEYS,
    FormValidationTable,
)


@tagged("post_install", "-at_install")
class TestFormsFrontdesk(GrcFormsCommon):
    """The terrace permit's form filled at the front desk by an agent for
    the citizen: same questions, same checks, same messages as the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = new_test_user(
            cls.env, login="grc-desk-forms", groups="grc_citoyen.group_grc_frontdesk"
        )
        cls.Console = cls.env["grc.frontdesk.console"].with_user(cls.desk)

    def _console(self, answers=None, kbis=True):
        console = self.Console.create(
            {
                "channel_id": self.env.ref(
                    "grc_citoyen.helpdesk_ticket_channel_front_desk"
                ).id,
                "partner_id": self.citizen.id,
                "request_type_id": self.type_terrace.id,
            }
        )
        typed = self._answers() if answers is None else answers
        console.grc_form_answers = typed
        if kbis:
            console.grc_form_file_ids.filtered(
                lambda line: line.document_id == self.doc_kbis
            ).write({"file": base64.b64encode(PDF), "filename": "kbis.pdf"})
        return console

    def test_questions_as_properties(self):
        """Each question a property of the console, in the order of the form,
        sections as separators, file questions left to the files."""
        definition = self.type_terrace.with_user(self.desk).grc_desk_form_definition
        by_name = {prop["name"]: prop for prop in definition}
        self.assertEqual(
            [prop["type"] for prop in definition][:2], ["separator", "char"]
        )
        self.assertEqual(by_name["etab"]["string"], "Nom de l'établissement (required)")
        self.assertEqual(by_name["tables"]["type"], "integer")
        self.assertEqual(by_name["debut"]["type"], "date")
        self.assertEqual(
            by_name["periode"]["selection"],
            [
                ["Saison estivale", "Saison estivale"],
                ["Année entière", "Année entière"],
            ],
        )
        self.assertEqual(
            [tag[0] for tag in by_name["mobilier"]["tags"]],
            ["Tables", "Chaises", "Parasols"],
        )
        self.assertEqual(
            [option[0] for option in by_name["chauffage"]["selection"]], ["yes", "no"]
        )
        self.assertIn(
            "only if “Chauffage extérieur” is “Yes”",
            by_name["type_chauffage"]["string"],
        )
        self.assertNotIn("plan", by_name)
        # Changed in the démarche's form only.
        with self.assertRaises(UserError):
            self.type_terrace.grc_desk_form_definition = []

    def test_answers_prefilled_from_the_citizen(self):
        """What the town hall knows of the citizen is not asked again: the
        phone question is filled in when the démarche is chosen."""
        self.citizen.phone = "06 12 34 56 78"
        console = self.Console.create(
            {
                "channel_id": self.env.ref(
                    "grc_citoyen.helpdesk_ticket_channel_front_desk"
                ).id,
                "partner_id": self.citizen.id,
                "request_type_id": self.type_terrace.id,
            }
        )
        self.assertEqual(console._grc_form_answers()["tel"], "+33612345678")
        # Typed over it: kept when the citizen is chosen again.
        console.grc_form_answers = {"tel": "01 23 45 67 89"}
        console.partner_id = self.citizen
        self.assertEqual(console._grc_form_answers()["tel"], "01 23 45 67 89")
        console.request_type_id = False
        self.assertFalse(console._grc_form_answers())
        console.request_type_id = self.type_terrace
        answers = console._grc_form_answers()
        self.assertEqual(answers["tel"], "+33612345678")
        self.assertEqual(answers["etab"], "")

    def test_files_asked(self):
        console = self._console(kbis=False)
        self.assertEqual(
            [
                (line.kind, line.name, line.required)
                for line in console.grc_form_file_ids
            ],
            [
                ("question", "Plan de la terrasse", False),
                ("document", "Extrait Kbis", True),
                ("document", "Attestation d'assurance", False),
            ],
        )
        self.assertEqual(console.grc_form_file_ids[1].help, "PDF, 2 MB at most")
        # Another démarche, other files.
        console.request_type_id = self.type_lamp
        self.assertFalse(console.grc_form_file_ids)

    def test_request_filed_with_the_answers(self):
        console = self._console(
            answers=self._answers(
                tables=6, chauffage="yes", type_chauffage="Gaz", mobilier=["Tables"]
            )
        )
        console.action_create_request()
        ticket = self.env["helpdesk.ticket"].search(
            [("request_type_id", "=", self.type_terrace.id)]
        )
        self.assertEqual(ticket.partner_id, self.citizen)
        self.assertEqual(ticket.channel_id, console.channel_id)
        stored = {answer.key: answer for answer in ticket.grc_form_answer_ids}
        self.assertEqual(stored["tables"].value_number, 6)
        self.assertTrue(stored["chauffage"].value_bool)
        self.assertEqual(stored["type_chauffage"].value_char, "Gaz")
        self.assertEqual(stored["mobilier"].value_char, "Tables")
        self.assertEqual(stored["siret"].value_char, self._answers()["siret"])
        self.assertEqual(ticket.grc_document_ids.name, "Extrait Kbis")
        self.assertEqual(ticket.grc_document_ids.attachment_id.raw, PDF)
        self.assertIn("Nombre de tables: 6", ticket.description)
        # Ready for the next contact.
        self.assertFalse(console.request_type_id)
        self.assertFalse(console.grc_form_file_ids)

    def test_same_checks_and_messages_as_the_portal(self):
        answers = self._answers(tables=0, siret=SIRET_BAD, chauffage="yes")
        answers.pop("etab")
        console = self._console(answers=dict(answers), kbis=False)
        portal = self.env["helpdesk.ticket"]._grc_intake_errors(
            self._intake_values(answers=dict(answers, tables="0"), documents={})
        )
        with self.assertRaises(GrcIntakeError) as caught:
            console.action_create_request()
        errors = caught.exception.errors
        for key in (
            "q_etab",
            "q_tables",
            "q_siret",
            "q_type_chauffage",
            f"doc_{self.doc_kbis.id}",
        ):
            self.assertEqual(errors[key], portal[key])
        self.assertFalse(
            self.env["helpdesk.ticket"].search(
                [("request_type_id", "=", self.type_terrace.id)]
            )
        )
        # Nothing typed is lost.
        self.assertEqual(console._grc_form_answers()["siret"], SIRET_BAD)

    def test_another_agent_cannot_read_the_files(self):
        console = self._console()
        other = new_test_user(
            self.env, login="grc-desk-other", groups="grc_citoyen.group_grc_frontdesk"
        )
        with self.assertRaises(AccessError):
            console.grc_form_file_ids.with_user(other).read(["file"])
        with self.assertRaises(AccessError):
            console.grc_form_file_ids.with_user(other).write({"filename": "x.pdf"})


@tagged("post_install", "-at_install")
class TestFormsFrontdeskValidationTable(GrcFormsCommon, FormValidationTable):
    """The table of valid and invalid answers (grc_citoyen_forms'
    validation_cases.py) typed in the console: the portal's verdict and
    message for each answer the console can type."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_validation_table_questions()
        cls.desk = new_test_user(
            cls.env, login="grc-desk-table", groups="grc_citoyen.group_grc_frontdesk"
        )

    def test_validation_table(self):
        channel = self.env.ref("grc_citoyen.helpdesk_ticket_channel_front_desk")

        def submit(answers):
            console = (
                self.env["grc.frontdesk.console"]
                .with_user(self.desk)
                .create(
                    {
                        "channel_id": channel.id,
                        "partner_id": self.citizen.id,
                        "request_type_id": self.type_terrace.id,
                    }
                )
            )
            for key in FILE_KEYS:
                if key in answers:
                    name, data, _mimetype = answers.pop(key)
                    console.grc_form_file_ids.filtered(
                        lambda line, key=key: line.key == key
                    ).write({"file": base64.b64encode(data), "filename": name})
            console.grc_form_answers = answers
            with self.assertRaises(GrcIntakeError) as caught:
                console.action_create_request()
            return {
                key[2:]: message
                for key, message in caught.exception.errors.items()
                if key.startswith("q_")
            }

        checked = self._run_validation_table("desk", self._answers(tables=6), submit)
        self.assertGreaterEqual(checked, 35)
