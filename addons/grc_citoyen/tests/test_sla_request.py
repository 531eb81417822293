# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form

from .common import GrcCommon
from .test_sla_engine import paris


class SlaCommon(GrcCommon):
    """A Paris calendar on the road service and the stages requests go through."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Mairie", "tz": "Europe/Paris"}
        )
        cls.team_voirie.resource_calendar_id = cls.calendar
        cls.stage_in_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_waiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.channel_web = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        cls.channel_front_desk = cls.env.ref(
            "grc_citoyen.helpdesk_ticket_channel_front_desk"
        )

    @classmethod
    def _received(cls, received, **values):
        # Qualified on arrival: the life cycle allows waiting and resolving from there.
        values.setdefault("stage_id", cls.stage_in_progress.id)
        return cls._create_request(received_date=received, **values)

    @contextmanager
    def _refused(self, pattern):
        # Odoo's assertRaises rolls back to a savepoint, assertRaisesRegex does not.
        with self.assertRaises(ValidationError) as catcher:
            yield
        self.assertRegex(str(catcher.exception), pattern)


class TestSlaRequest(SlaCommon):
    """Deadlines, status and legal dates of requests."""

    def test_deadline_from_request_type(self):
        """Five working days end on the 5th working day, with the basis shown."""
        request = self._received(paris(2026, 3, 11, 10, 0))
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 18, 17, 0))
        self.assertEqual(
            request.sla_basis,
            "Type Éclairage public en panne: 5 working days, calendar Mairie",
        )

    def test_friday_evening_request_due_next_working_day(self):
        """Received Friday 17:50 with a one day target: due Monday, not Saturday."""
        self.type_lamp.sla_target = 1
        request = self._received(paris(2026, 3, 13, 17, 50))
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 16, 17, 0))

    def test_ascension_on_request(self):
        """A request of Wednesday 13 May 2026 with one day is due Friday 15."""
        self.type_lamp.sla_target = 1
        request = self._received(paris(2026, 5, 13, 10, 0))
        self.assertEqual(request.grc_sla_deadline, paris(2026, 5, 15, 17, 0))

    def test_hours_target(self):
        """A target in hours counts working hours only."""
        self.type_lamp.write({"sla_target": 4, "sla_unit": "hours"})
        request = self._received(paris(2026, 3, 13, 15, 0))
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 16, 10, 0))

    def test_service_default_target(self):
        """Without a target on the type, the service default applies."""
        self.type_lamp.sla_target = 0
        self.team_voirie.write({"sla_target_default": 3, "sla_unit_default": "days"})
        request = self._received(paris(2026, 3, 11, 10, 0))
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 16, 17, 0))
        self.assertIn("Service Voirie default: 3 working days", request.sla_basis)

    def test_no_target(self):
        """Without any target there is no deadline and the basis says so."""
        self.type_lamp.sla_target = 0
        request = self._received(paris(2026, 3, 11, 10, 0))
        self.assertFalse(request.grc_sla_deadline)
        self.assertEqual(request.sla_basis, "No service level target.")
        self.assertEqual(request.sla_status, "on_track")

    def test_very_high_priority_shortens_target(self):
        """Very high priority uses the urgent target of the type, else the ratio."""
        received = paris(2026, 3, 11, 10, 0)
        request = self._received(received, priority="3")
        # 5 days halved by the company ratio, rounded up to whole days.
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 16, 17, 0))
        self.assertIn("very high priority: 3 working days", request.sla_basis)
        self.type_lamp.sla_target_urgent = 1
        request = self._received(received, priority="3")
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 12, 17, 0))
        self.assertIn("very high priority: 1 working days", request.sla_basis)

    def test_deadline_follows_changes(self):
        """Type, priority and received date changes recompute the deadline."""
        request = self._received(paris(2026, 3, 11, 10, 0))
        quick = self.env["grc.request.type"].create(
            {"name": "Urgence", "sla_target": 2, "sla_unit": "hours"}
        )
        request.request_type_id = quick
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 11, 12, 0))
        request.received_date = paris(2026, 3, 12, 16, 0)
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 13, 9, 0))
        request.write({"request_type_id": self.type_lamp.id, "priority": "3"})
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 17, 17, 0))

    def test_first_response_deadline(self):
        """The first response target runs beside the resolution target."""
        self.type_lamp.write(
            {"first_response_target": 4, "first_response_unit": "hours"}
        )
        request = self._received(paris(2026, 3, 13, 15, 0))
        self.assertEqual(request.sla_first_response_deadline, paris(2026, 3, 16, 10, 0))
        self.assertIn("first response: 4 working hours", request.sla_basis)
        with freeze_time(paris(2026, 3, 16, 11, 0)):
            self.env["helpdesk.ticket"]._cron_grc_sla_check()
            self.assertEqual(request.sla_status, "breached")
        answered = self._received(paris(2026, 3, 13, 15, 0))
        with freeze_time(paris(2026, 3, 16, 9, 30)):
            answered.first_response_date = paris(2026, 3, 16, 9, 30)
            self.assertEqual(answered.sla_status, "on_track")
        with freeze_time(paris(2026, 3, 16, 11, 0)):
            self.env["helpdesk.ticket"]._cron_grc_sla_check()
            self.assertEqual(answered.sla_status, "on_track")

    def test_service_default_first_response(self):
        """The service's first response default applies to types without one."""
        self.team_voirie.write(
            {"sla_first_response_default": 1, "sla_first_response_unit_default": "days"}
        )
        request = self._received(paris(2026, 3, 13, 15, 0))
        self.assertEqual(request.sla_first_response_deadline, paris(2026, 3, 16, 17, 0))

    def test_status_transitions(self):
        """On track, at risk from 75% of the target used, then breached."""
        self.type_lamp.sla_target = 1
        # Tuesday 10:00 + 1 day: due Wednesday 17:00, 14 working hours; 75% is
        # reached after 10.5 hours, on Wednesday at 13:30. Filed when received:
        # its status is computed with the row.
        with freeze_time(paris(2026, 3, 10, 10, 0)):
            request = self._received(paris(2026, 3, 10, 10, 0))
        self.assertEqual(request.sla_at_risk_date, paris(2026, 3, 11, 13, 30))
        tickets = self.env["helpdesk.ticket"]
        for moment, status in (
            (paris(2026, 3, 11, 13, 0), "on_track"),
            (paris(2026, 3, 11, 14, 0), "at_risk"),
            (paris(2026, 3, 11, 17, 30), "breached"),
        ):
            with freeze_time(moment):
                tickets._cron_grc_sla_check()
                self.assertEqual(request.sla_status, status, moment)

    def test_risk_ratio_is_configurable(self):
        """A company at-risk share of 0.5 brings the at-risk date forward."""
        self.env.company.grc_sla_risk_ratio = 0.5
        self.type_lamp.sla_target = 1
        request = self._received(paris(2026, 3, 10, 10, 0))
        self.assertEqual(request.sla_at_risk_date, paris(2026, 3, 11, 9, 0))

    def test_resolved_request_keeps_its_status(self):
        """A request resolved in time stays on track; late, it is breached."""
        self.type_lamp.sla_target = 1
        request = self._received(paris(2026, 3, 10, 10, 0))
        late = self._received(paris(2026, 3, 10, 10, 0))
        with freeze_time(paris(2026, 3, 11, 16, 0)):
            request.write(
                {"stage_id": self.stage_done.id, "grc_resolution": "<p>Réparé.</p>"}
            )
        with freeze_time(paris(2026, 3, 12, 9, 0)):
            late.write(
                {"stage_id": self.stage_done.id, "grc_resolution": "<p>Réparé.</p>"}
            )
            self.env["helpdesk.ticket"]._cron_grc_sla_check()
        self.assertEqual(request.sla_status, "on_track")
        self.assertEqual(late.sla_status, "breached")

    def test_waiting_for_citizen_pauses_the_clock(self):
        """Waiting for the citizen stops the clock; the deadline moves by that time."""
        self.type_lamp.sla_target = 2
        request = self._received(paris(2026, 3, 9, 10, 0))
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 11, 17, 0))
        with freeze_time(paris(2026, 3, 10, 10, 0)):
            request.stage_id = self.stage_waiting
        self.assertEqual(request.sla_pause_start, paris(2026, 3, 10, 10, 0))
        with freeze_time(paris(2026, 3, 11, 18, 0)):
            # Past the first deadline, but the clock is stopped.
            self.env["helpdesk.ticket"]._cron_grc_sla_check()
            self.assertEqual(request.sla_status, "on_track")
        with freeze_time(paris(2026, 3, 12, 10, 0)):
            request.stage_id = self.stage_in_progress
        self.assertFalse(request.sla_pause_start)
        # Tuesday 10:00 to Thursday 10:00: 6 + 8 + 2 working hours.
        self.assertAlmostEqual(request.sla_paused_hours, 16.0)
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 13, 17, 0))
        self.assertIn("16 working hours waiting for the citizen", request.sla_basis)
        with freeze_time(paris(2026, 3, 12, 11, 0)):
            self.env["helpdesk.ticket"]._cron_grc_sla_check()
            self.assertEqual(request.sla_status, "on_track")

    def test_two_pauses_add_up(self):
        """Successive waits add their working time."""
        self.type_lamp.sla_target = 5
        request = self._received(paris(2026, 3, 9, 9, 0))
        for start, end in (
            (paris(2026, 3, 9, 10, 0), paris(2026, 3, 9, 12, 0)),
            (paris(2026, 3, 10, 14, 0), paris(2026, 3, 10, 15, 0)),
        ):
            with freeze_time(start):
                request.stage_id = self.stage_waiting
            with freeze_time(end):
                request.stage_id = self.stage_in_progress
        self.assertAlmostEqual(request.sla_paused_hours, 3.0)
        self.assertEqual(request.grc_sla_deadline, paris(2026, 3, 17, 11, 0))

    def test_implicit_decision_date(self):
        """Silence means acceptance two months after receipt; days are calendar days."""
        self.type_lamp.write(
            {"implicit_decision": "accept", "implicit_decision_delay": 2}
        )
        request = self._received(paris(2026, 3, 15, 23, 30))
        self.assertEqual(request.implicit_decision_date, date(2026, 5, 15))
        self.assertEqual(request.implicit_decision, "accept")
        self.type_lamp.write(
            {
                "implicit_decision": "reject",
                "implicit_decision_delay": 30,
                "implicit_decision_unit": "days",
            }
        )
        # 00:30 in Paris is still 30 March in UTC: the local day counts.
        request = self._received(paris(2026, 3, 31, 0, 30))
        self.assertEqual(request.implicit_decision_date, date(2026, 4, 30))
        self.type_lamp.implicit_decision = "none"
        request = self._received(paris(2026, 3, 31, 10, 0))
        self.assertFalse(request.implicit_decision_date)

    @freeze_time("2026-05-10 10:00:00")
    def test_implicit_decision_warning_on_form(self):
        """Agents see a warning when the implicit decision is a few days away."""
        self.type_lamp.write(
            {"implicit_decision": "accept", "implicit_decision_delay": 2}
        )
        request = self._received(paris(2026, 3, 15, 10, 0))
        self.assertEqual(request.implicit_decision_days_left, 5)
        self.assertTrue(request.implicit_decision_warning)
        far = self._received(paris(2026, 5, 1, 10, 0))
        self.assertFalse(far.implicit_decision_warning)

    def test_electronic_submission_acknowledgement_deadlines(self):
        """Web requests owe a registration acknowledgement in one working day and
        a receipt acknowledgement in ten."""
        request = self._received(
            paris(2026, 3, 13, 17, 50), channel_id=self.channel_web.id
        )
        self.assertTrue(request.is_electronic_submission)
        self.assertEqual(request.ack_registration_deadline, paris(2026, 3, 16, 17, 0))
        self.assertEqual(request.ack_receipt_deadline, paris(2026, 3, 27, 17, 0))
        counter = self._received(
            paris(2026, 3, 13, 17, 50), channel_id=self.channel_front_desk.id
        )
        self.assertFalse(counter.is_electronic_submission)
        self.assertFalse(counter.ack_receipt_deadline)

    def test_acknowledgement_dates_recorded_once(self):
        """The sending pipeline records each acknowledgement date once."""
        request = self._received(
            paris(2026, 3, 13, 10, 0), channel_id=self.channel_web.id
        )
        request._grc_mark_ack_registration_sent(paris(2026, 3, 13, 10, 1))
        request._grc_mark_ack_registration_sent(paris(2026, 3, 14, 10, 0))
        self.assertEqual(request.ack_registration_date, paris(2026, 3, 13, 10, 1))
        request._grc_mark_ack_receipt_sent(paris(2026, 3, 16, 9, 0))
        self.assertEqual(request.ack_receipt_date, paris(2026, 3, 16, 9, 0))

    def test_acknowledgement_of_receipt_mentions(self):
        """The receipt acknowledgement gives the date, the service, its contact and
        the implicit decision date."""
        self.team_voirie.write(
            {
                "contact_email": "voirie@mairie.example.fr",
                "contact_phone": "+33 1 23 45 67 89",
                "address": "1 place de la Mairie",
            }
        )
        self.type_lamp.write(
            {"implicit_decision": "accept", "implicit_decision_delay": 2}
        )
        request = self._received(
            paris(2026, 3, 13, 10, 0), channel_id=self.channel_web.id
        )
        values = request._grc_ack_values()
        self.assertEqual(values["service_email"], "voirie@mairie.example.fr")
        self.assertEqual(values["implicit_decision_date"], date(2026, 5, 13))
        self.assertEqual(values["receipt_deadline"], request.ack_receipt_deadline)
        template = self.env.ref("grc_citoyen.mail_template_ack_receipt")
        body = template._render_field("body_html", request.ids)[request.id]
        for mention in (
            request.number,
            "Voirie",
            "voirie@mairie.example.fr",
            "+33 1 23 45 67 89",
            "deemed accepted",
        ):
            self.assertIn(mention, body)
        template = self.env.ref("grc_citoyen.mail_template_ack_registration")
        body = template._render_field("body_html", request.ids)[request.id]
        self.assertIn(request.number, body)

    def test_negative_targets_refused(self):
        """Negative targets on types and services are refused with a clear message."""
        with self._refused("cannot be negative"):
            self.type_lamp.sla_target = -1
        with self._refused("cannot be negative"):
            self.team_voirie.sla_target_default = -3
        with self._refused("must be shorter"):
            self.type_lamp.sla_target_urgent = 8
        with self._refused("must be positive"):
            self.type_lamp.write(
                {"implicit_decision": "accept", "implicit_decision_delay": 0}
            )

    def test_calendar_without_hours_refused(self):
        """A service cannot count deadlines on a calendar with no working hours."""
        empty = self.env["resource.calendar"].create(
            {"name": "Closed", "attendance_ids": []}
        )
        with self._refused("has no working hours"):
            self.team_voirie.resource_calendar_id = empty
        with self._refused("needs working hours"):
            self.calendar.attendance_ids = [(5, 0, 0)]

    def test_company_settings_validated(self):
        """Out of range shares and delays are refused."""
        for values in (
            {"grc_sla_risk_ratio": 0},
            {"grc_sla_risk_ratio": 1.5},
            {"grc_sla_urgent_ratio": 0},
            {"grc_ack_receipt_days": 0},
            {"grc_implicit_decision_warning_days": -1},
        ):
            with self.assertRaises(ValidationError):
                self.env.company.write(values)

    @freeze_time("2026-03-11 10:00:00")
    def test_request_form_shows_deadline(self):
        """The request form shows the deadline as soon as the type is chosen."""
        form = Form(self.env["helpdesk.ticket"])
        form.name = "Nid de poule"
        form.description = "<p>Rue des Lilas</p>"
        form.team_id = self.team_voirie
        form.received_date = paris(2026, 3, 11, 10, 0)
        form.request_type_id = self.type_lamp
        self.assertEqual(form.grc_sla_deadline, paris(2026, 3, 18, 17, 0))
        request = form.save()
        self.assertEqual(request.sla_status, "on_track")

    def test_settings_form(self):
        """The at-risk share is set from the settings."""
        with Form(self.env["res.config.settings"]) as settings:
            settings.grc_sla_risk_ratio = 0.8
        self.assertEqual(self.env.company.grc_sla_risk_ratio, 0.8)
