# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo import api, fields, models
from odoo.tools import SQL

# The days the table covers: from this one to the end of the year
# WORKING_DAY_YEARS_AHEAD years from now (the monthly cron carries it on).
WORKING_DAY_FIRST = date(2000, 1, 1)
WORKING_DAY_YEARS_AHEAD = 3


class ResourceCalendar(models.Model):
    """The working days of every calendar, numbered, in a table the steering
    views join (``grc_kpi_working_day``): the working days between two days
    are the difference of their numbers, instead of being worked out from
    the week days and the public holidays for every row a view reads (9 to
    11 s for a dashboard of 100,000 requests, 40 s for the yearly workbook).

    ``day_index`` of a day is the count of the calendar's working days from
    WORKING_DAY_FIRST up to that day included: the days of the week the
    calendar works (Monday to Friday for a calendar without hours), public
    holidays of the calendar excepted.

    Kept equal to the calendars: a calendar's days are numbered again in the
    same transaction as any change of its hours (attendances), of its public
    holidays or its creation (see ``resource.calendar.attendance`` and
    ``resource.calendar.leaves``), so that the figures always follow the
    calendar as it is today, delays of the past included (as the views did
    when they computed them per row). The monthly cron carries the table on
    over the years to come.
    """

    _inherit = "resource.calendar"

    def init(self):
        res = super().init()
        self._grc_kpi_working_day_table()
        self.with_context(active_test=False).search([])._grc_kpi_number_working_days()
        return res

    @api.model
    def _grc_kpi_working_day_table(self):
        """Create the table when it does not exist yet."""
        self.env.cr.execute(
            """
            CREATE TABLE IF NOT EXISTS grc_kpi_working_day (
                calendar_id integer NOT NULL
                    REFERENCES resource_calendar (id) ON DELETE CASCADE,
                day date NOT NULL,
                day_index integer NOT NULL,
                PRIMARY KEY (calendar_id, day)
            )
            """
        )

    @api.model_create_multi
    def create(self, vals_list):
        # Numbered once, with the hours and holidays created with them.
        calendars = (
            super(ResourceCalendar, self.with_context(grc_kpi_working_days_later=True))
            .create(vals_list)
            .with_env(self.env)
        )
        calendars._grc_kpi_number_working_days()
        return calendars

    @api.model
    def _cron_grc_kpi_working_days(self):
        """Number the working days again, as far as WORKING_DAY_YEARS_AHEAD
        years from now (a new year), for every calendar."""
        self.with_context(active_test=False).search([])._grc_kpi_number_working_days()

    def _grc_kpi_number_working_days(self):
        """Number the working days of these calendars again, from the
        calendars' hours and public holidays as they are now."""
        calendars = self.exists()
        if not calendars or self.env.context.get("grc_kpi_working_days_later"):
            return
        self._grc_kpi_working_day_table()
        # What the numbering reads must be in the database.
        for model in (
            "resource.calendar",
            "resource.calendar.attendance",
            "resource.calendar.leaves",
        ):
            self.env[model].flush_model()
        last = date(fields.Date.today().year + WORKING_DAY_YEARS_AHEAD, 12, 31)
        cr = self.env.cr
        # Days out of the range go; only the days whose number changed are
        # written (a calendar's first numbering, a holiday: the days after
        # it): a change of a calendar costs a few milliseconds, not the
        # rewrite of ten thousand rows.
        cr.execute(
            SQL(
                "DELETE FROM grc_kpi_working_day WHERE calendar_id = ANY(%s) "
                "AND (day < %s OR day > %s)",
                calendars.ids,
                WORKING_DAY_FIRST,
                last,
            )
        )
        cr.execute(
            SQL(
                """
                WITH week AS MATERIALIZED (
                    -- the days of the week each calendar works, read once
                    SELECT
                        cal.id AS calendar_id,
                        COALESCE(
                            (
                                SELECT array_agg(DISTINCT att.dayofweek::integer)
                                FROM resource_calendar_attendance att
                                WHERE att.calendar_id = cal.id
                                    AND att.resource_id IS NULL
                                    AND att.display_type IS NULL
                            ),
                            ARRAY[0, 1, 2, 3, 4]
                        ) AS weekdays
                    FROM resource_calendar cal
                    WHERE cal.id = ANY(%(ids)s)
                )
                INSERT INTO grc_kpi_working_day (calendar_id, day, day_index)
                SELECT
                    w.calendar_id,
                    d.day,
                    SUM((
                        (EXTRACT(ISODOW FROM d.day)::integer - 1) = ANY(w.weekdays)
                        AND holiday.day IS NULL
                    )::integer) OVER (PARTITION BY w.calendar_id ORDER BY d.day)
                FROM week w
                CROSS JOIN LATERAL (
                    SELECT generated::date AS day
                    FROM generate_series(
                        %(first)s::date, %(last)s::date, interval '1 day'
                    ) generated
                ) d
                LEFT JOIN (
                    SELECT DISTINCT leave.calendar_id,
                        leave.grc_public_holiday AS day
                    FROM resource_calendar_leaves leave
                    WHERE leave.calendar_id = ANY(%(ids)s)
                        AND leave.resource_id IS NULL
                        AND leave.grc_public_holiday IS NOT NULL
                ) holiday ON holiday.calendar_id = w.calendar_id
                    AND holiday.day = d.day
                ON CONFLICT (calendar_id, day) DO UPDATE
                    SET day_index = EXCLUDED.day_index
                    WHERE grc_kpi_working_day.day_index != EXCLUDED.day_index
                """,
                first=WORKING_DAY_FIRST,
                last=last,
                ids=calendars.ids,
            )
        )
