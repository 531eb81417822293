# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Indicators a manager can trust: each figure of the views, the digest and
the public page recomputed here by another path, from the life of a few
requests written down below (waits, reopenings, cancellations, a
confidential service, month boundaries in Paris time)."""

import math
from collections import Counter
from datetime import date, datetime, time, timedelta

import pytz
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError

from odoo.addons.grc_citoyen.tests.common import GrcCommon
from odoo.addons.grc_reclamations.tests.common import paris

from .common import KpiFixtures

PARIS = pytz.timezone("Europe/Paris")
OPEN_STATES = ("new", "in_progress", "waiting")
KINDS = {
    "new": "open",
    "in_progress": "open",
    "waiting": "waiting",
    "resolved": "done",
    "closed": "done",
    "cancelled": "cancelled",
}

# The life of each request: (Paris wall-clock time, status entered).
LIVES = {
    # Resolved in February: January's backlog, February's output.
    "slow": [
        ((2026, 1, 15, 10, 0), "new"),
        ((2026, 1, 16, 10, 0), "in_progress"),
        ((2026, 2, 10, 10, 0), "resolved"),
    ],
    # Resolved in January, reopened in February, resolved again in March.
    "reopened": [
        ((2026, 1, 20, 10, 0), "new"),
        ((2026, 1, 21, 10, 0), "in_progress"),
        ((2026, 1, 28, 10, 0), "resolved"),
        ((2026, 2, 3, 10, 0), "in_progress"),
        ((2026, 3, 5, 10, 0), "resolved"),
    ],
    # Waits for the citizen over the end of February: 12 working days.
    "waited": [
        ((2026, 2, 2, 10, 0), "new"),
        ((2026, 2, 3, 10, 0), "in_progress"),
        ((2026, 2, 20, 10, 0), "waiting"),
        ((2026, 3, 10, 10, 0), "in_progress"),
        ((2026, 3, 12, 10, 0), "resolved"),
    ],
    "cancelled": [
        ((2026, 1, 30, 10, 0), "new"),
        ((2026, 2, 4, 10, 0), "cancelled"),
    ],
    # 00:30 on February 1st in Paris, still January in UTC; never closed.
    "boundary": [
        ((2026, 2, 1, 0, 30), "new"),
        ((2026, 2, 2, 9, 0), "in_progress"),
    ],
    # Received on March 31st, resolved after midnight: April's output, and
    # open at the end of March.
    "midnight": [
        ((2026, 3, 31, 23, 30), "new"),
        ((2026, 3, 31, 23, 40), "in_progress"),
        ((2026, 4, 1, 0, 30), "resolved"),
    ],
    # Waiting for the citizen since April, its deadline long passed.
    "waiting_now": [
        ((2026, 4, 1, 9, 0), "new"),
        ((2026, 4, 1, 10, 0), "in_progress"),
        ((2026, 4, 2, 10, 0), "waiting"),
    ],
    # Of a confidential service: seen by its members and administrators.
    "social": [
        ((2026, 1, 10, 10, 0), "new"),
        ((2026, 1, 11, 10, 0), "in_progress"),
        ((2026, 1, 12, 10, 0), "resolved"),
    ],
}


def utc(moment):
    return paris(*moment)


def local_month(moment_utc):
    local = pytz.utc.localize(moment_utc).astimezone(PARIS)
    return date(local.year, local.month, 1)


def month_end_utc(month):
    """Naive UTC of the local midnight ending ``month``."""
    following = (month + timedelta(days=32)).replace(day=1)
    local = PARIS.localize(datetime.combine(following, time.min))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def working_hours(start, end):
    """Hours of 8:00-12:00 and 13:00-17:00, Monday to Friday (Paris),
    between two naive UTC datetimes."""
    total = 0.0
    day = pytz.utc.localize(start).astimezone(PARIS).date()
    last = pytz.utc.localize(end).astimezone(PARIS).date()
    while day <= last:
        if day.weekday() < 5:
            for first, until in ((8, 12), (13, 17)):
                low = PARIS.localize(datetime.combine(day, time(first)))
                high = PARIS.localize(datetime.combine(day, time(until)))
                low = max(low, pytz.utc.localize(start))
                high = min(high, pytz.utc.localize(end))
                if high > low:
                    total += (high - low).total_seconds() / 3600
        day += timedelta(days=1)
    return total


def working_days(start, end):
    """Week days after the local day of ``start`` up to that of ``end``."""
    first = pytz.utc.localize(start).astimezone(PARIS).date()
    last = pytz.utc.localize(end).astimezone(PARIS).date()
    return sum(
        (first + timedelta(days=n)).weekday() < 5
        for n in range(1, (last - first).days + 1)
    )


def percentile(values, fraction):
    values = sorted(values)
    position = fraction * (len(values) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(values) - 1)
    return values[lower] + (position - lower) * (values[upper] - values[lower])


class TestKpiTrust(KpiFixtures, GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The history of the stages is what the backlog is read from: track
        # the moves, as outside tests (BaseCommon turns tracking off).
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=False, mail_notrack=False)
        )
        cls.env.company.resource_calendar_id.tz = "Europe/Paris"
        cls._create_kpi_catalogue()
        cls._create_kpi_readers("trust")
        ref = cls.env.ref
        cls.stages = {
            "in_progress": ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
            "waiting": ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting"),
            "resolved": ref("helpdesk_mgmt.helpdesk_ticket_stage_done"),
            "cancelled": ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled"),
        }
        cls.tickets = {}
        for name, life in LIVES.items():
            rtype = cls.type_help if name == "social" else cls.type_lamp
            with freeze_time(utc(life[0][0])):
                ticket = cls._create_request(
                    request_type_id=rtype.id,
                    team_id=rtype.team_id.id,
                    grc_resolution="<p>Traité.</p>",
                )
                cls._flush_tracking()
            previous = "new"
            for moment, state in life[1:]:
                with freeze_time(utc(moment)):
                    if previous in ("resolved", "closed"):
                        ticket.action_grc_reopen()
                    else:
                        ticket.write({"stage_id": cls.stages[state].id})
                    cls._flush_tracking()
                previous = state
            cls.tickets[name] = ticket
        cls.types = cls.type_lamp | cls.type_help

    @classmethod
    def _flush_tracking(cls):
        # Stage changes are tracked when the transaction is flushed: at the
        # frozen time, as a real change would be.
        cls.env.flush_all()
        cls.env.cr.flush()

    # ------------------------------------------------------------------
    # The other path: the lives above, read in Python
    # ------------------------------------------------------------------

    def _names(self, confidential):
        return [n for n in LIVES if confidential or n != "social"]

    def _expected_flow(self, confidential):
        """{month: Counter(received, closed, cancelled, reopened, backlog,
        backlog_waiting)} from the written lives."""
        now = datetime.now()
        flow = {}
        for name in self._names(confidential):
            life = [(utc(moment), state) for moment, state in LIVES[name]]
            received = life[0][0]
            flow.setdefault(local_month(received), Counter())["received"] += 1
            final_moment, final_state = life[-1]
            if KINDS[final_state] == "done":
                flow.setdefault(local_month(final_moment), Counter())["closed"] += 1
            if final_state == "cancelled":
                flow.setdefault(local_month(final_moment), Counter())["cancelled"] += 1
            for (__, before), (moment, after) in zip(life, life[1:], strict=False):
                if KINDS[before] == "done" and KINDS[after] in ("open", "waiting"):
                    flow.setdefault(local_month(moment), Counter())["reopened"] += 1
            month = local_month(received)
            while month_end_utc(month) <= now:
                end = month_end_utc(month)
                states = [state for moment, state in life if moment < end]
                kind = KINDS[states[-1]]
                if kind in ("open", "waiting"):
                    counter = flow.setdefault(month, Counter())
                    counter["backlog"] += 1
                    counter["backlog_waiting"] += kind == "waiting"
                month = (month + timedelta(days=32)).replace(day=1)
        return flow

    def _read_flow(self, user=None):
        Flow = self.env["grc.kpi.request.flow"]
        if user:
            Flow = Flow.with_user(user)
        groups = Flow._read_group(
            [("request_type_id", "in", self.types.ids)],
            groupby=["month:month"],
            aggregates=[
                "received_count:sum",
                "closed_count:sum",
                "cancelled_count:sum",
                "reopened_count:sum",
                "backlog_count:sum",
                "backlog_waiting_count:sum",
            ],
        )
        keys = (
            "received",
            "closed",
            "cancelled",
            "reopened",
            "backlog",
            "backlog_waiting",
        )
        return {
            fields.Date.to_date(month): Counter(
                {key: value for key, value in zip(keys, values, strict=True) if value}
            )
            for month, *values in groups
        }

    def _delays(self, name):
        """(calendar days, working days) to the last resolution, waits for
        the citizen taken out at 8 working hours a day."""
        life = [(utc(moment), state) for moment, state in LIVES[name]]
        waited = sum(
            working_hours(moment, following)
            for (moment, state), (following, __) in zip(life, life[1:], strict=False)
            if state == "waiting"
        )
        received, resolved = life[0][0], life[-1][0]
        calendar = (resolved - received).total_seconds() / 86400 - waited / 8
        return calendar, working_days(received, resolved) - waited / 8

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_history_is_recorded(self):
        """The lives were written through the normal moves: reopening and
        pauses as the application records them."""
        self.assertEqual(self.tickets["reopened"].grc_state, "resolved")
        self.assertEqual(
            self.tickets["reopened"].resolution_date, utc((2026, 3, 5, 10, 0))
        )
        self.assertEqual(self.tickets["waited"].sla_paused_hours, 96.0)
        self.assertTrue(self.tickets["waiting_now"].sla_pause_start)

    def test_monthly_flow_and_backlog_from_history(self):
        """Received, closed and cancelled during each month, reopenings and
        the backlog at each month end match the lives, for a steering user
        (confidential service left out) and an administrator."""
        expected = self._expected_flow(confidential=False)
        self.maxDiff = None
        self.assertEqual(self._read_flow(self.steering_user), expected)
        self.assertEqual(self._read_flow(), self._expected_flow(confidential=True))
        # Spelled out for the months the lives cross: at the end of January
        # "slow" and "cancelled" are open ("reopened" is resolved, "boundary"
        # belongs to February); at the end of February, "reopened" again,
        # "waited" (waiting) and "boundary".
        self.assertEqual(expected[date(2026, 1, 1)]["backlog"], 2)
        self.assertEqual(expected[date(2026, 2, 1)]["backlog"], 3)
        self.assertEqual(expected[date(2026, 2, 1)]["backlog_waiting"], 1)
        self.assertEqual(expected[date(2026, 2, 1)]["reopened"], 1)
        self.assertEqual(expected[date(2026, 3, 1)]["closed"], 2)
        self.assertEqual(expected[date(2026, 3, 1)]["backlog"], 2)

    def test_backlog_without_history_from_the_dates(self):
        """A request without any recorded move (an import) is in the backlog
        from its reception to its closure date."""
        type_import = self.env["grc.request.type"].create(
            {"name": "Importée", "code": "IMP", "team_id": self.team_voirie.id}
        )
        with freeze_time(utc((2026, 5, 10, 10, 0))):
            ticket = self._create_request(
                request_type_id=type_import.id,
                stage_id=self.stages["resolved"].id,
                received_date=utc((2026, 5, 10, 10, 0)),
                resolution_date=utc((2026, 7, 2, 10, 0)),
                grc_resolution="<p>Importée.</p>",
            )
            self._flush_tracking()
        self.env.cr.execute(
            "DELETE FROM mail_message WHERE model = 'helpdesk.ticket' AND res_id = %s",
            [ticket.id],
        )
        self.types = type_import
        self.assertEqual(
            self._read_flow(),
            {
                date(2026, 5, 1): Counter(received=1, backlog=1),
                date(2026, 6, 1): Counter(backlog=1),
                date(2026, 7, 1): Counter(closed=1),
            },
        )

    def test_request_rows_by_month_of_reception(self):
        """Closed to date, cancelled and the closure rate of each month's
        requests, by month of reception in Paris time."""
        rows = self.env["grc.kpi.request"].search(
            [("id", "in", [t.id for t in self.tickets.values()])]
        )
        expected = {}
        for name in LIVES:
            life = LIVES[name]
            month = local_month(utc(life[0][0]))
            final = life[-1][1]
            figures = expected.setdefault(month, Counter())
            figures["received"] += 1
            figures["closed"] += KINDS[final] == "done"
            figures["cancelled"] += final == "cancelled"
        for month, figures in expected.items():
            month_rows = rows.filtered(lambda r, m=month: r.month == m)
            self.assertEqual(len(month_rows), figures["received"], month)
            self.assertEqual(sum(month_rows.mapped("closed_count")), figures["closed"])
            self.assertEqual(
                sum(month_rows.mapped("cancelled_count")), figures["cancelled"]
            )
            counted = figures["received"] - figures["cancelled"]
            groups = self.env["grc.kpi.request"]._read_group(
                [("id", "in", month_rows.ids)], aggregates=["closure_rate:avg"]
            )
            self.assertAlmostEqual(
                groups[0][0], 100.0 * figures["closed"] / counted, msg=month
            )
        # The request of 00:30 on February 1st belongs to February.
        boundary = rows.filtered(lambda r: r.id == self.tickets["boundary"].id)
        self.assertEqual(boundary.month, date(2026, 2, 1))
        midnight = rows.filtered(lambda r: r.id == self.tickets["midnight"].id)
        self.assertEqual(midnight.closed_month, date(2026, 4, 1))

    def test_waiting_is_neither_late_nor_counted_in_delays(self):
        """A request waiting for the citizen is not late; the time it waited
        is out of its delays, in calendar and in working days."""
        Kpi = self.env["grc.kpi.request"]
        waiting = Kpi.browse(self.tickets["waiting_now"].id)
        self.assertTrue(waiting.is_waiting)
        self.assertTrue(waiting.is_open)
        self.assertLess(waiting.grc_sla_deadline, datetime.now())
        self.assertFalse(waiting.sla_met)
        self.assertFalse(waiting.sla_missed)
        self.env.cr.execute(
            "SELECT sla_met, sla_missed FROM grc_kpi_request WHERE id = %s",
            [waiting.id],
        )
        self.assertEqual(self.env.cr.fetchall(), [(None, None)])
        for name in ("waited", "reopened", "slow", "midnight"):
            row = Kpi.browse(self.tickets[name].id)
            calendar, working = self._delays(name)
            self.assertAlmostEqual(row.resolution_delay_days, calendar, msg=name)
            self.assertAlmostEqual(row.resolution_delay_working_days, working, msg=name)
        row = Kpi.browse(self.tickets["waited"].id)
        # 38 calendar days less 12 working days waited; 28 working days less 12.
        self.assertAlmostEqual(row.resolution_delay_days, 26.0)
        self.assertAlmostEqual(row.resolution_delay_working_days, 16.0)
        self.assertAlmostEqual(row.waiting_days, 12.0)

    def test_delay_percentiles_per_service_and_type(self):
        """Median and 90th percentile of the requests closed in a month, per
        service and type, in calendar and working days."""
        Delay = self.env["grc.kpi.request.delay"]
        march = Delay.search(
            [
                ("grain", "=", "month"),
                ("month", "=", "2026-03-01"),
                ("request_type_id", "=", self.type_lamp.id),
            ]
        )
        self.assertEqual(len(march), 1)
        delays = [self._delays(name) for name in ("reopened", "waited")]
        self.assertEqual(march.closed_count, 2)
        self.assertAlmostEqual(march.delay_p90, percentile([d[0] for d in delays], 0.9))
        self.assertAlmostEqual(
            march.delay_median, percentile([d[0] for d in delays], 0.5)
        )
        self.assertAlmostEqual(
            march.working_delay_p90, percentile([d[1] for d in delays], 0.9)
        )
        year = Delay.search(
            [
                ("grain", "=", "year"),
                ("month", "=", "2026-01-01"),
                ("request_type_id", "=", self.type_lamp.id),
            ]
        )
        closed = [
            n for n in LIVES if n != "social" and KINDS[LIVES[n][-1][1]] == "done"
        ]
        self.assertEqual(year.closed_count, len(closed))
        self.assertAlmostEqual(
            year.working_delay_p90,
            percentile([self._delays(n)[1] for n in closed], 0.9),
        )

    def test_confidential_rows_stay_with_their_service(self):
        """Steering users outside the confidential service see none of its
        rows in the flow and the delays, administrators do; other users read
        nothing, and nobody writes."""
        for model in ("grc.kpi.request.flow", "grc.kpi.request.delay"):
            Model = self.env[model]
            domain = [("team_id", "=", self.team_ccas.id)]
            self.assertTrue(Model.search_count(domain), model)
            self.assertFalse(
                Model.with_user(self.steering_user).search_count(domain), model
            )
            with self.assertRaises(AccessError):
                Model.with_user(self.frontdesk_user).search([])
            with self.assertRaises(AccessError):
                Model.with_user(self.steering_user).browse(
                    Model.search([], limit=1).id
                ).write({"team_id": False})

    def test_digest_for_a_period_given_as_strings(self):
        """Over RPC the period comes as strings: a day is the local midnight,
        so that February is Paris' February; what was closed during it is
        counted, whenever it was received."""
        digest = self.env["digest.digest"].create(
            {"name": "GRC", "company_id": self.env.company.id}
        )
        february = digest.with_context(
            start_datetime="2026-02-01", end_datetime="2026-03-01"
        )
        names = self._names(confidential=True)
        received = [n for n in names if local_month(utc(LIVES[n][0][0])).month == 2]
        closed = [
            n
            for n in names
            if KINDS[LIVES[n][-1][1]] == "done"
            and local_month(utc(LIVES[n][-1][0])) == date(2026, 2, 1)
        ]
        self.assertEqual(february.kpi_grc_requests_received_value, len(received))
        self.assertIn("boundary", received)
        self.assertEqual(february.kpi_grc_requests_closed_value, len(closed))
        digest.invalidate_recordset()
        with self.assertRaises(UserError):
            digest.with_context(
                start_datetime="February", end_datetime="2026-03-01"
            )._get_kpi_compute_parameters()

    def test_public_page_uses_full_months(self):
        """Published on April 1st: April 2025 to March 2026, the request of
        the night of March 31st in, that of April 1st out."""
        Stats = self.env["grc.public.statistics"]
        statistics = Stats._compute_public_statistics(
            self.env.company.id, date(2026, 4, 1), "en_US"
        )
        self.assertEqual(statistics["date_from"], date(2025, 4, 1))
        self.assertEqual(statistics["date_to"], date(2026, 3, 31))
        counted = [
            n
            for n in LIVES
            if date(2025, 4, 1) <= local_month(utc(LIVES[n][0][0])) < date(2026, 4, 1)
        ]
        self.assertIn("midnight", counted)
        self.assertNotIn("waiting_now", counted)
        summary = next(t for t in statistics["tables"] if t["key"] == "summary")
        self.assertEqual(summary["rows"][0][1][0], str(len(counted)))
