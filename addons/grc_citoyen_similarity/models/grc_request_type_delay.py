# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import math
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# Delays are measured over the requests resolved in this many last days.
DELAY_WINDOW_DAYS = 90


def percentile_cont(sorted_values, fraction):
    """PostgreSQL's ``percentile_cont``: linear interpolation between the
    two closest ranks of sorted values."""
    if not sorted_values:
        return 0.0
    position = fraction * (len(sorted_values) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(sorted_values) - 1)
    weight = position - lower
    return sorted_values[lower] + weight * (sorted_values[upper] - sorted_values[lower])


class GrcRequestType(models.Model):
    """The delay citizens can honestly expect for each démarche: how long the
    requests resolved lately took, in working days, time spent waiting for the
    citizen left out."""

    _inherit = "grc.request.type"

    expected_delay_median = fields.Float(
        string="Median delay (working days)",
        digits=(16, 1),
        readonly=True,
        copy=False,
        help="Half of the requests resolved in the last 90 days took at most "
        "this many working days, time waiting for the citizen excluded.",
    )
    expected_delay_p90 = fields.Float(
        string="90th percentile delay (working days)",
        digits=(16, 1),
        readonly=True,
        copy=False,
        help="Nine in ten requests resolved in the last 90 days took at most "
        "this many working days, time waiting for the citizen excluded.",
    )
    expected_delay_sample = fields.Integer(
        string="Requests measured",
        readonly=True,
        copy=False,
        help="Requests resolved in the last 90 days the delays are computed on.",
    )
    expected_delay_date = fields.Datetime(
        string="Delays measured on", readonly=True, copy=False
    )
    expected_delay_shown = fields.Boolean(
        string="Delay shown to citizens",
        compute="_compute_expected_delay_shown",
        help="Enough requests were measured for the delays to mean something: "
        "the portal shows them.",
    )

    @api.depends("expected_delay_sample", "company_id")
    def _compute_expected_delay_shown(self):
        for rtype in self:
            # sudo: read on the public catalogue too, whose visitors may not read
            # companies.
            company = (rtype.company_id or self.env.company).sudo()
            rtype.expected_delay_shown = (
                rtype.expected_delay_sample > 0
                and rtype.expected_delay_sample >= company.grc_expected_delay_min_sample
            )

    def _grc_expected_delay_days(self):
        """(median, 90th percentile) in whole working days as citizens read
        them ("within X days"), or None while too few requests were measured."""
        self.ensure_one()
        if not self.expected_delay_shown:
            return None
        return (
            max(1, math.ceil(self.expected_delay_median)),
            max(1, math.ceil(self.expected_delay_p90)),
        )

    @api.model
    def _cron_compute_expected_delays(self):
        """Measure every démarche's delays on the requests resolved in the last
        90 days: one read of the requests, one reading of the working intervals
        per calendar, one write per démarche."""
        now = fields.Datetime.now()
        durations = self._grc_resolution_durations(
            now - timedelta(days=DELAY_WINDOW_DAYS), now
        )
        # sudo: the cron measures every démarche of every company, whoever runs it.
        request_types = self.sudo().search([])
        empty = request_types.filtered(lambda t: t.id not in durations)
        empty.write(
            {
                "expected_delay_median": 0.0,
                "expected_delay_p90": 0.0,
                "expected_delay_sample": 0,
                "expected_delay_date": now,
            }
        )
        for rtype in request_types - empty:
            values = sorted(durations[rtype.id])
            rtype.write(
                {
                    "expected_delay_median": round(percentile_cont(values, 0.5), 1),
                    "expected_delay_p90": round(percentile_cont(values, 0.9), 1),
                    "expected_delay_sample": len(values),
                    "expected_delay_date": now,
                }
            )
        return True

    @api.model
    def _grc_resolution_durations(self, date_from, date_to):
        """{request type id: [working days to resolve each request]} for the
        requests resolved between the two dates."""
        # sudo: for the cron, which measures every request, confidential ones too.
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("request_type_id", "!=", False),
                    ("grc_state", "in", ("resolved", "closed")),
                    ("received_date", "!=", False),
                    ("resolution_date", ">=", date_from),
                    ("resolution_date", "<=", date_to),
                ],
                [
                    "request_type_id",
                    "received_date",
                    "resolution_date",
                    "sla_paused_hours",
                    "team_id",
                    "company_id",
                ],
            )
        )
        by_calendar = defaultdict(list)
        for ticket in tickets:
            by_calendar[ticket._grc_sla_calendar()].append(ticket)
        engine = self.env["grc.sla.engine"]
        durations = defaultdict(list)
        for calendar, calendar_tickets in by_calendar.items():
            start = min(ticket.received_date for ticket in calendar_tickets)
            try:
                working_time = engine._grc_working_time(calendar, start)
            except UserError as error:
                _logger.info(
                    "Expected delays: %s requests without a usable calendar (%s)",
                    len(calendar_tickets),
                    error.args[0],
                )
                continue
            hours_per_day = calendar.hours_per_day or 8.0
            for ticket in calendar_tickets:
                hours = engine._working_hours_between(
                    ticket.received_date,
                    ticket.resolution_date,
                    calendar,
                    working_time=working_time,
                )
                hours = max(hours - ticket.sla_paused_hours, 0.0)
                durations[ticket.request_type_id.id].append(hours / hours_per_day)
        return durations
