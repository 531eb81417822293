# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from pytz import timezone, utc

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.grc_citoyen.models.resource_calendar import french_public_holidays

from .common import GrcCommon

PARIS = timezone("Europe/Paris")


def paris(*args):
    """Naive UTC datetime of a Paris wall-clock time."""
    return PARIS.localize(datetime(*args)).astimezone(utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestSlaEngine(GrcCommon):
    """Working-time arithmetic of the SLA engine, French holidays included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engine = cls.env["grc.sla.engine"]
        # Default attendances: Monday to Friday, 8:00-12:00 and 13:00-17:00.
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Mairie", "tz": "Europe/Paris"}
        )

    def _add(self, start, amount, unit):
        return self.engine._add_working_time(start, amount, unit, self.calendar)

    def test_friday_evening_one_day_is_due_monday(self):
        """Received Friday 17:50 with one working day: due Monday, not Saturday."""
        deadline = self._add(paris(2026, 3, 13, 17, 50), 1, "days")
        self.assertEqual(deadline, paris(2026, 3, 16, 17, 0))

    def test_friday_morning_one_day_is_due_monday(self):
        """The day of receipt does not count: Friday morning + 1 day is Monday."""
        deadline = self._add(paris(2026, 3, 13, 9, 0), 1, "days")
        self.assertEqual(deadline, paris(2026, 3, 16, 17, 0))

    def test_friday_evening_one_hour_is_monday_morning(self):
        """Hours outside opening hours are not counted."""
        deadline = self._add(paris(2026, 3, 13, 17, 50), 1, "hours")
        self.assertEqual(deadline, paris(2026, 3, 16, 9, 0))

    def test_hours_skip_lunch_break(self):
        """Working hours stop at lunch and resume at 13:00."""
        deadline = self._add(paris(2026, 3, 10, 11, 0), 2, "hours")
        self.assertEqual(deadline, paris(2026, 3, 10, 14, 0))

    def test_daylight_saving_change(self):
        """Working hours stay local across the switch to summer time (29 March)."""
        deadline = self._add(paris(2026, 3, 27, 16, 0), 2, "hours")
        self.assertEqual(deadline, paris(2026, 3, 30, 9, 0))
        deadline = self._add(paris(2026, 3, 27, 10, 0), 1, "days")
        self.assertEqual(deadline, paris(2026, 3, 30, 17, 0))

    def test_long_target_spans_several_reads(self):
        """Sixty working days go past the first month of intervals read."""
        deadline = self._add(paris(2026, 3, 2, 10, 0), 60, "days")
        # March-May 2026 minus Easter Monday, 1 and 8 May, Ascension, Whit Monday.
        self.assertEqual(deadline, paris(2026, 6, 1, 17, 0))

    def test_five_days_across_weekend(self):
        """Five working days from a Wednesday end the next Wednesday."""
        deadline = self._add(paris(2026, 3, 11, 10, 0), 5, "days")
        self.assertEqual(deadline, paris(2026, 3, 18, 17, 0))

    def test_fraction_of_day_rounds_up(self):
        """Half a working day means by the end of the next working day."""
        deadline = self._add(paris(2026, 3, 10, 10, 0), 0.5, "days")
        self.assertEqual(deadline, paris(2026, 3, 11, 17, 0))

    def test_labour_day_is_skipped(self):
        """1 May 2026 (Friday) is not a working day."""
        deadline = self._add(paris(2026, 4, 30, 10, 0), 1, "days")
        self.assertEqual(deadline, paris(2026, 5, 4, 17, 0))

    def test_easter_monday_is_skipped(self):
        """Easter Monday 2026-04-06 is not a working day."""
        deadline = self._add(paris(2026, 4, 3, 10, 0), 1, "days")
        self.assertEqual(deadline, paris(2026, 4, 7, 17, 0))

    def test_ascension_is_skipped_in_hours(self):
        """Ascension Thursday 2026-05-14 is not counted in working hours."""
        deadline = self._add(paris(2026, 5, 13, 16, 0), 2, "hours")
        self.assertEqual(deadline, paris(2026, 5, 15, 9, 0))
        deadline = self._add(paris(2026, 5, 13, 10, 0), 1, "days")
        self.assertEqual(deadline, paris(2026, 5, 15, 17, 0))

    def test_whit_monday_is_skipped(self):
        """Whit Monday 2026-05-25 is not a working day."""
        deadline = self._add(paris(2026, 5, 22, 10, 0), 1, "days")
        self.assertEqual(deadline, paris(2026, 5, 26, 17, 0))

    def test_bastille_day_is_skipped(self):
        """14 July 2026 (Tuesday) is not a working day."""
        deadline = self._add(paris(2026, 7, 13, 10, 0), 1, "days")
        self.assertEqual(deadline, paris(2026, 7, 15, 17, 0))

    def test_working_hours_between(self):
        """Hours between two dates count only opening hours, holidays excluded."""
        hours = self.engine._working_hours_between(
            paris(2026, 3, 13, 16, 0), paris(2026, 3, 16, 10, 0), self.calendar
        )
        self.assertAlmostEqual(hours, 3.0)
        hours = self.engine._working_hours_between(
            paris(2026, 5, 13, 16, 0), paris(2026, 5, 15, 9, 0), self.calendar
        )
        self.assertAlmostEqual(hours, 2.0)
        hours = self.engine._working_hours_between(
            paris(2026, 3, 16, 10, 0), paris(2026, 3, 13, 16, 0), self.calendar
        )
        self.assertAlmostEqual(hours, -3.0)

    def test_zero_or_negative_target_refused(self):
        """A zero or negative delay is refused with a clear message."""
        for amount in (0, -2):
            with self.assertRaisesRegex(UserError, "positive delay"):
                self._add(paris(2026, 3, 10, 10, 0), amount, "days")

    def test_calendar_without_hours_refused(self):
        """A calendar with no working hours cannot count deadlines."""
        empty = self.env["resource.calendar"].create(
            {"name": "Closed", "attendance_ids": [], "tz": "Europe/Paris"}
        )
        self.assertFalse(empty.attendance_ids)
        with self.assertRaisesRegex(UserError, "has no working hours"):
            self.engine._add_working_time(paris(2026, 3, 10, 10, 0), 1, "days", empty)
        with self.assertRaisesRegex(UserError, "has no working hours"):
            self.engine._working_hours_between(
                paris(2026, 3, 10, 10, 0), paris(2026, 3, 11, 10, 0), empty
            )
        with self.assertRaisesRegex(UserError, "No working calendar"):
            self.engine._add_working_time(
                paris(2026, 3, 10, 10, 0), 1, "days", self.env["resource.calendar"]
            )

    def test_french_holidays_by_year(self):
        """Eleven holidays a year, Easter-based ones computed (2025 and 2026)."""
        holidays_2026 = french_public_holidays(2026)
        self.assertEqual(len(holidays_2026), 11)
        for day in (date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)):
            self.assertIn(day, holidays_2026)
        self.assertIn(date(2025, 4, 21), french_public_holidays(2025))
        self.assertIn(date(2025, 5, 29), french_public_holidays(2025))

    def test_holidays_generated_once_per_calendar(self):
        """New calendars get 2025-2035 holidays; generating again adds nothing."""
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.calendar.id),
                ("grc_public_holiday", "!=", False),
            ]
        )
        self.assertGreaterEqual(len(leaves), 11 * 11)
        self.assertFalse(leaves.resource_id)
        self.assertFalse(self.calendar._grc_generate_french_holidays())
        self.env["resource.calendar"]._grc_generate_french_holidays_all()
        self.assertEqual(
            self.env["resource.calendar.leaves"].search_count(
                [
                    ("calendar_id", "=", self.calendar.id),
                    ("grc_public_holiday", "!=", False),
                ]
            ),
            len(leaves),
        )
        bastille = leaves.filtered(
            lambda leave: leave.grc_public_holiday == date(2026, 7, 14)
        )
        self.assertEqual(bastille.date_from, paris(2026, 7, 14, 0, 0))

    def test_deleted_holiday_stays_deleted(self):
        """A holiday removed on purpose (a worked day) is not generated again."""
        whit_monday = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.calendar.id),
                ("grc_public_holiday", "=", "2026-05-25"),
            ]
        )
        whit_monday.unlink()
        self.env["resource.calendar"]._grc_generate_french_holidays_all()
        deadline = self._add(paris(2026, 5, 22, 10, 0), 1, "days")
        self.assertEqual(deadline, paris(2026, 5, 25, 17, 0))

    def test_holidays_follow_time_zone(self):
        """Changing the calendar's time zone moves its holidays to local days."""
        calendar = self.env["resource.calendar"].create(
            {"name": "Réunion", "tz": "UTC"}
        )
        calendar.tz = "Indian/Reunion"
        leave = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", calendar.id),
                ("grc_public_holiday", "=", "2026-07-14"),
            ]
        )
        self.assertEqual(leave.date_from, datetime(2026, 7, 13, 20, 0))

    def test_company_calendar_has_holidays(self):
        """The install generated the holidays of the existing company calendar."""
        calendar = self.env.company.resource_calendar_id
        self.assertTrue(
            self.env["resource.calendar.leaves"].search_count(
                [
                    ("calendar_id", "=", calendar.id),
                    ("grc_public_holiday", "=", "2030-12-25"),
                ]
            )
        )
