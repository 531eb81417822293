# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo.tests import tagged

from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError
from odoo.addons.grc_citoyen_forms.tests.common import PDF, PNG, GrcFormsCommon


@tagged("post_install", "-at_install")
class TestFormsGuest(GrcFormsCommon):
    """A visitor's answers and documents wait in their draft and are filed
    with the request once they confirm their address."""

    def _visitor_values(self, **overrides):
        values = self._intake_values(
            files={"plan": [("plan.png", PNG, "image/png")]},
            partner_id=False,
            citizen={"name": "Léa Petit", "email": "lea.petit@example.fr"},
            idempotency_key=str(uuid.uuid4()),
        )
        values.update(overrides)
        return values

    def test_answers_wait_in_the_draft(self):
        values = self._visitor_values()
        tickets = self.env["helpdesk.ticket"]
        tickets._grc_check_visitor_values(values)
        draft = self.env["grc.request.draft"]._grc_create_draft(values, validated=True)
        # No description typed: the answers make it.
        self.assertIn("Café des Lilas", draft.description)
        self.assertEqual(draft.grc_form_answers["tables"], "6")
        ticket = draft.action_grc_confirm()
        answers = {answer.key: answer for answer in ticket.grc_form_answer_ids}
        self.assertEqual(answers["tables"].value_number, 6)
        self.assertEqual(answers["mobilier"].display_value, "Tables; Chaises")
        self.assertEqual(answers["plan"].attachment_ids.name, "plan.png")
        self.assertEqual(ticket.grc_document_ids.name, "Extrait Kbis")
        self.assertEqual(ticket.grc_document_ids.attachment_id.raw, PDF)
        # The form's files went to their answer and document, not twice.
        self.assertEqual(
            sorted(ticket.grc_citizen_attachment_ids.mapped("name")),
            ["kbis.pdf", "plan.png"],
        )
        self.assertEqual(draft.action_grc_confirm(), ticket)

    def test_visitor_answers_checked(self):
        values = self._visitor_values(
            form_answers=self._answers(tables="0"), form_documents={}
        )
        with self.assertRaises(GrcIntakeError) as caught:
            self.env["helpdesk.ticket"]._grc_check_visitor_values(values)
        self.assertIn("q_tables", caught.exception.errors)
        self.assertIn(f"doc_{self.doc_kbis.id}", caught.exception.errors)
