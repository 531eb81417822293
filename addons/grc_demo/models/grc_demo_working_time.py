# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Working time tabled once for the bulk generator.

The SLA engine walks a calendar's working intervals one by one for every
deadline (``WorkingTime``): right for a request at a time, most of the bulk
generator's run for a million. Here the intervals of the whole run are read
once (from the engine's own cached chunks) and numbered, as
``grc_kpi_working_day`` numbers working days in SQL: each interval's
cumulative working time in microseconds, each working day's end. A deadline
is then two bisections, with exactly the engine's arithmetic (integer
microseconds, the same rounding); outside the tabled span, or for a
calendar whose intervals cross midnight, the engine's walk answers.
"""

import bisect
import math
from datetime import datetime, timedelta

from pytz import utc

from odoo import api, models

from odoo.addons.grc_citoyen.models.grc_sla_engine import WorkingTime

EPOCH = datetime(1970, 1, 1, tzinfo=utc)
NAIVE_EPOCH = datetime(1970, 1, 1)
MICROSECOND = timedelta(microseconds=1)
# Context key: the tables of a bulk run (see GrcSlaEngine._grc_working_time).
CONTEXT_KEY = "grc_demo_working_times"


def _micro(moment):
    """Aware datetime -> integer microseconds since the epoch."""
    return (moment - EPOCH) // MICROSECOND


class TabledWorkingTime(WorkingTime):
    """A ``WorkingTime`` whose intervals up to ``until`` are tabled."""

    def __init__(self, calendar, start, load_chunk, until):
        super().__init__(calendar, start, load_chunk)
        self._load_until(until)
        starts, stops, cumulative, total = [], [], [], 0
        days, day_ends = [], []
        tabled = True
        for begin, stop in self.intervals:
            day = self._local_date(begin)
            if self._local_date(stop - MICROSECOND) != day:
                tabled = False  # an interval over midnight: the walk decides
                break
            starts.append(_micro(begin))
            stops.append(_micro(stop))
            total += stops[-1] - starts[-1]
            cumulative.append(total)
            if days and days[-1] == day:
                day_ends[-1] = stop
            else:
                days.append(day)
                day_ends.append(stop)
        self.tabled = tabled and bool(starts)
        self.t_starts, self.t_stops, self.t_cumulative = starts, stops, cumulative
        self.t_days, self.t_day_ends = days, day_ends

    def _worked_until(self, micro):
        """Working microseconds from the first interval up to ``micro``, and
        the index of the first interval ending after it (None beyond)."""
        index = bisect.bisect_right(self.t_stops, micro)
        if index >= len(self.t_stops) or micro < self.t_starts[0]:
            return None, None
        stop = self.t_stops[index]
        return self.t_cumulative[index] - (
            stop - max(self.t_starts[index], micro)
        ), index

    def add_hours(self, moment, hours):
        if not self.tabled:
            return super().add_hours(moment, hours)
        worked, index = self._worked_until(_micro(moment))
        if index is None:
            return super().add_hours(moment, hours)
        # The engine's remaining time: a timedelta, rounded as it rounds.
        target = worked + timedelta(hours=hours) // MICROSECOND
        found = bisect.bisect_left(self.t_cumulative, target, index)
        if found >= len(self.t_cumulative):
            return super().add_hours(moment, hours)
        micro = self.t_stops[found] - (self.t_cumulative[found] - target)
        return EPOCH + timedelta(microseconds=micro)

    def hours_between(self, start_dt, end_dt):
        if not self.tabled:
            return super().hours_between(start_dt, end_dt)
        start, __ = self._worked_until(_micro(start_dt))
        end, __ = self._worked_until(_micro(end_dt))
        if start is None or end is None:
            return super().hours_between(start_dt, end_dt)
        return max(end - start, 0) / 1000000 / 3600

    def add_days(self, moment, days):
        if not self.tabled:
            return super().add_days(moment, days)
        first_day = self._local_date(moment) + timedelta(days=1)
        index = bisect.bisect_left(self.t_days, first_day)
        # The day after the one sought is tabled too: the day is complete.
        if index == 0 or index + days >= len(self.t_days) or days <= 0:
            return super().add_days(moment, days)
        return self.t_day_ends[index + days - 1]

    def naive_add(self, received, amount, unit):
        """``_add_working_time`` on naive UTC, from the tables (None when
        they cannot answer: the caller asks the engine)."""
        if not self.tabled or amount <= 0:
            return None
        if unit == "days":
            moment = utc.localize(received)
            first_day = self._local_date(moment) + timedelta(days=1)
            days = math.ceil(amount)
            index = bisect.bisect_left(self.t_days, first_day)
            if index == 0 or index + days >= len(self.t_days):
                return None
            return self.t_day_ends[index + days - 1].replace(tzinfo=None)
        micro = (received - NAIVE_EPOCH) // MICROSECOND
        worked, index = self._worked_until(micro)
        if index is None:
            return None
        return self._naive_after(worked, index, timedelta(hours=amount))

    def naive_at_risk(self, received, deadline, ratio):
        """``_grc_at_risk_date`` on naive UTC, from the tables (None when
        they cannot answer)."""
        if not self.tabled or deadline < received:
            return None
        start, index = self._worked_until((received - NAIVE_EPOCH) // MICROSECOND)
        end, __ = self._worked_until((deadline - NAIVE_EPOCH) // MICROSECOND)
        if start is None or end is None:
            return None
        hours = (end - start) / 1000000 / 3600 * ratio
        if hours <= 0:
            return None
        return self._naive_after(start, index, timedelta(hours=hours))

    def _naive_after(self, worked, index, delay):
        target = worked + delay // MICROSECOND
        found = bisect.bisect_left(self.t_cumulative, target, index)
        if found >= len(self.t_cumulative):
            return None
        micro = self.t_stops[found] - (self.t_cumulative[found] - target)
        return NAIVE_EPOCH + timedelta(microseconds=micro)


class TabledCalendars:
    """The tables of a bulk run by calendar id, handed to the engine in the
    context (compared by identity)."""

    def __init__(self):
        self.by_calendar = {}

    def get(self, calendar, start):
        working_time = self.by_calendar.get(calendar.id)
        if working_time is not None and working_time.covers(
            start if start.tzinfo else utc.localize(start)
        ):
            return working_time
        return None


class GrcSlaEngine(models.AbstractModel):
    _inherit = "grc.sla.engine"

    @api.model
    def _grc_working_time(self, calendar, start_dt):
        """The bulk generator's tables when it runs (see TabledCalendars)."""
        tables = self.env.context.get(CONTEXT_KEY)
        if isinstance(tables, TabledCalendars) and len(calendar) == 1:
            working_time = tables.get(calendar, start_dt)
            if working_time is not None:
                return working_time
        return super()._grc_working_time(calendar, start_dt)

    @api.model
    def _grc_tabled_working_time(self, calendar, start_dt, until):
        """Working time of ``calendar`` from ``start_dt`` to ``until`` (naive
        UTC), tabled."""
        self._grc_check_calendar(calendar)
        return TabledWorkingTime(
            calendar,
            self._grc_aware(start_dt),
            self._grc_calendar_chunk,
            self._grc_aware(until),
        )
