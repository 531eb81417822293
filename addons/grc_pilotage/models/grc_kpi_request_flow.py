# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.tools import SQL

# Row codes: a row's id is the request's id times ID_FACTOR plus its kind's
# code plus its month's offset from the month of reception (at most 1,999).
ID_FACTOR = 10000
KIND_CODES = {
    "received": 0,
    "closed": 2000,
    "cancelled": 4000,
    "reopened": 6000,
    "backlog": 8000,
}


class GrcKpiRequestFlow(models.Model):
    """The monthly flow of requests, from what the requests record: what came
    in, what went out and what was left at each month end.

    One row per request and month in which something is counted for it:

    - *received*: the month of reception;
    - *closed during the month*: the month it was resolved or closed (its
      latest closure when it was reopened): the month's output;
    - *cancelled during the month*;
    - *reopened during the month*: every move of a resolved or closed request
      back to work, from the history of its stages;
    - *open at month end* (the backlog): each month end, in the time zone of
      the authority, at which the request was received and neither closed
      nor cancelled. Its status at that moment is read from the history of
      its stages (tracked on every change); a request without history (an
      import) is taken as open from its reception to its closure or
      cancellation date. Waiting for the citizen is counted apart.

    The backlog is a stock: add it up by month, never over several months.
    """

    _name = "grc.kpi.request.flow"
    _inherit = ["grc.kpi.mixin"]
    _description = "Monthly flow of requests"
    _auto = False
    _order = "month desc"
    _depends = {
        "helpdesk.ticket": [
            "active",
            "company_id",
            "received_date",
            "team_id",
            "is_confidential",
            "request_type_id",
            "category_id",
            "channel_id",
            "stage_id",
            "grc_state",
            "resolution_date",
            "closure_date",
            "closed_date",
            "last_stage_update",
            "sla_pause_start",
        ],
        "helpdesk.ticket.stage": ["closed", "grc_state"],
        "helpdesk.ticket.team": ["is_direction", "parent_id"],
        "grc.request.type": ["category_id"],
        "res.company": ["resource_calendar_id"],
        "resource.calendar": ["tz"],
    }

    request_type_id = fields.Many2one(
        comodel_name="grc.request.type", string="Request type", readonly=True
    )
    category_id = fields.Many2one(
        comodel_name="helpdesk.ticket.category",
        string="Category",
        readonly=True,
        help="Category of the request, or else of its type.",
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
        help="Requests resolved or closed during the month, whenever they were "
        "received (the month's output); a request reopened then closed again "
        "counts in the month of its latest closure.",
    )
    cancelled_count = fields.Integer(
        string="Cancelled during the month",
        readonly=True,
        help="Requests cancelled during the month: received, but neither "
        "closed nor open.",
    )
    reopened_count = fields.Integer(
        string="Reopenings",
        readonly=True,
        help="Moves of a resolved or closed request back to work during the "
        "month, from the history of its stages.",
    )
    backlog_count = fields.Integer(
        string="Open at month end",
        readonly=True,
        help="Requests neither closed nor cancelled on the last day of the "
        "month at midnight (local time), waiting for the citizen included: "
        "the backlog. A stock: read it month by month, never summed over "
        "several months.",
    )
    backlog_waiting_count = fields.Integer(
        string="Waiting for the citizen at month end",
        readonly=True,
        help="Part of the backlog waiting for the citizen at month end.",
    )

    def _kpi_kind(self, stage_alias):
        """Kind of a stage: done (resolved or closed), cancelled, waiting or
        open; a stage without request status is done when it is closed."""
        return SQL(
            """CASE
                WHEN %(s)s.id IS NULL THEN NULL
                WHEN %(s)s.grc_state IN ('resolved', 'closed') THEN 'done'
                WHEN %(s)s.grc_state IS NULL AND %(s)s.closed THEN 'done'
                WHEN %(s)s.grc_state = 'cancelled' THEN 'cancelled'
                WHEN %(s)s.grc_state = 'waiting' THEN 'waiting'
                ELSE 'open'
            END""",
            s=SQL.identifier(stage_alias),
        )

    def _kpi_stage_history(self, ticket, columns, condition, order):
        """SELECT over the stage moves of request ``ticket`` (tracked values
        of its stage), with ``hs_old`` / ``hs_new`` the stages before and
        after and ``msg.date`` the moment of the move."""
        field = self.env["ir.model.fields"]._get("helpdesk.ticket", "stage_id")
        return SQL(
            """
            SELECT %(columns)s
            FROM mail_message msg
            JOIN mail_tracking_value tv
                ON tv.mail_message_id = msg.id AND tv.field_id = %(field)s
            LEFT JOIN helpdesk_ticket_stage hs_old ON hs_old.id = tv.old_value_integer
            LEFT JOIN helpdesk_ticket_stage hs_new ON hs_new.id = tv.new_value_integer
            WHERE msg.model = 'helpdesk.ticket' AND msg.res_id = %(ticket)s
                AND %(condition)s
            %(order)s
            """,
            columns=columns,
            field=field.id,
            ticket=ticket,
            condition=condition,
            order=order,
        )

    def _kpi_query(self, base_condition=None):
        """``base_condition``: an SQL condition on the request (``t``, its
        ``stage``, ``kpi_cal``) keeping only those that matter (the monthly
        aggregates' refresh of recent months)."""
        kind_old, kind_new = self._kpi_kind("hs_old"), self._kpi_kind("hs_new")
        history = self._kpi_stage_history
        month_end = SQL(
            "((b.received_month + (k.k + 1) * INTERVAL '1 month') "
            "AT TIME ZONE b.tz AT TIME ZONE 'UTC')"
        )
        return SQL(
            """
            WITH base AS (
                SELECT
                    t.id,
                    t.company_id,
                    t.received_date,
                    t.team_id,
                    CASE WHEN team.is_direction THEN team.id ELSE team.parent_id END
                        AS direction_id,
                    COALESCE(t.is_confidential, FALSE) AS is_confidential,
                    %(dimensions)s,
                    t.sla_pause_start,
                    COALESCE(kpi_cal.tz, 'UTC') AS tz,
                    date_trunc('month', %(received_local)s) AS received_month,
                    %(kind_now)s AS kind_now,
                    d.end_date,
                    (NOW() AT TIME ZONE 'UTC') AS now_utc
                FROM helpdesk_ticket t
                LEFT JOIN helpdesk_ticket_stage stage ON stage.id = t.stage_id
                LEFT JOIN helpdesk_ticket_team team ON team.id = t.team_id
                LEFT JOIN grc_request_type rt ON rt.id = t.request_type_id
                %(calendar_join)s
                CROSS JOIN LATERAL (
                    SELECT CASE %(kind_now)s
                        WHEN 'done' THEN COALESCE(
                            t.resolution_date, t.closure_date, t.closed_date,
                            t.last_stage_update
                        )
                        WHEN 'cancelled' THEN COALESCE(
                            (%(cancel_date)s), t.last_stage_update
                        )
                    END AS end_date
                ) d
                WHERE t.active IS TRUE AND t.received_date IS NOT NULL
                    AND %(base_condition)s
            )
            SELECT
                b.id::bigint * %(factor)s + e.code
                    + (EXTRACT(YEAR FROM e.month) * 12 + EXTRACT(MONTH FROM e.month)
                    - EXTRACT(YEAR FROM b.received_month) * 12
                    - EXTRACT(MONTH FROM b.received_month))::integer AS id,
                b.company_id,
                e.month::date AS month,
                EXTRACT(YEAR FROM e.month)::integer AS year,
                b.team_id,
                b.direction_id,
                b.is_confidential,
                b.request_type_id,
                b.category_id,
                b.channel_id,
                e.received_count,
                e.closed_count,
                e.cancelled_count,
                e.reopened_count,
                e.backlog_count,
                e.backlog_waiting_count
            FROM base b
            CROSS JOIN LATERAL (
                -- the last month whose end may find the request open
                SELECT date_trunc(
                    'month',
                    CASE WHEN b.kind_now IN ('done', 'cancelled')
                        THEN GREATEST(b.end_date, (%(last_move)s), b.received_date)
                        ELSE b.now_utc
                    END AT TIME ZONE 'UTC' AT TIME ZONE b.tz
                ) AS last_month
            ) l
            CROSS JOIN LATERAL (
                SELECT %(received)s AS code, b.received_month AS month,
                    1 AS received_count, 0 AS closed_count, 0 AS cancelled_count,
                    0 AS reopened_count, 0 AS backlog_count,
                    0 AS backlog_waiting_count
                UNION ALL
                SELECT %(closed)s, date_trunc('month', %(end_local)s), 0, 1, 0, 0, 0, 0
                WHERE b.kind_now = 'done' AND b.end_date IS NOT NULL
                UNION ALL
                SELECT %(cancelled)s, date_trunc('month', %(end_local)s),
                    0, 0, 1, 0, 0, 0
                WHERE b.kind_now = 'cancelled' AND b.end_date IS NOT NULL
                UNION ALL
                SELECT %(reopened)s, r.month, 0, 0, 0, r.reopened, 0, 0
                FROM (%(reopenings)s) r
                UNION ALL
                SELECT %(backlog)s, b.received_month + k.k * INTERVAL '1 month',
                    0, 0, 0, 0, 1, (s.kind = 'waiting')::integer
                FROM generate_series(
                    0,
                    (
                        EXTRACT(YEAR FROM l.last_month) * 12
                        + EXTRACT(MONTH FROM l.last_month)
                        - EXTRACT(YEAR FROM b.received_month) * 12
                        - EXTRACT(MONTH FROM b.received_month)
                    )::integer
                ) AS k(k)
                CROSS JOIN LATERAL (
                    SELECT COALESCE(
                        (%(state_before)s),
                        (%(state_after)s),
                        CASE
                            WHEN b.kind_now = 'waiting'
                                AND b.sla_pause_start <= %(month_end)s THEN 'waiting'
                            WHEN b.kind_now IN ('open', 'waiting')
                                OR b.end_date >= %(month_end)s THEN 'open'
                            ELSE b.kind_now
                        END
                    ) AS kind
                ) s
                WHERE %(month_end)s <= b.now_utc AND s.kind IN ('open', 'waiting')
            ) e
            """,
            received_local=self._kpi_local(SQL("t.received_date")),
            base_condition=base_condition or SQL("TRUE"),
            dimensions=self._kpi_request_dimensions("t", "rt"),
            kind_now=SQL("COALESCE(%s, 'open')", self._kpi_kind("stage")),
            calendar_join=self._kpi_company_calendar_join(SQL("t.company_id")),
            cancel_date=history(
                SQL("t.id"),
                SQL("max(msg.date)"),
                SQL("hs_new.grc_state = 'cancelled'"),
                SQL(),
            ),
            end_local=SQL("(b.end_date AT TIME ZONE 'UTC' AT TIME ZONE b.tz)"),
            reopenings=history(
                SQL("b.id"),
                SQL(
                    "date_trunc('month', msg.date AT TIME ZONE 'UTC' "
                    "AT TIME ZONE b.tz) AS month, COUNT(*) AS reopened"
                ),
                SQL("%s = 'done' AND %s IN ('open', 'waiting')", kind_old, kind_new),
                SQL("GROUP BY 1"),
            ),
            state_before=history(
                SQL("b.id"),
                kind_new,
                SQL("msg.date < %s", month_end),
                SQL("ORDER BY msg.date DESC, tv.id DESC LIMIT 1"),
            ),
            state_after=history(
                SQL("b.id"),
                kind_old,
                SQL("msg.date >= %s", month_end),
                SQL("ORDER BY msg.date, tv.id LIMIT 1"),
            ),
            last_move=history(SQL("b.id"), SQL("max(msg.date)"), SQL("TRUE"), SQL()),
            month_end=month_end,
            factor=ID_FACTOR,
            **KIND_CODES,
        )
