# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import ReclamationCommon


@tagged("post_install", "-at_install")
class TestReclamationEscalation(ReclamationCommon):
    """Escalation to the officer then the director, each recorded once; and
    escalation of the open request a complaint about a delay is about."""

    def _activities_for(self, rec, user):
        return rec.activity_ids.filtered(lambda a: a.user_id == user)

    def _run_cron(self):
        self.env["grc.reclamation.escalation"]._cron_escalate()

    def test_at_risk_goes_to_the_officer_once(self):
        """At risk: one activity for the officer, however often the cron runs."""
        with freeze_time("2026-03-09 09:00:00"):
            rec = self._create_reclamation()
        with freeze_time("2026-04-13 09:00:00"):
            self._run_cron()
            self._run_cron()
        self.assertEqual(rec.deadline_status, "at_risk")
        self.assertEqual(rec.escalation_level, 1)
        self.assertEqual(len(self._activities_for(rec, self.officer)), 1)
        self.assertFalse(self._activities_for(rec, self.director))
        self.assertEqual(str(rec.officer_escalation_date), "2026-04-13 09:00:00")

    def test_overdue_goes_to_the_director_once(self):
        """Overdue: the director is warned once, after the officer."""
        with freeze_time("2026-03-09 09:00:00"):
            rec = self._create_reclamation()
        with freeze_time("2026-04-13 09:00:00"):
            self._run_cron()
        messages = len(rec.message_ids)
        with freeze_time("2026-04-23 09:00:00"):
            self._run_cron()
            self._run_cron()
        self.assertEqual(rec.escalation_level, 2)
        self.assertEqual(len(self._activities_for(rec, self.officer)), 1)
        self.assertEqual(len(self._activities_for(rec, self.director)), 1)
        self.assertEqual(len(rec.message_ids), messages + 1)
        with freeze_time("2026-05-23 09:00:00"):
            self._run_cron()
        self.assertEqual(len(rec.activity_ids), 2)

    def test_overdue_at_once_warns_both_levels(self):
        """A complaint found late warns the officer and the director in one run."""
        with freeze_time("2026-03-09 09:00:00"):
            rec = self._create_reclamation(user_id=self.agent_voirie.id)
        with freeze_time("2026-05-01 09:00:00"):
            self._run_cron()
        self.assertEqual(rec.escalation_level, 2)
        self.assertEqual(len(self._activities_for(rec, self.agent_voirie)), 1)
        self.assertEqual(len(self._activities_for(rec, self.director)), 1)

    def test_answered_complaints_are_not_escalated(self):
        """The answer stops the clock: no escalation after it."""
        with freeze_time("2026-03-09 09:00:00"):
            rec = self._analyse(self._create_reclamation())
            rec.action_answered_by_post()
        with freeze_time("2026-06-01 09:00:00"):
            self._run_cron()
        self.assertEqual(rec.escalation_level, 0)
        self.assertFalse(rec.activity_ids)

    def test_delay_complaint_escalates_the_open_request(self):
        """A complaint about a delay raises the request's priority, warns its manager,
        and both chatters say so."""
        ticket = self._create_request(priority="1")
        rec = self._create_reclamation(
            reason_id=self.reason_late.id, ticket_ids=[(6, 0, ticket.ids)]
        )
        self.assertEqual(ticket.priority, "2")
        self.assertTrue(rec.request_escalated)
        manager_activity = ticket.activity_ids.filtered(
            lambda a: a.user_id == self.manager_voirie
        )
        self.assertEqual(len(manager_activity), 1)
        self.assertIn(rec.name, ticket.message_ids[0].body)
        self.assertTrue(
            any(ticket.number in (m.body or "") for m in rec.message_ids),
            "the complaint's chatter names the escalated request",
        )
        # Recorded once: editing the complaint escalates nothing more.
        rec.reason_id = self.env.ref(
            "grc_reclamations.grc_reclamation_reason_no_answer"
        )
        self.assertEqual(ticket.priority, "2")
        self.assertEqual(len(ticket.activity_ids), 1)

    def test_delay_complaint_on_a_finished_request_escalates_nothing(self):
        """A resolved request is not escalated again."""
        ticket = self._create_request(priority="1")
        self._resolve(ticket)
        rec = self._create_reclamation(
            reason_id=self.reason_late.id, ticket_ids=[(6, 0, ticket.ids)]
        )
        self.assertEqual(ticket.priority, "1")
        self.assertFalse(rec.request_escalated)

    def test_other_reasons_do_not_escalate_requests(self):
        """Only delay reasons escalate the request."""
        ticket = self._create_request(priority="1")
        self._create_reclamation(ticket_ids=[(6, 0, ticket.ids)])
        self.assertEqual(ticket.priority, "1")
