# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ReclamationCommon


@tagged("post_install", "-at_install")
class TestReclamationLifecycle(ReclamationCommon):
    """The defined path of a complaint and what each step requires."""

    def test_reference_and_first_stage(self):
        """A complaint gets a REC-YYYY-NNNNN reference and starts as received."""
        rec = self._create_reclamation()
        self.assertRegex(rec.name, r"^REC-\d{4}-\d{5}$")
        self.assertEqual(rec.state, "received")
        other = self._create_reclamation()
        self.assertNotEqual(rec.name, other.name)

    def test_full_path_to_closure(self):
        """Received, admissible, analysis, drafted, answered, closed."""
        rec = self._create_reclamation()
        with freeze_time("2026-03-12 10:00:00"):
            rec = self._analyse(rec)
            self.assertEqual(rec.state, "drafted")
            rec.action_answered_by_post()
        self.assertEqual(rec.state, "answered")
        self.assertEqual(str(rec.answer_date), "2026-03-12 10:00:00")
        self.assertEqual(rec.deadline_status, "answered_on_time")
        self.assertEqual(rec.signatory_id, self.director)
        rec.action_close()
        self.assertEqual(rec.state, "closed")

    def test_forbidden_transitions(self):
        """Steps cannot be skipped, and a closed complaint stays closed."""
        rec = self._create_reclamation().with_user(self.officer)
        for target in ("analysis", "drafted", "answered", "closed"):
            with self.assertRaises(UserError):
                rec._set_state(target)
        rec.action_admissible()
        with self.assertRaises(UserError):
            rec._set_state("answered")
        rec.inadmissible_reason = "Relève du département."
        rec.action_not_admissible()
        rec.action_close()
        for target in ("received", "analysis", "answered"):
            with self.assertRaises(UserError):
                rec._set_state(target)

    def test_not_admissible_needs_a_reason_and_stops_the_clock(self):
        """Not admissible needs a reason; the notice stops the clock."""
        rec = self._create_reclamation().with_user(self.officer)
        with self.assertRaises(UserError):
            rec.action_not_admissible()
        rec.inadmissible_reason = "Il s'agit d'une demande d'information."
        rec.action_not_admissible()
        self.assertEqual(rec.state, "not_admissible")
        self.assertTrue(rec.answer_date)
        self.assertTrue(rec.ack_date)

    def test_draft_needs_conclusion_and_answer(self):
        """An answer cannot be drafted before the analysis is concluded."""
        rec = self._create_reclamation().with_user(self.officer)
        rec.action_admissible()
        rec.action_start_analysis()
        with self.assertRaises(UserError):
            rec.action_draft_answer()
        rec.justification = "not_justified"
        with self.assertRaises(UserError):
            rec.action_draft_answer()
        rec.answer_body = "<p>La procédure a été respectée.</p>"
        rec.action_draft_answer()
        self.assertEqual(rec.state, "drafted")
        rec.action_start_analysis()
        self.assertEqual(rec.state, "analysis", "a draft can go back to analysis")

    def test_closing_waits_for_corrective_actions(self):
        """Closing needs every corrective action done and checked, or cancelled."""
        rec = self._analyse(self._create_reclamation())
        action = self.env["grc.reclamation.action"].create(
            {
                "name": "Rappel de la procédure",
                "reclamation_id": rec.id,
                "user_id": self.agent_voirie.id,
                "date_deadline": "2026-04-30",
            }
        )
        self.assertEqual(action.team_id, self.team_voirie)
        self.assertTrue(action.activity_ids, "the owner gets an activity")
        rec.action_answered_by_post()
        with self.assertRaises(UserError):
            rec.action_close()
        action.action_done()
        self.assertFalse(action.activity_ids)
        with self.assertRaises(UserError):
            rec.action_close()
        action.effectiveness = "effective"
        rec.action_close()
        self.assertEqual(rec.state, "closed")

    def test_only_officers_move_complaints(self):
        """A service agent can read a complaint about their service but not move it."""
        rec = self._create_reclamation()
        with self.assertRaises(AccessError):
            rec.with_user(self.agent_voirie).action_admissible()
        stage = self.env.ref("grc_reclamations.grc_reclamation_stage_admissible")
        with self.assertRaises(AccessError):
            rec.with_user(self.agent_voirie).write({"stage_id": stage.id})

    def test_acknowledgement_mail_on_creation(self):
        """A citizen with an e-mail gets an acknowledgement quoting the reference."""
        rec = self._create_reclamation()
        self.assertTrue(rec.ack_date)
        message = rec.message_ids.filtered(lambda m: rec.name in (m.subject or ""))
        self.assertEqual(len(message), 1)
        self.assertIn(self.citizen, message.partner_ids)
        self.assertIn(self.citizen, rec.message_partner_ids)

    def test_no_acknowledgement_without_address(self):
        """Without an e-mail the officer acknowledges by hand (letter, phone)."""
        partner = self.env["res.partner"].create(
            {"name": "Sans Courriel", "is_citizen": True}
        )
        rec = self._create_reclamation(partner_id=partner.id)
        self.assertFalse(rec.ack_date)
        rec.with_user(self.officer).action_acknowledge()
        self.assertTrue(rec.ack_date)

    def test_send_answer_by_mail_marks_answered(self):
        """Sending the answer by mail attaches the letter and stops the clock."""
        rec = self._analyse(self._create_reclamation())
        action = rec.action_send_answer()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.officer)
            .with_context(**action["context"])
            .create({})
        )
        self.assertTrue(composer.attachment_ids, "the letter is attached")
        self.assertIn(rec.name, composer.attachment_ids.name)
        composer._action_send_mail()
        self.assertEqual(rec.state, "answered")
        self.assertTrue(rec.answer_date)
