# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import models

from .grc_demo_generator import paris_offset

# Working days -> calendar days, and a working day in hours.
CALENDAR_FACTOR = 1.4
WORKING_HOURS_PER_DAY = 8.0
REOPEN_WINDOW_DAYS = (7, 15)
CANCEL_SHARE = 0.04
# Requests that drag on (complex case, citizen who does not answer).
STALLED_SHARE = 0.05
STALLED_FACTOR = (3, 15)


class GrcDemoGenerator(models.AbstractModel):
    """Dates a demo request went through (first response, resolution,
    closure), consistent with its step and with opening hours."""

    _inherit = "grc.demo.generator"

    def _timeline(self, record, received, end, rng, grc_state=None):
        """Dates the request went through, consistent with its step: received
        <= first response <= resolution <= closure <= end."""
        target = record.sla_target or 10.0
        if record.sla_unit == "hours":
            target /= WORKING_HOURS_PER_DAY
        # About one request in six misses its target (long tail).
        factor = rng.lognormvariate(-0.6, 0.6)
        if rng.random() < STALLED_SHARE:
            factor *= rng.uniform(*STALLED_FACTOR)
        delay = timedelta(days=max(target * CALENDAR_FACTOR * factor, 0.05))
        first_delay = min(delay * rng.uniform(0.05, 0.4), timedelta(days=3))
        first = received + first_delay
        resolution = received + delay
        cancelled_at = received + delay * rng.uniform(0.1, 0.6)
        limit = None
        if grc_state:
            first, resolution, closure, cancelled_at = self._fit_to_state(
                grc_state, received, end, rng
            )
            limit = end
        # Agents answer and resolve in opening hours.
        first = self._office_moment(first, rng, limit)
        resolution = max(self._office_moment(resolution, rng, limit), first)
        if not grc_state:
            closure = resolution + timedelta(days=rng.uniform(*REOPEN_WINDOW_DAYS))
        closure = max(closure, resolution)
        if not grc_state:
            grc_state = self._state_at(
                end, received, first, resolution, closure, cancelled_at, rng
            )
        dates = {"state": grc_state, "first_response_delay": first_delay}
        if grc_state == "new":
            dates["first_response"] = False
        elif grc_state == "qualified":
            dates["first_response"] = first <= end and first
        elif grc_state == "cancelled":
            dates["first_response"] = first <= cancelled_at and first
        else:
            dates["first_response"] = first
        dates["resolution"] = grc_state in ("resolved", "closed") and resolution
        dates["closure"] = (grc_state == "closed" and closure) or (
            grc_state == "cancelled" and cancelled_at
        )
        dates["last_update"] = (
            dates["closure"] or dates["resolution"] or dates["first_response"]
        ) or received
        return dates

    @staticmethod
    def _state_at(end, received, first, resolution, closure, cancelled_at, rng):
        """Where a request with these dates stands at `end`."""
        if rng.random() < CANCEL_SHARE and cancelled_at <= end:
            return "cancelled"
        if closure <= end:
            return "closed"
        if resolution <= end:
            return "resolved"
        if first > end:
            return "new" if end - received < timedelta(days=1) else "qualified"
        return rng.choices(["in_progress", "waiting", "qualified"], [65, 20, 15])[0]

    @staticmethod
    def _office_moment(moment, rng, limit=None):
        """The moment, or the next opening hours (Monday to Friday, from 8:30
        to 17:30 Paris time) when it falls outside; never after `limit` unless
        the moment itself is."""
        # Naive Paris time, with the offset of ``moment`` (see
        # _in_opening_hours).
        offset = paris_offset(moment)
        local = moment + offset
        hour = local.hour + local.minute / 60
        weekday = local.weekday()
        if weekday < 5 and 8.5 <= hour < 17.5:
            return moment
        day = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if hour >= 17.5 or weekday >= 5:
            day += timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        shifted = day + timedelta(hours=8.5 + rng.uniform(0, 2.5)) - offset
        shifted = shifted.replace(microsecond=0)
        if limit and moment <= limit < shifted:
            return limit
        return shifted

    @staticmethod
    def _fit_to_state(grc_state, received, end, rng):
        """Dates for a request forced to a step (featured citizens)."""
        age = end - received
        first = received + age * rng.uniform(0.02, 0.2)
        if grc_state == "resolved":
            resolution = end - min(age * 0.5, timedelta(days=rng.uniform(1, 4)))
            return first, resolution, end + timedelta(days=30), end
        if grc_state == "closed":
            resolution = received + age * rng.uniform(0.03, 0.4)
            first = received + (resolution - received) * rng.uniform(0.1, 0.6)
            closure = min(
                resolution + timedelta(days=rng.uniform(*REOPEN_WINDOW_DAYS)), end
            )
            return first, resolution, closure, end
        if grc_state == "cancelled":
            cancelled_at = received + age * rng.uniform(0.05, 0.3)
            return first, end, end, cancelled_at
        if grc_state in ("new", "qualified"):
            first = end + timedelta(days=1)
        return first, end + timedelta(days=30), end + timedelta(days=40), end
