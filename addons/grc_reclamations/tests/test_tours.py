# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ReclamationCommon


@tagged("post_install", "-at_install")
class TestReclamationTours(HttpCase, ReclamationCommon):
    """The complaint journey in a browser, citizen and officer."""

    def test_complaint_about_a_late_request(self):
        """A citizen complains about a late request; the officer answers."""
        new_test_user(
            self.env,
            login="rec_tour_citizen",
            groups="base.group_portal",
            partner_id=self.citizen.id,
            email=self.citizen.email,
        )
        ticket = self._create_request(
            received_date=fields.Datetime.now() - timedelta(days=42)
        )
        self.start_tour(
            f"/my/requests/{ticket.id}",
            "grc_reclamation_portal_file",
            login="rec_tour_citizen",
        )
        rec = self.Reclamation.search([("ticket_ids", "=", ticket.id)])
        self.assertEqual(len(rec), 1)
        self.assertEqual(rec.reason_id, self.reason_late)
        self.assertTrue(rec.request_escalated, "the late request was escalated")

        # The officer, where they land: root cause, corrective action and the
        # answer with its letter in thirteen clicks, no scroll (the issue
        # counted 15 clicks and 3 scrolls).
        self.start_tour("/odoo", "grc_reclamation_officer_answer", login="rec_officer")
        self.assertEqual(rec.state, "answered")
        self.assertEqual(rec.root_cause_id, self.cause_workload)
        self.assertEqual(rec.justification, "justified")
        self.assertEqual(rec.action_ids.name, "Renfort de l'équipe d'éclairage public")
        self.assertTrue(rec.answer_date)
        self.assertIn("renforcé", rec.answer_body)
        answer = rec.message_ids.filtered(
            lambda m: m.author_id == self.officer.partner_id and m.attachment_ids
        )
        self.assertEqual(len(answer), 1, "the letter goes with the answer")
        self.assertIn(rec.name, answer.attachment_ids.name)

        self.start_tour(
            f"/my/reclamation/{rec.id}",
            "grc_reclamation_portal_read",
            login="rec_tour_citizen",
        )
        self.assertEqual(rec.citizen_satisfaction, "satisfied")
