# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.test_sla_engine import paris
from odoo.addons.grc_citoyen.tests.test_sla_request import SlaCommon


class TestSlaEscalation(SlaCommon):
    """The scheduled check: statuses refreshed, each alert raised once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="sla-agent",
            groups="grc_citoyen.group_grc_agent",
            notification_type="email",
        )
        cls.manager = new_test_user(
            cls.env,
            login="sla-manager",
            groups="grc_citoyen.group_grc_manager",
            notification_type="email",
        )
        cls.team_voirie.write(
            {
                "user_ids": [(4, cls.agent.id), (4, cls.manager.id)],
                "user_id": cls.manager.id,
            }
        )
        cls.type_lamp.sla_target = 1
        cls.tickets = cls.env["helpdesk.ticket"]

    def _late_request(self, **values):
        # Tuesday 10:00 + 1 day: at risk Wednesday 13:30, due Wednesday 17:00.
        # Filed when received: its status is computed with the row.
        values.setdefault("user_id", self.agent.id)
        with freeze_time(paris(2026, 3, 10, 10, 0)):
            return self._received(paris(2026, 3, 10, 10, 0), **values)

    def _escalations(self, request):
        return self.env["grc.sla.escalation"].search([("ticket_id", "in", request.ids)])

    def test_cron_escalates_once(self):
        """Two runs after the deadline record one escalation and one alert."""
        request = self._late_request()
        with freeze_time(paris(2026, 3, 11, 18, 0)):
            self.tickets._cron_grc_sla_check()
            self.tickets._cron_grc_sla_check()
        escalation = self._escalations(request)
        self.assertEqual(len(escalation), 1)
        self.assertEqual(escalation.kind, "breached")
        self.assertEqual(escalation.deadline, paris(2026, 3, 11, 17, 0))
        self.assertEqual(escalation.user_id, self.agent)
        self.assertEqual(escalation.manager_id, self.manager)
        self.assertEqual(request.activity_ids.user_id, self.agent | self.manager)
        self.assertEqual(len(request.activity_ids), 2)
        alerts = request.message_ids.filtered(lambda m: "missed its deadline" in m.body)
        self.assertEqual(len(alerts), 1)
        self.assertEqual(
            alerts.partner_ids,
            (self.agent | self.manager).partner_id,
            "agent and manager",
        )

    def test_alert_in_the_managers_words(self):
        """The alert gives the deadline as the manager reads dates (their
        language, Paris time), never as an ISO timestamp."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.manager.write({"lang": "fr_FR", "tz": "Europe/Paris"})
        request = self._late_request()
        message = request._grc_sla_alert_message(
            "breached", paris(2026, 3, 11, 17, 0), reader=self.manager
        )
        self.assertIn("11/03/2026 17:00", message)
        self.assertNotIn("2026-03-11", message)

    def test_at_risk_then_breached(self):
        """At risk then breached: one alert of each kind, never repeated."""
        request = self._late_request()
        for moment in (
            paris(2026, 3, 11, 14, 0),
            paris(2026, 3, 11, 14, 5),
            paris(2026, 3, 11, 17, 5),
            paris(2026, 3, 11, 17, 10),
        ):
            with freeze_time(moment):
                self.tickets._cron_grc_sla_check()
        self.assertEqual(
            sorted(self._escalations(request).mapped("kind")), ["at_risk", "breached"]
        )
        # At risk: the agent; missed: the agent and the manager.
        self.assertEqual(len(request.activity_ids), 3)

    def test_breach_reassigns_to_manager(self):
        """A service that escalates gives missed requests to its manager, once."""
        self.team_voirie.sla_escalate_to_manager = True
        request = self._late_request()
        with freeze_time(paris(2026, 3, 11, 18, 0)):
            self.tickets._cron_grc_sla_check()
        self.assertEqual(request.user_id, self.manager)
        escalation = self._escalations(request)
        self.assertTrue(escalation.reassigned)
        self.assertEqual(request.activity_ids.user_id, self.manager)
        with freeze_time(paris(2026, 3, 12, 18, 0)):
            request.user_id = self.agent
            self.tickets._cron_grc_sla_check()
        self.assertEqual(request.user_id, self.agent, "not reassigned every run")

    def test_unassigned_request_alerts_manager(self):
        """Without an agent, the manager gets the activity."""
        request = self._late_request(user_id=False)
        with freeze_time(paris(2026, 3, 11, 18, 0)):
            self.tickets._cron_grc_sla_check()
        self.assertEqual(request.activity_ids.user_id, self.manager)

    def test_paused_and_resolved_requests_are_left_alone(self):
        """Requests waiting for the citizen or resolved are not escalated."""
        waiting = self._late_request()
        resolved = self._late_request()
        with freeze_time(paris(2026, 3, 11, 9, 0)):
            waiting.stage_id = self.stage_waiting
            resolved.write(
                {"stage_id": self.stage_done.id, "grc_resolution": "<p>Réparé.</p>"}
            )
        with freeze_time(paris(2026, 3, 12, 18, 0)):
            self.tickets._cron_grc_sla_check()
        self.assertFalse(self._escalations(waiting | resolved))
        self.assertEqual(waiting.sla_status, "on_track")
        self.assertEqual(resolved.sla_status, "on_track")

    def test_implicit_decision_warning_once(self):
        """Agents are warned once when silence is about to become a decision."""
        self.type_lamp.write(
            {
                "sla_target": 0,
                "implicit_decision": "reject",
                "implicit_decision_delay": 2,
            }
        )
        request = self._received(paris(2026, 3, 16, 10, 0), user_id=self.agent.id)
        with freeze_time(paris(2026, 5, 1, 10, 0)):
            self.tickets._cron_grc_sla_check()
        self.assertFalse(self._escalations(request))
        with freeze_time(paris(2026, 5, 10, 10, 0)):
            self.tickets._cron_grc_sla_check()
            self.tickets._cron_grc_sla_check()
        escalation = self._escalations(request)
        self.assertEqual(escalation.kind, "implicit_decision")
        self.assertEqual(request.activity_ids.date_deadline.isoformat(), "2026-05-16")
        self.assertIn("silence will mean rejection", request.message_ids[0].body)

    def test_escalations_follow_confidentiality(self):
        """Escalations of confidential requests stay within their service."""
        social_worker = new_test_user(
            self.env, login="sla-ccas", groups="grc_citoyen.group_grc_agent"
        )
        self.team_ccas.write(
            {
                "resource_calendar_id": self.calendar.id,
                "user_ids": [(4, social_worker.id)],
            }
        )
        request = self._late_request(team_id=self.team_ccas.id, user_id=False)
        with freeze_time(paris(2026, 3, 11, 18, 0)):
            self.tickets._cron_grc_sla_check()
        escalations = self._escalations(request)
        self.assertTrue(escalations)
        Escalation = self.env["grc.sla.escalation"]
        domain = [("id", "in", escalations.ids)]
        self.assertFalse(Escalation.with_user(self.agent).search(domain))
        self.assertEqual(
            Escalation.with_user(social_worker).search(domain), escalations
        )
