# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.grc_citoyen_forms.tests.common import PDF, PNG, GrcFormsCommon
from odoo.addons.grc_citoyen_privacy.tests.canary import CanaryScan

CANARY = "Canari4217"


@tagged("post_install", "-at_install")
class TestFormsPrivacy(GrcFormsCommon, CanaryScan):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.helene, cls.marc = cls._create_portal_users("formsprivacy")
        cls.q_start.date_future = False
        # Answers repeated in the request's properties (search and group by).
        (
            cls.q_name
            | cls.q_address
            | cls.q_tables
            | cls.q_start
            | cls.q_season
            | cls.q_heating
            | cls.q_heating_kind
        ).write({"searchable": True})
        tickets = cls.env["helpdesk.ticket"]
        cls.canary_date = datetime.date(2031, 7, 14)
        cls.ticket = tickets._grc_submit_request(
            cls._intake_values(
                answers=cls._answers(
                    etab=f"Café {CANARY}",
                    courriel=f"{CANARY.lower()}@example.fr",
                    tel="06 42 17 42 17",
                    adresse=f"4217 rue {CANARY} 69003 Lyon",
                    iban="FR76 3000 6000 0112 3456 7890 189",
                    siret="73282932000074",
                    tables="37",
                    debut=cls.canary_date.isoformat(),
                    remarques=f"Remarque {CANARY}",
                    chauffage="yes",
                    type_chauffage=f"Gaz {CANARY}",
                ),
                files={"plan": [(f"plan-{CANARY}.png", PNG, "image/png")]},
                documents={
                    cls.doc_kbis.id: [(f"kbis-{CANARY}.pdf", PDF, "application/pdf")]
                },
            )
        )
        cls.ticket_marc = tickets._grc_submit_request(
            cls._intake_values(partner_id=cls.marc.partner_id.id)
        )

    def test_canary_gone_from_the_database_after_the_elimination(self):
        """The request on an elimination list, its visa recorded, destroyed:
        the canary of its answers, documents and file names is in no column
        of the database."""
        self.ticket.grc_document_ids.refusal_reason = f"Illisible {CANARY}"
        self.env.flush_all()
        self.assertTrue(self._scan_database([CANARY]), "the canary was not planted")
        engine = self.env["grc.retention.engine"]
        elimination = engine._grc_propose_elimination(self.ticket).list_id
        with self.assertRaises(UserError):
            elimination.action_eliminate()
        elimination.write(
            {
                "visa_signatory": "Archives départementales",
                "visa_date": "2026-06-01",
                "visa_reference": "AD-2026-42",
            }
        )
        elimination.action_record_visa()
        elimination.action_eliminate()
        self.env.flush_all()
        self.env.cr.precommit.run()
        # What Odoo's autovacuum does within minutes: bus notifications
        # dropped. (The files are those of the class, shared with the other
        # tests: not collected here; their names are in the database.)
        self.env.cr.execute(
            "UPDATE bus_bus SET create_date = create_date - interval '1 day'"
        )
        self.env["bus.bus"]._gc_messages()
        self.assertEqual(self._scan_database([CANARY]), [])

    def test_canary_in_every_answer_gone(self):
        document = self.ticket.grc_document_ids
        document.refusal_reason = f"Illisible {CANARY}"
        document.action_grc_to_replace()
        answers = self.ticket.grc_form_answer_ids
        self.assertEqual(
            len(answers.filtered(lambda a: CANARY in (a.display_value or ""))), 5
        )
        files = answers.attachment_ids | document.attachment_id
        self.assertEqual(len(files), 2)
        self.assertIn(CANARY, str(self.ticket.grc_answer_properties))

        self.env["grc.retention.engine"]._anonymise_requests(self.ticket)
        self.env.invalidate_all()

        for answer in answers:
            values = answer.read(
                [
                    "value_char",
                    "value_text",
                    "value_number",
                    "value_date",
                    "display_value",
                ]
            )[0]
            text = " ".join(str(value) for value in values.values())
            self.assertNotIn(CANARY, text, answer.key)
            self.assertNotIn(CANARY.lower(), text, answer.key)
            self.assertNotIn("4217", text, answer.key)
            self.assertNotIn("+33642174217", text, answer.key)
            self.assertNotIn("73282932000074", text, answer.key)
            self.assertNotIn("FR76", text, answer.key)
        by_key = {answer.key: answer for answer in answers}
        self.assertFalse(by_key["tables"].value_number)
        self.assertFalse(by_key["debut"].value_date)
        self.assertFalse(by_key["plan"].attachment_ids)
        self.assertFalse(files.exists())
        self.assertFalse(document.attachment_id)
        self.assertFalse(document.refusal_reason)
        # The form's own words stay for the statistics of the démarche.
        self.assertEqual(by_key["periode"].value_char, "Saison estivale")
        self.assertTrue(by_key["chauffage"].value_bool)
        self.assertEqual(document.name, "Extrait Kbis")
        properties = self.ticket.grc_answer_properties
        self.assertEqual(
            {key: value for key, value in properties.items() if value},
            {"periode": "Saison estivale", "chauffage": True},
        )
        # Another citizen's request is untouched.
        self.assertIn(
            "Café des Lilas",
            self.ticket_marc.grc_form_answer_ids.mapped("display_value"),
        )

    def test_answers_in_the_data_download(self):
        data, _files = self.citizen.with_user(self.helene)._grc_personal_data_export()
        answers = data["form_answers"]
        self.assertIn(
            {
                "request": self.ticket.number,
                "section": "Votre terrasse",
                "question": "Nombre de tables",
                "answer": "37",
            },
            answers,
        )
        self.assertEqual({a["request"] for a in answers}, {self.ticket.number})
        self.assertEqual(
            data["supporting_documents"],
            [
                {
                    "request": self.ticket.number,
                    "document": "Extrait Kbis",
                    "status": "Received, to check",
                    "file": f"kbis-{CANARY}.pdf",
                }
            ],
        )
