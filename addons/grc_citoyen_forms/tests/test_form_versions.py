# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import GrcFormsCommon


@tagged("post_install", "-at_install")
class TestFormVersions(GrcFormsCommon):
    """A form changed after requests were filed never changes what they say
    was asked and answered."""

    def test_fifty_requests_then_form_changed(self):
        tickets = self.env["helpdesk.ticket"]
        for index in range(50):
            tickets |= tickets._grc_submit_request(
                self._intake_values(answers=self._answers(tables=str(index % 40 + 1)))
            )
        version = self.type_terrace.grc_form_version_ids
        self.assertEqual(len(version), 1, "one version while the form is unchanged")
        self.assertEqual(set(tickets.mapped("grc_form_version_id")), {version})
        before = {
            ticket.id: [(a.label, a.display_value) for a in ticket.grc_form_answer_ids]
            for ticket in tickets
        }
        html_before = tickets[7].grc_form_answers_html

        # The administrator renames, re-words choices, removes and adds.
        self.q_tables.write({"name": "Nombre de tables en terrasse", "max_value": 10})
        self.q_season.options = "Été\nHiver"
        self.q_iban.unlink()
        self.q_section.name = "L'exploitant"
        self.env["grc.form.question"].create(
            {
                "request_type_id": self.type_terrace.id,
                "sequence": 5,
                "kind": "char",
                "name": "Enseigne",
                "key": "enseigne",
                "required": True,
            }
        )
        self.env.invalidate_all()

        after = {
            ticket.id: [(a.label, a.display_value) for a in ticket.grc_form_answer_ids]
            for ticket in tickets
        }
        self.assertEqual(after, before)
        self.assertEqual(tickets[7].grc_form_answers_html, html_before)
        self.assertIn("Nombre de tables", tickets[7].grc_form_answers_html)
        self.assertNotIn("en terrasse", tickets[7].grc_form_answers_html)
        self.assertIn("Saison estivale", tickets[7].grc_form_answers_html)
        self.assertIn("Votre établissement", tickets[7].grc_form_answers_html)
        # The version they were filed with still holds the old questions.
        frozen = version._grc_questions()
        self.assertEqual(frozen["tables"]["label"], "Nombre de tables")
        self.assertEqual(frozen["tables"]["max"], 40)
        self.assertIn("iban", frozen)

        # The next request is filed with a new version, under the new rules.
        new = tickets._grc_submit_request(
            self._intake_values(
                answers=self._answers(periode="Hiver", enseigne="Chez Léa")
            )
        )
        self.assertEqual(new.grc_form_version_id.number, version.number + 1)
        self.assertEqual(len(self.type_terrace.grc_form_version_ids), 2)
        labels = new.grc_form_answer_ids.mapped("label")
        self.assertIn("Nombre de tables en terrasse", labels)
        self.assertNotIn("IBAN", labels)
        self.assertEqual(version.ticket_count, 50)
