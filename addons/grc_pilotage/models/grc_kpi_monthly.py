# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Monthly aggregates of the request indicators, stored in tables.

The live views (``grc.kpi.request``, ``grc.kpi.request.flow``) compute every
figure from the requests each time they are read: linear in the number of
requests, about a second for all time at 1,000,000 requests, minutes for the
monthly flow. What reads months or years reads these tables instead: one row
per month and combination of company, service (and its direction),
confidentiality, request type, category, channel (and, for the requests,
their status), holding counts and sums, so that every average is a sum
divided by a count, and the delays' histograms (one bucket per day) for
their percentiles. Filled by ``INSERT ... SELECT`` from the live views, one
transaction per refresh: an hourly cron recomputes the recent months and the
months of the requests that changed, a nightly cron (and the *Refresh*
button) every month. Today's backlog stays on the live views.
"""

import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.models import parse_read_group_spec
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)

PARAM_REFRESHED = "grc_pilotage.kpi_monthly_refreshed_at"
PARAM_FULL = "grc_pilotage.kpi_monthly_full_refreshed_at"
PARAM_RECENT_MONTHS = "grc_pilotage.kpi_monthly_recent_months"
# Days of delay above which a histogram counts in its last bucket.
HISTOGRAM_MAX_DAYS = 1000

# Averages given as a sum divided by a count, over the rows of a group:
# {field: (factor, columns added up, columns taken off)} for the numerator,
# and the columns of the denominator (see _ratio_sql).
REQUEST_RATIOS = {
    "closure_rate": (100.0, ["closed_count"], ["request_count", "-cancelled_count"]),
    "sla_compliance": (100.0, ["sla_met_count"], ["sla_known_count"]),
    "first_response_compliance": (
        100.0,
        ["response_met_count"],
        ["response_known_count"],
    ),
    "resolution_delay_days": (1.0, ["delay_sum"], ["delay_count"]),
    "resolution_delay_working_days": (
        1.0,
        ["working_delay_sum"],
        ["working_delay_count"],
    ),
    "first_response_delay_hours": (
        1.0,
        ["response_delay_sum"],
        ["response_delay_count"],
    ),
}


def _ratio_sql(ratio, column):
    """SQL of a ratio of REQUEST_RATIOS, ``column(name)`` giving the SQL of
    each column (a sum over a group, or a row's value)."""
    factor, numerator, denominator = ratio

    def terms(names):
        parts = []
        for name in names:
            sign = SQL("-") if name.startswith("-") else SQL("+")
            parts.append(SQL("%s COALESCE(%s, 0)", sign, column(name.lstrip("-"))))
        return SQL(" ").join(parts)

    return SQL(
        "(%s * (0 %s))::float8 / NULLIF(0 %s, 0)",
        factor,
        terms(numerator),
        terms(denominator),
    )


# The PL/pgSQL helpers of the histograms: an aggregate counting values into
# one-day buckets (bucket i + 1 holds the values rounding to i days).
HISTOGRAM_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION grc_kpi_histogram_add(h integer[], v double precision)
RETURNS integer[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    b integer;
    n integer;
BEGIN
    IF v IS NULL THEN
        RETURN h;
    END IF;
    b := LEAST(GREATEST(round(v)::integer, 0), {HISTOGRAM_MAX_DAYS}) + 1;
    n := COALESCE(array_length(h, 1), 0);
    IF n < b THEN
        h := COALESCE(h, '{{}}'::integer[]) || array_fill(0, ARRAY[b - n]);
    END IF;
    h[b] := h[b] + 1;
    RETURN h;
END
$$;
CREATE OR REPLACE AGGREGATE grc_kpi_histogram(double precision) (
    SFUNC = grc_kpi_histogram_add, STYPE = integer[]
);
"""


def histogram_percentiles(buckets, quantiles=(0.5, 0.9)):
    """Percentiles of the values counted in ``buckets`` ({day: count}), as
    PostgreSQL's ``percentile_cont`` would give them over values rounded to
    the day: exact for whole days (working days without waits), within half
    a day otherwise. None without values."""
    total = sum(buckets.values())
    if not total:
        return tuple(None for __ in quantiles)
    ordered = sorted((day, count) for day, count in buckets.items() if count)

    def nth(index):
        seen = 0
        for day, count in ordered:
            seen += count
            if index < seen:
                return day
        return ordered[-1][0]

    result = []
    for quantile in quantiles:
        position = quantile * (total - 1)
        low = int(position)
        value = nth(low)
        if position > low:
            value += (nth(low + 1) - value) * (position - low)
        result.append(float(value))
    return tuple(result)


class GrcKpiMonthlyMixin(models.AbstractModel):
    """A stored table of monthly rows, refreshed from a live view."""

    _name = "grc.kpi.monthly.mixin"
    _inherit = ["grc.kpi.mixin"]
    _description = "Monthly aggregate of indicators (shared plumbing)"

    refreshed_at = fields.Datetime(
        string="Figures as of",
        readonly=True,
        aggregator="max",
        help="When the row was computed from the requests.",
    )

    # Dimensions of the rows, in the order of the table's GROUP BY.
    _kpi_dimensions = ()

    def init(self):
        # A table, not a view: grc.kpi.mixin's init is not for it.
        if self._abstract:
            return
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON %s (month, team_id)",
                SQL.identifier(f"{self._table}_month_team_idx"),
                SQL.identifier(self._table),
            )
        )

    def _kpi_query(self):
        raise NotImplementedError

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        """The averages of a group are its sums divided by its counts (an
        average of the rows' averages would weigh a month of 3 requests as
        much as one of 3,000)."""
        ratios = self._kpi_ratios()
        if aggregate_spec != "__count":
            fname, __, func = parse_read_group_spec(aggregate_spec)
            if func == "avg" and fname in ratios:
                # Checks the field as for any other aggregate.
                super()._read_group_select(f"{fname}:max", query)
                return _ratio_sql(
                    ratios[fname],
                    lambda name: SQL(
                        "SUM(%s)", self._field_to_sql(self._table, name, query)
                    ),
                )
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def _kpi_ratios(self):
        return {}

    # ------------------------------------------------------------
    # Refresh
    # ------------------------------------------------------------

    def action_kpi_refresh(self):
        """The *Refresh* button of the aggregates' lists."""
        return self.env["grc.kpi.monthly.refresh"].action_refresh()

    @api.model
    def _kpi_refresh_rows(self, months=None):
        """Recompute the rows of ``months`` (first days), every month when
        None: delete them and insert them again from the live view."""
        raise NotImplementedError

    @api.model
    def _kpi_delete(self, months):
        table = SQL.identifier(self._table)
        if months is None:
            self.env.cr.execute(SQL("DELETE FROM %s", table))
        else:
            self.env.cr.execute(
                SQL("DELETE FROM %s WHERE month = ANY(%s)", table, list(months))
            )

    @api.model
    def _kpi_insert_header(self):
        """Columns written by every refresh, and their values."""
        return (
            SQL("refreshed_at, create_uid, create_date, write_uid, write_date"),
            SQL(
                "(NOW() AT TIME ZONE 'UTC'), %(uid)s, (NOW() AT TIME ZONE 'UTC'), "
                "%(uid)s, (NOW() AT TIME ZONE 'UTC')",
                uid=self.env.uid,
            ),
        )


class GrcKpiRequestMonthly(models.Model):
    """Request indicators by month of reception: the figures of
    ``grc.kpi.request`` added up per month, service, direction, request
    type, category, channel, status and confidentiality, as of the last
    refresh (``refreshed_at``)."""

    _name = "grc.kpi.request.monthly"
    _inherit = ["grc.kpi.monthly.mixin"]
    _description = "Request indicators per month (aggregate)"
    _order = "month desc, team_id"

    request_type_id = fields.Many2one(
        comodel_name="grc.request.type", string="Request type", readonly=True
    )
    category_id = fields.Many2one(
        comodel_name="helpdesk.ticket.category", string="Category", readonly=True
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel", string="Channel", readonly=True
    )
    grc_state = fields.Selection(
        selection="_selection_grc_state", string="Status", readonly=True
    )
    request_count = fields.Integer(
        string="Requests received", readonly=True, help="Received during the month."
    )
    open_count = fields.Integer(
        string="Still open",
        readonly=True,
        help="Received during the month and still open at the refresh.",
    )
    closed_count = fields.Integer(
        string="Closed to date",
        readonly=True,
        help="Received during the month and resolved or closed at the refresh.",
    )
    cancelled_count = fields.Integer(string="Cancelled requests", readonly=True)
    waiting_count = fields.Integer(
        string="Requests waiting for the citizen", readonly=True
    )
    sla_known_count = fields.Integer(
        string="Deadline outcome known",
        readonly=True,
        help="Requests whose deadline outcome is known (met or missed).",
    )
    sla_met_count = fields.Integer(string="Deadline met", readonly=True)
    response_known_count = fields.Integer(
        string="First-response outcome known", readonly=True
    )
    response_met_count = fields.Integer(string="First response in time", readonly=True)
    delay_count = fields.Integer(
        string="Requests with a delay to resolution", readonly=True
    )
    delay_sum = fields.Float(
        string="Delays to resolution, added (calendar days)", readonly=True
    )
    working_delay_count = fields.Integer(
        string="Requests with a delay in working days", readonly=True
    )
    working_delay_sum = fields.Float(
        string="Delays to resolution, added (working days)", readonly=True
    )
    response_delay_count = fields.Integer(
        string="Requests with a first response", readonly=True
    )
    response_delay_sum = fields.Float(
        string="Delays to first response, added (hours)", readonly=True
    )
    closure_rate = fields.Float(
        string="Closure rate of the period's requests (%)",
        readonly=True,
        aggregator="avg",
        help="Closed to date divided by the requests received, cancelled "
        "ones left out.",
    )
    sla_compliance = fields.Float(
        string="Deadline compliance (%)",
        readonly=True,
        aggregator="avg",
        help="Deadlines met divided by the deadlines whose outcome is known.",
    )
    first_response_compliance = fields.Float(
        string="First response in time (%)", readonly=True, aggregator="avg"
    )
    resolution_delay_days = fields.Float(
        string="Delay to resolution (calendar days)",
        readonly=True,
        aggregator="avg",
        help="Mean over the closed requests, time waiting for the citizen " "left out.",
    )
    resolution_delay_working_days = fields.Float(
        string="Delay to resolution (working days)", readonly=True, aggregator="avg"
    )
    first_response_delay_hours = fields.Float(
        string="Delay to first response (hours)", readonly=True, aggregator="avg"
    )

    _kpi_dimensions = (
        "company_id",
        "month",
        "year",
        "team_id",
        "direction_id",
        "is_confidential",
        "request_type_id",
        "category_id",
        "channel_id",
        "grc_state",
    )

    @api.model
    def _selection_grc_state(self):
        return self._selection_of("helpdesk.ticket.stage", "grc_state")

    def init(self):
        res = super().init()
        cr = self.env.cr
        cr.execute(HISTOGRAM_FUNCTIONS)
        # Not fields: the ORM has no array type; read in SQL (workbook).
        for column in ("delay_histogram", "working_delay_histogram"):
            if not column_exists(cr, self._table, column):
                cr.execute(
                    SQL(
                        "ALTER TABLE %s ADD COLUMN %s integer[]",
                        SQL.identifier(self._table),
                        SQL.identifier(column),
                    )
                )
        return res

    @api.model
    def _kpi_ratios(self):
        return REQUEST_RATIOS

    @api.model
    def _kpi_refresh_rows(self, months=None):
        self._kpi_delete(months)
        condition = SQL("TRUE")
        if months is not None:
            if not months:
                return
            # The timestamp bound lets PostgreSQL use the index of
            # received_date; the month gives the exact rows.
            condition = SQL(
                "r.received_date >= %s AND r.month = ANY(%s)",
                min(months) - timedelta(days=2),
                list(months),
            )
        names, values = self._kpi_insert_header()
        dims = SQL(", ").join(SQL.identifier(name) for name in self._kpi_dimensions)
        ratio_columns = SQL(", ").join(SQL.identifier(name) for name in REQUEST_RATIOS)
        ratio_values = SQL(", ").join(
            _ratio_sql(ratio, lambda name: SQL.identifier("g", name))
            for ratio in REQUEST_RATIOS.values()
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO grc_kpi_request_monthly (
                    %(names)s, %(dims)s,
                    request_count, open_count, closed_count, cancelled_count,
                    waiting_count, sla_known_count, sla_met_count,
                    response_known_count, response_met_count,
                    delay_count, delay_sum, working_delay_count, working_delay_sum,
                    response_delay_count, response_delay_sum,
                    delay_histogram, working_delay_histogram, %(ratio_columns)s
                )
                SELECT %(values)s, g.*, %(ratio_values)s
                FROM (
                    SELECT %(r_dims)s,
                        COUNT(*) AS request_count,
                        SUM(r.open_count) AS open_count,
                        SUM(r.closed_count) AS closed_count,
                        SUM(r.cancelled_count) AS cancelled_count,
                        SUM(r.waiting_count) AS waiting_count,
                        COUNT(r.sla_met) AS sla_known_count,
                        COUNT(*) FILTER (WHERE r.sla_met) AS sla_met_count,
                        COUNT(r.first_response_sla_met) AS response_known_count,
                        COUNT(*) FILTER (WHERE r.first_response_sla_met)
                            AS response_met_count,
                        COUNT(r.resolution_delay_days) AS delay_count,
                        COALESCE(SUM(r.resolution_delay_days), 0) AS delay_sum,
                        COUNT(r.resolution_delay_working_days)
                            AS working_delay_count,
                        COALESCE(SUM(r.resolution_delay_working_days), 0)
                            AS working_delay_sum,
                        COUNT(r.first_response_delay_hours) AS response_delay_count,
                        COALESCE(SUM(r.first_response_delay_hours), 0)
                            AS response_delay_sum,
                        grc_kpi_histogram(r.resolution_delay_days::float8)
                            AS delay_histogram,
                        grc_kpi_histogram(r.resolution_delay_working_days::float8)
                            AS working_delay_histogram
                    FROM (%(live)s) r
                    WHERE %(condition)s
                    GROUP BY %(r_dims)s
                ) g
                """,
                names=names,
                values=values,
                dims=dims,
                r_dims=SQL(", ").join(
                    SQL.identifier("r", name) for name in self._kpi_dimensions
                ),
                ratio_columns=ratio_columns,
                ratio_values=ratio_values,
                live=self.env["grc.kpi.request"]._kpi_query(),
                condition=condition,
            )
        )

    @api.model
    def _action_my_service(self):
        """A manager's dashboard: the figures of the services they lead or
        belong to, and of the services below them."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_pilotage.grc_kpi_request_monthly_action_all_services"
        )
        services = self.env["res.users"]._grc_home_services()
        action["name"] = self.env._("My service")
        action["domain"] = [("team_id", "child_of", services.ids)]
        context = safe_eval(action.get("context") or "{}")
        context["pivot_row_groupby"] = ["team_id"]
        action["context"] = context
        return action

    @api.model
    def _kpi_changed_months(self, since):
        """Months of reception of the requests whose figures may have
        changed since ``since``: written since, or whose deadline passed
        since (an open request turns late without being written)."""
        cr = self.env.cr
        conditions = [SQL("t.write_date >= %s", since)]
        for column in ("grc_sla_deadline", "sla_first_response_deadline"):
            if column_exists(cr, "helpdesk_ticket", column):
                conditions.append(
                    SQL(
                        "(%(c)s >= %(since)s AND %(c)s < (NOW() AT TIME ZONE 'UTC'))",
                        c=SQL.identifier("t", column),
                        since=since,
                    )
                )
        Request = self.env["grc.kpi.request"]
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT date_trunc('month', %(local)s)::date
                FROM helpdesk_ticket t
                %(calendar_join)s
                WHERE t.received_date IS NOT NULL AND (%(conditions)s)
                """,
                local=Request._kpi_local(SQL("t.received_date")),
                calendar_join=Request._kpi_company_calendar_join(SQL("t.company_id")),
                conditions=SQL(" OR ").join(conditions),
            )
        )
        return {row[0] for row in rows}


class GrcKpiRequestFlowMonthly(models.Model):
    """The monthly flow of requests (``grc.kpi.request.flow``) added up per
    month, service, direction, request type, category, channel and
    confidentiality, as of the last refresh."""

    _name = "grc.kpi.request.flow.monthly"
    _inherit = ["grc.kpi.monthly.mixin"]
    _description = "Monthly flow of requests (aggregate)"
    _order = "month desc, team_id"

    request_type_id = fields.Many2one(
        comodel_name="grc.request.type", string="Request type", readonly=True
    )
    category_id = fields.Many2one(
        comodel_name="helpdesk.ticket.category", string="Category", readonly=True
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel", string="Channel", readonly=True
    )
    received_count = fields.Integer(
        string="Received", readonly=True, help="Requests received during the month."
    )
    closed_count = fields.Integer(
        string="Closed during the month",
        readonly=True,
        help="Requests resolved or closed during the month, whenever they "
        "were received (the month's output).",
    )
    cancelled_count = fields.Integer(string="Cancelled during the month", readonly=True)
    reopened_count = fields.Integer(string="Reopenings", readonly=True)
    backlog_count = fields.Integer(
        string="Open at month end",
        readonly=True,
        help="The backlog at the end of the month: a stock, read month by "
        "month, never added up over months.",
    )
    backlog_waiting_count = fields.Integer(
        string="Waiting for the citizen at month end", readonly=True
    )

    _kpi_dimensions = (
        "company_id",
        "month",
        "year",
        "team_id",
        "direction_id",
        "is_confidential",
        "request_type_id",
        "category_id",
        "channel_id",
    )
    _kpi_measures = (
        "received_count",
        "closed_count",
        "cancelled_count",
        "reopened_count",
        "backlog_count",
        "backlog_waiting_count",
    )

    @api.model
    def _kpi_refresh_rows(self, months=None):
        self._kpi_delete(months)
        if months is not None and not months:
            return
        Flow = self.env["grc.kpi.request.flow"]
        condition, base_condition = SQL("TRUE"), None
        if months is not None:
            since = min(months)
            condition = SQL("f.month = ANY(%s)", list(months))
            # Only the requests with something counted from that month on:
            # received since, still open, or whose stage moved since.
            since_utc = SQL(
                "(%s::timestamp AT TIME ZONE COALESCE(kpi_cal.tz, 'UTC') "
                "AT TIME ZONE 'UTC')",
                since,
            )
            base_condition = SQL(
                "(t.received_date >= %(s)s "
                "OR NOT COALESCE(stage.grc_state IN ('resolved', 'closed', "
                "'cancelled') OR (stage.grc_state IS NULL AND stage.closed), FALSE) "
                "OR GREATEST(t.last_stage_update, t.resolution_date, "
                "t.closure_date, t.closed_date) >= %(s)s)",
                s=since_utc,
            )
        names, values = self._kpi_insert_header()
        dims = SQL(", ").join(SQL.identifier(name) for name in self._kpi_dimensions)
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO grc_kpi_request_flow_monthly (
                    %(names)s, %(dims)s, %(measures)s
                )
                SELECT %(values)s, %(f_dims)s, %(sums)s
                FROM (%(live)s) f
                WHERE %(condition)s
                GROUP BY %(f_dims)s
                """,
                names=names,
                values=values,
                dims=dims,
                measures=SQL(", ").join(
                    SQL.identifier(name) for name in self._kpi_measures
                ),
                f_dims=SQL(", ").join(
                    SQL.identifier("f", name) for name in self._kpi_dimensions
                ),
                sums=SQL(", ").join(
                    SQL("SUM(%s)", SQL.identifier("f", name))
                    for name in self._kpi_measures
                ),
                live=Flow._kpi_query(base_condition=base_condition),
                condition=condition,
            )
        )


