# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import io
import zipfile

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import GrcFormsCommon

FORMULA = '=HYPERLINK("http://attaquant.example/","Cliquez")'


@tagged("post_install", "-at_install")
class TestFormExport(GrcFormsCommon):
    """The answers to a démarche's form as a workbook: one request a row, one
    question a column (those of past versions too), numbers and dates typed,
    citizens' texts never formulas, only the requests the agent may read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tickets = cls.env["helpdesk.ticket"]
        cls.ticket_1 = tickets._grc_submit_request(
            cls._intake_values(answers=cls._answers(etab=FORMULA))
        )
        # The form changes: a question is renamed, another removed.
        cls.q_name.name = "Enseigne"
        cls.q_iban.unlink()
        cls.ticket_2 = tickets._grc_submit_request(
            cls._intake_values(answers=cls._answers(iban=None, tables="12"))
        )
        cls.agent = new_test_user(
            cls.env, login="agent_export_forms", groups="grc_citoyen.group_grc_agent"
        )
        cls.team_voirie.user_ids = [(4, cls.agent.id)]

    def _workbook(self, request_type, user=None):
        export = self.env["grc.form.export"].with_user(user or self.agent)
        content = export._grc_xlsx(request_type.with_user(user or self.agent))
        return content, openpyxl.load_workbook(io.BytesIO(content)).active

    def test_one_row_per_request_one_column_per_question(self):
        content, sheet = self._workbook(self.type_terrace)
        rows = list(sheet.iter_rows(values_only=True))
        headers = rows[0]
        self.assertEqual(headers[:2], ("Reference", "Received on"))
        # The form as it is now, then what only a past version asked.
        self.assertEqual(headers[6], "Enseigne")
        self.assertEqual(headers[-1], "IBAN")
        self.assertNotIn("Nom de l'établissement", headers)
        by_reference = {
            row[0]: dict(zip(headers, row, strict=True)) for row in rows[1:]
        }
        first = by_reference[self.ticket_1.number]
        second = by_reference[self.ticket_2.number]
        self.assertEqual(len(by_reference), 2)
        self.assertEqual(first["Version of the form"], 1)
        self.assertEqual(second["Version of the form"], 2)
        # Numbers and dates typed, texts as filed.
        self.assertEqual(first["Nombre de tables"], 6)
        self.assertEqual(second["Nombre de tables"], 12)
        self.assertIsInstance(first["Date de début"], datetime.datetime)
        self.assertEqual(first["Mobilier"], "Tables; Chaises")
        self.assertEqual(first["Remarques"], "Ligne 1\nLigne 2")
        self.assertEqual(first["IBAN"], "FR76 3000 6000 0112 3456 7890 189")
        self.assertIsNone(second["IBAN"])
        # The citizen's text is a text, never a formula.
        self.assertEqual(first["Enseigne"], FORMULA)
        sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read(
            "xl/worksheets/sheet1.xml"
        )
        self.assertNotIn(b"<f>", sheet_xml)

    def test_only_requests_the_agent_may_read(self):
        """A confidential démarche of another service: its requests are not
        exported to an agent of the Voirie."""
        social = self.type_terrace.copy(
            {"code": "SOC", "is_confidential": True, "team_id": self.team_ccas.id}
        )
        self.env["helpdesk.ticket"]._grc_submit_request(
            self._intake_values(
                request_type_id=social.id,
                answers=self._answers(iban=None),
                form_documents={
                    social.grc_document_ids[0].id: [
                        ("kbis.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
                    ]
                },
            )
        )
        _content, sheet = self._workbook(social)
        self.assertEqual(sheet.max_row, 1, "only the headers")
        agent_ccas = new_test_user(
            self.env, login="agent_ccas_forms", groups="grc_citoyen.group_grc_agent"
        )
        self.team_ccas.user_ids = [(4, agent_ccas.id)]
        _content, sheet = self._workbook(social, user=agent_ccas)
        self.assertEqual(sheet.max_row, 2)

    def test_agents_only(self):
        desk = new_test_user(
            self.env,
            login="desk_export_forms",
            groups="grc_citoyen.group_grc_frontdesk",
        )
        with self.assertRaises(AccessError):
            self._workbook(self.type_terrace, user=desk)
        action = self.type_terrace.action_grc_export_answers()
        self.assertEqual(
            action["url"], f"/demarches/{self.type_terrace.id}/reponses.xlsx"
        )
