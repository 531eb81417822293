# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import ReclamationCommon, paris


@tagged("post_install", "-at_install")
class TestReclamationDeadline(ReclamationCommon):
    """Acknowledgement and answer deadlines in working time (SLA engine)."""

    def test_thirty_working_days_skip_weekends_and_easter_monday(self):
        """9 March 2026 + 30 working days is 21 April (Easter Monday off)."""
        rec = self._create_reclamation()
        self.assertEqual(rec.answer_deadline, paris(2026, 4, 21, 17, 0))
        self.assertIn("Every complaint", rec.deadline_basis)

    def test_acknowledgement_in_forty_eight_working_hours(self):
        """48 working hours (8 a day) from Monday 10:00 end next Tuesday 10:00."""
        rec = self._create_reclamation()
        self.assertEqual(rec.ack_deadline, paris(2026, 3, 17, 10, 0))

    def test_severity_shortens_the_deadline(self):
        """A critical complaint is answered within 5 working days."""
        rec = self._create_reclamation(severity="critical")
        self.assertEqual(rec.answer_deadline, paris(2026, 3, 16, 17, 0))
        self.assertEqual(rec.ack_deadline, paris(2026, 3, 10, 10, 0))
        self.assertIn("Critical severity", rec.deadline_basis)

    def test_reason_rule_applies_to_sub_reasons(self):
        """The behaviour rule (15 days) covers its sub-reason discourtesy."""
        rec = self._create_reclamation(reason_id=self.reason_discourtesy.id)
        self.assertEqual(rec.answer_deadline, paris(2026, 3, 30, 17, 0))
        self.assertIn("Behaviour", rec.deadline_basis)

    def test_earliest_answer_wins_between_rules(self):
        """Behaviour (15 days) and critical (5 days) both apply: 5 days wins."""
        rec = self._create_reclamation(
            reason_id=self.reason_discourtesy.id, severity="critical"
        )
        self.assertEqual(rec.answer_deadline, paris(2026, 3, 16, 17, 0))

    def test_deadline_follows_changes(self):
        """Changing the severity recomputes the deadlines."""
        rec = self._create_reclamation()
        rec.severity = "high"
        self.assertEqual(rec.answer_deadline, paris(2026, 3, 30, 17, 0))

    def test_service_calendar_is_used(self):
        """The deadline counts the working time of the complaint's service."""
        saturday = self.env["resource.calendar"].create(
            {
                "name": "Ouvert le samedi",
                "tz": "Europe/Paris",
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Jour {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 16,
                            "day_period": "morning",
                        },
                    )
                    for day in range(6)
                ],
            }
        )
        self.team_voirie.resource_calendar_id = saturday
        rec = self._create_reclamation(severity="critical")
        # Tue 10, Wed 11, Thu 12, Fri 13, Sat 14.
        self.assertEqual(rec.answer_deadline, paris(2026, 3, 14, 16, 0))

    def test_status_on_track_at_risk_overdue(self):
        """On track, then at risk after 75% of the working time, then overdue."""
        with freeze_time("2026-03-09 09:00:00"):
            rec = self._create_reclamation()
            self.assertEqual(rec.deadline_status, "on_track")
        # 75% of 246 working hours (6 on the day of receipt + 30 days of 8).
        self.assertEqual(rec.answer_risk_date, paris(2026, 4, 10, 10, 30))
        with freeze_time("2026-04-10 10:00:00"):
            rec._refresh_deadline_status()
            self.assertEqual(rec.deadline_status, "at_risk")
        with freeze_time("2026-04-22 08:00:00"):
            rec._refresh_deadline_status()
            self.assertEqual(rec.deadline_status, "overdue")

    def test_missed_acknowledgement_is_overdue(self):
        """A complaint not acknowledged within 48 working hours is overdue."""
        partner = self.env["res.partner"].create(
            {"name": "Par courrier", "is_citizen": True}
        )
        with freeze_time("2026-03-09 09:00:00"):
            rec = self._create_reclamation(partner_id=partner.id)
        with freeze_time("2026-03-18 09:00:00"):
            rec._refresh_deadline_status()
            self.assertEqual(rec.deadline_status, "overdue")
            rec.with_user(self.officer).action_acknowledge()
            self.assertEqual(rec.deadline_status, "on_track")

    def test_answer_date_stops_the_clock(self):
        """Answered before the deadline stays 'on time' whatever the date."""
        with freeze_time("2026-03-20 10:00:00"):
            rec = self._analyse(self._create_reclamation())
            rec.action_answered_by_post()
        with freeze_time("2026-06-01 10:00:00"):
            rec._refresh_deadline_status()
            self.assertEqual(rec.deadline_status, "answered_on_time")
        late = self._create_reclamation()
        with freeze_time("2026-05-04 10:00:00"):
            self._analyse(late).action_answered_by_post()
        self.assertEqual(late.deadline_status, "answered_late")
