# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from odoo import fields

from .common import GrcPilotageReclamationCommon


class TestKpiReclamation(GrcPilotageReclamationCommon):
    def _rows(self):
        return self.env["grc.kpi.reclamation"].search(self._complaint_domain())

    def _row(self, complaint):
        return self.env["grc.kpi.reclamation"].browse(complaint.id)

    def _group(self, groupby, aggregates, domain=()):
        return {
            row[0]: row[1:]
            for row in self.env["grc.kpi.reclamation"]._read_group(
                self._complaint_domain() + list(domain),
                groupby=[groupby],
                aggregates=aggregates,
            )
        }

    def test_one_row_per_complaint(self):
        """Each complaint counts once, even when it concerns several services."""
        self.assertEqual(len(self._rows()), 5)
        per_service = self._group("team_id", ["__count"])
        self.assertEqual(per_service[self.team_voirie], (2,))
        self.assertEqual(per_service[self.team_cleaning], (2,))
        self.assertEqual(per_service[self.team_ccas], (1,))

    def test_service_is_the_responsible_one_else_the_first(self):
        """The row's service is the responsible service, else the first one
        concerned in the services' order; all stay searchable."""
        self.assertEqual(self._row(self.c_two).team_id, self.team_cleaning)
        self.assertEqual(self._row(self.c_first).team_id, self.team_cleaning)
        self.assertEqual(self._row(self.c_first).direction_id, self.direction)
        self.assertEqual(
            self._row(self.c_two).concerned_team_ids,
            self.team_voirie | self.team_cleaning,
        )
        concerning_voirie = self.env["grc.kpi.reclamation"].search(
            self._complaint_domain()
            + [("concerned_team_ids", "in", self.team_voirie.ids)]
        )
        self.assertEqual(
            set(concerning_voirie.ids),
            set((self.c_voirie | self.c_two | self.c_first | self.c_pending).ids),
        )

    def test_counts_per_reason_and_family(self):
        """Complaints group by reason and by top-level reason."""
        families = self._group("reason_root_id", ["__count"])
        self.assertEqual(families[self.reason_delay], (2,))
        self.assertEqual(families[self.reason_quality], (2,))
        self.assertEqual(families[self.reason_behaviour], (1,))
        reasons = self._group("reason_id", ["__count"])
        self.assertEqual(reasons[self.reason_late], (2,))
        self.assertEqual(reasons[self.reason_incomplete], (2,))

    def test_months_in_local_time(self):
        """Months follow reception in local time."""
        months = self._group("received_date:month", ["__count"])
        self.assertEqual([count for (count,) in months.values()], [4, 1])
        self.assertEqual(self._row(self.c_two).month, date(2026, 4, 1))
        self.assertEqual(self._row(self.c_two).year, 2026)

    def test_answer_on_time_rate(self):
        """Answered in time, answered late, unanswered past the deadline and
        not yet due make the on-time rate."""
        row = self._row
        self.assertTrue(row(self.c_voirie).answered_on_time)
        self.assertTrue(row(self.c_voirie).deadline_met)
        self.assertFalse(row(self.c_two).answered_on_time)
        self.assertTrue(row(self.c_two).deadline_missed)
        self.assertEqual(row(self.c_two).deadline_status, "answered_late")
        self.assertTrue(row(self.c_first).deadline_missed)
        self.assertFalse(row(self.c_first).is_answered)
        self.assertFalse(row(self.c_pending).deadline_met)
        self.assertFalse(row(self.c_pending).deadline_missed)
        [(known, rate)] = self.env["grc.kpi.reclamation"]._read_group(
            self._complaint_domain(),
            aggregates=["on_time_rate:count", "on_time_rate:avg"],
        )
        self.assertEqual(known, 4)
        self.assertAlmostEqual(rate, 50.0)
        per_service = self._group("team_id", ["on_time_rate:avg"])
        self.assertAlmostEqual(per_service[self.team_voirie][0], 100.0)
        self.assertAlmostEqual(per_service[self.team_cleaning][0], 0.0)

    def test_delays_to_answer(self):
        """Delays count working days (holidays and week-ends skipped) and
        calendar days."""
        self.assertEqual(self._row(self.c_voirie).answer_delay_working_days, 3)
        # Thursday to Monday over May 1st and a week-end: one working day.
        self.assertEqual(self._row(self.c_two).answer_delay_working_days, 1)
        self.assertAlmostEqual(
            self._row(self.c_two).answer_delay_days, 3 + 23 / 24, places=3
        )
        self.assertEqual(self._row(self.c_ccas).answer_delay_working_days, 2)
        self.assertFalse(self._row(self.c_first).answer_delay_working_days)
        [(average,)] = self.env["grc.kpi.reclamation"]._read_group(
            self._complaint_domain(), aggregates=["answer_delay_working_days:avg"]
        )
        self.assertAlmostEqual(average, 2.0)

    def test_working_days_follow_the_calendar(self):
        """The numbered working days follow each change of the calendar at
        once: a public holiday added, a day of work added, both removed."""

        def delay():
            self.env["grc.kpi.reclamation"].invalidate_model()
            return self._row(self.c_two).answer_delay_working_days

        # Thursday April 30th to Monday May 4th: the Monday only.
        self.assertEqual(delay(), 1)
        holiday = self.env["resource.calendar.leaves"].create(
            {
                "name": "Pont",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 5, 3, 22, 0),
                "date_to": datetime(2026, 5, 4, 21, 59),
                "grc_public_holiday": date(2026, 5, 4),
            }
        )
        self.assertEqual(delay(), 0)
        saturday = self.env["resource.calendar.attendance"].create(
            {
                "name": "Samedi matin",
                "calendar_id": self.calendar.id,
                "dayofweek": "5",
                "hour_from": 9,
                "hour_to": 12,
            }
        )
        self.assertEqual(delay(), 1)
        holiday.unlink()
        self.assertEqual(delay(), 2)
        saturday.unlink()
        self.assertEqual(delay(), 1)

    def test_analysis_satisfaction_and_actions(self):
        """Root causes, justification, the citizen's opinion and corrective
        actions are read from the complaint."""
        causes = self._group("root_cause_id", ["__count"])
        self.assertEqual(causes[self.cause_workload], (2,))
        self.assertEqual(causes[self.cause_process], (1,))
        row = self._row(self.c_voirie)
        self.assertEqual(row.justification, "justified")
        self.assertEqual(row.citizen_satisfaction, "satisfied")
        self.assertEqual(
            (row.action_count, row.open_action_count, row.done_action_count),
            (2, 1, 1),
        )
        [(justified, satisfaction, open_actions)] = self.env[
            "grc.kpi.reclamation"
        ]._read_group(
            self._complaint_domain(),
            aggregates=[
                "justified_count:sum",
                "satisfaction_rate:avg",
                "open_action_count:sum",
            ],
        )
        self.assertEqual(justified, 2)
        self.assertAlmostEqual(satisfaction, 50.0)
        self.assertEqual(open_actions, 1)

    def test_archived_complaints_are_left_out(self):
        """An archived complaint leaves the indicators."""
        self.c_pending.active = False
        self.assertNotIn(self.c_pending.id, self._rows().ids)

    def test_irritant_indicators(self):
        """Irritants count their complaints and how long they wait."""
        irritant = self.env["grc.reclamation.irritant"].create(
            {
                "reason_id": self.reason_late.id,
                "team_id": self.team_voirie.id,
                "reclamation_ids": [(6, 0, (self.c_voirie | self.c_pending).ids)],
                "detection_date": fields.Datetime.now() - timedelta(days=3),
            }
        )
        row = self.env["grc.kpi.irritant"].browse(irritant.id)
        self.assertEqual(row.reclamation_count, 2)
        self.assertEqual(row.reason_root_id, self.reason_delay)
        self.assertEqual(row.direction_id, self.direction)
        self.assertEqual(row.untreated_count, 1)
        self.assertAlmostEqual(row.age_days, 3, delta=0.1)
        irritant.action_treated()
        self.env.invalidate_all()
        self.assertTrue(row.is_treated)
        self.assertFalse(row.age_days)