class GrcKpiMonthlyRefresh(models.AbstractModel):
    """Refresh of the monthly aggregates: by the crons and the *Refresh*
    button of the managers."""

    _name = "grc.kpi.monthly.refresh"
    _description = "Refresh of the monthly indicators"

    _aggregates = ("grc.kpi.request.monthly", "grc.kpi.request.flow.monthly")

    @api.model
    def _refresh(self, full=False):
        """Recompute the aggregates in this transaction: every month when
        ``full``, else the recent months and those whose requests changed
        since the last refresh. Return False when another refresh runs."""
        cr = self.env.cr
        # One refresh at a time: the second one has nothing to add.
        cr.execute("SELECT pg_try_advisory_xact_lock(hashtext('grc_kpi_monthly'))")
        if not cr.fetchone()[0]:
            return False
        self.env.flush_all()
        params = self.env["ir.config_parameter"].sudo()  # sudo: system parameters
        cr.execute("SELECT NOW() AT TIME ZONE 'UTC'")
        began = cr.fetchone()[0]
        last = fields.Datetime.to_datetime(params.get_param(PARAM_FULL) or False)
        if not last:
            full = True
        request_months = flow_months = None
        if not full:
            recent = int(params.get_param(PARAM_RECENT_MONTHS) or 2)
            since = fields.Datetime.to_datetime(params.get_param(PARAM_REFRESHED))
            today = fields.Date.context_today(self)
            first = today.replace(day=1) - relativedelta(months=max(recent, 1) - 1)
            # The months from `first` to this one.
            flow_months = set()
            month = first
            while month <= today:
                flow_months.add(month)
                month += relativedelta(months=1)
            request_months = flow_months | self.env[
                "grc.kpi.request.monthly"
            ]._kpi_changed_months(since or last)
        self.env["grc.kpi.request.monthly"]._kpi_refresh_rows(request_months)
        self.env["grc.kpi.request.flow.monthly"]._kpi_refresh_rows(flow_months)
        stamp = fields.Datetime.to_string(began)
        params.set_param(PARAM_REFRESHED, stamp)
        if full:
            params.set_param(PARAM_FULL, stamp)
        for name in self._aggregates:
            self.env[name].invalidate_model()
        _logger.info(
            "Monthly indicators refreshed (%s) in %.1f s",
            "every month" if full else f"{len(request_months)} months",
            (fields.Datetime.now() - began).total_seconds(),
        )
        return True

    @api.model
    def _cron_refresh(self, full=False):
        if not self._refresh(full=full):
            _logger.info("Monthly indicators: a refresh is already running")

    @api.model
    def _last_refresh(self):
        """When the aggregates were last computed (UTC), or None."""
        params = self.env["ir.config_parameter"].sudo()  # sudo: system parameters
        return fields.Datetime.to_datetime(params.get_param(PARAM_REFRESHED) or False)

    @api.model
    def action_refresh(self):
        """The *Refresh* button: every month, now, for service managers."""
        if not self.env.user.has_group("grc_citoyen.group_grc_manager"):
            raise AccessError(
                self.env._("Only service managers may refresh the indicators.")
            )
        # sudo: the refresh rewrites every row, whatever services the manager
        # reads; what each user then reads stays under the record rules.
        if not self.sudo()._refresh(full=True):
            raise UserError(
                self.env._(
                    "The indicators are being refreshed already: try again "
                    "in a few minutes."
                )
            )
        return {"type": "ir.actions.client", "tag": "soft_reload"}
