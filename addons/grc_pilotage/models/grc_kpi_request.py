# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools import SQL

from .grc_kpi_mixin import WORKING_DAYS_DEPENDS

AGE_BUCKETS = [
    ("0_7", "Up to 7 days"),
    ("8_30", "8 to 30 days"),
    ("31_90", "31 to 90 days"),
    ("91_plus", "More than 90 days"),
]
SLA_STATUSES = [
    ("on_track", "On track"),
    ("at_risk", "At risk"),
    ("breached", "Breached"),
]


class GrcKpiRequest(models.Model):
    """One row per request with what managers steer on: volumes, delays,
    deadlines met, channels. No personal data: no citizen, no subject.

    A request is *closed* when it is resolved or closed (its resolution delay
    counts), *cancelled* when it was dropped (neither closed nor open), *open*
    otherwise. Rows are dated by reception: "closed to date" counts the
    requests received in a period that are closed today, a figure that keeps
    moving afterwards. The month's output (requests closed *during* a month)
    and the backlog at each month end are in ``grc.kpi.request.flow``.

    Time spent waiting for the citizen is treated as the deadlines treat it:
    it is taken out of the delays, and a request waiting for the citizen is
    not late (its clock is stopped).
    """

    _name = "grc.kpi.request"
    _inherit = ["grc.kpi.mixin"]
    _description = "Request indicators"
    _auto = False
    _order = "received_date desc"
    # What the view reads: the ORM flushes it before searching the view.
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
            "user_id",
            "priority",
            "stage_id",
            "grc_state",
            "first_response_date",
            "resolution_date",
            "closure_date",
            "closed_date",
            "grc_done_date",
            "grc_sla_deadline",
            "sla_first_response_deadline",
            "sla_status",
            "sla_paused_hours",
            "sla_pause_start",
        ],
        "helpdesk.ticket.stage": ["closed"],
        "helpdesk.ticket.team": ["is_direction", "parent_id", "resource_calendar_id"],
        "grc.request.type": ["category_id"],
        **WORKING_DAYS_DEPENDS,
    }

    received_date = fields.Datetime(string="Received on", readonly=True)
    received_day = fields.Date(
        string="Day received", readonly=True, help="In local time."
    )
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
    user_id = fields.Many2one(comodel_name="res.users", string="Agent", readonly=True)
    priority = fields.Selection(selection="_selection_priority", readonly=True)
    grc_state = fields.Selection(
        selection="_selection_grc_state", string="Status", readonly=True
    )
    is_open = fields.Boolean(
        string="Open",
        readonly=True,
        help="Neither closed nor cancelled today (waiting for the citizen included).",
    )
    is_closed = fields.Boolean(
        string="Closed",
        readonly=True,
        help="Resolved or closed today, whenever that happened.",
    )
    is_cancelled = fields.Boolean(
        string="Cancelled",
        readonly=True,
        help="Dropped: received, but neither closed nor open.",
    )
    is_waiting = fields.Boolean(
        string="Waiting for the citizen",
        readonly=True,
        help="Open and waiting for the citizen today: its deadline clock is stopped.",
    )
    open_count = fields.Integer(
        string="Still open",
        readonly=True,
        help="Requests received in the period that are still open today.",
    )
    closed_count = fields.Integer(
        string="Closed to date",
        readonly=True,
        help="Requests received in the period that are resolved or closed today, "
        "whenever they were closed: the figure grows as the period's requests "
        "are closed. The requests closed during a period are in the monthly flow.",
    )
    cancelled_count = fields.Integer(
        string="Cancelled requests",
        readonly=True,
        help="Requests received in the period that were cancelled.",
    )
    waiting_count = fields.Integer(
        string="Requests waiting for the citizen",
        readonly=True,
        help="Requests received in the period waiting for the citizen today.",
    )
    closure_rate = fields.Float(
        string="Closure rate of the period's requests (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the requests received in the period, cancelled ones "
        "left out, that are resolved or closed today.",
    )
    closed_month = fields.Date(
        string="Month closed",
        readonly=True,
        help="First day of the month the request was resolved or closed, in "
        "the time zone of the authority.",
    )
    resolution_date = fields.Datetime(
        string="Resolved on",
        readonly=True,
        help="When the request was resolved (or closed without a resolution date).",
    )
    resolution_delay_days = fields.Float(
        string="Delay to resolution (calendar days)",
        readonly=True,
        aggregator="avg",
        help="Calendar days from reception to resolution, less the time spent "
        "waiting for the citizen (the working days its deadline was moved "
        "by); closed requests only.",
    )
    resolution_delay_working_days = fields.Float(
        string="Delay to resolution (working days)",
        readonly=True,
        aggregator="avg",
        help="Working days of the service's calendar after the day of "
        "reception up to the day of resolution, public holidays left out, "
        "less the working days spent waiting for the citizen; closed "
        "requests only. The delays shown to citizens are measured the same way.",
    )
    waiting_days = fields.Float(
        string="Waiting for the citizen (working days)",
        readonly=True,
        aggregator="avg",
        help="Working time spent waiting for the citizen (the time the "
        "deadline was moved by), in days of the service's calendar; a wait "
        "still running counts once it is over.",
    )
    first_response_delay_hours = fields.Float(
        string="Delay to first response (hours)",
        readonly=True,
        aggregator="avg",
        help="Calendar hours from reception to the first answer sent.",
    )
    age_days = fields.Float(
        string="Age (days)",
        readonly=True,
        aggregator="avg",
        help="Days since reception, open requests only.",
    )
    age_bucket = fields.Selection(selection=AGE_BUCKETS, string="Age", readonly=True)
    grc_sla_deadline = fields.Datetime(string="Deadline", readonly=True)
    sla_status = fields.Selection(
        selection=SLA_STATUSES, string="Deadline status", readonly=True
    )
    sla_met = fields.Boolean(
        string="Deadline met",
        readonly=True,
        help="Set once known: resolved (or closed) by its deadline, which the "
        "time waiting for the citizen moves; missed when resolved later or "
        "still open past it. Empty while the deadline is ahead, while the "
        "request waits for the citizen (its clock is stopped) and for "
        "cancelled requests.",
    )
    sla_compliance = fields.Float(
        string="Deadline compliance (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the requests received in the period whose outcome is "
        "known that met their deadline (see Deadline met).",
    )
    sla_missed = fields.Boolean(
        string="Deadline missed",
        readonly=True,
        help="Resolved after the deadline, or still open past it and not "
        "waiting for the citizen.",
    )
    first_response_sla_met = fields.Boolean(
        string="First response in time", readonly=True
    )
    first_response_compliance = fields.Float(
        string="First response in time (%)",
        readonly=True,
        aggregator="avg",
        help="Share of requests whose first-response outcome is known that were "
        "answered before the first-response deadline.",
    )

    # A selection given by a method is shown as returned: the labels are
    # taken translated in the reader's language.
    @api.model
    def _selection_priority(self):
        Ticket = self.env["helpdesk.ticket"]
        return Ticket._fields["priority"]._description_selection(self.env)

    @api.model
    def _selection_grc_state(self):
        Stage = self.env["helpdesk.ticket.stage"]
        return Stage._fields["grc_state"]._description_selection(self.env)

    def _kpi_query(self):
        # The working days are read from two joins on the key of
        # grc_kpi_working_day: PostgreSQL drops them when a query does not
        # read the column.
        return SQL(
            """
            SELECT
                %(key_columns)s,
                %(service_columns)s,
                COALESCE(t.is_confidential, FALSE) AS is_confidential,
                %(dimensions)s,
                t.user_id AS user_id,
                t.priority AS priority,
                t.grc_state AS grc_state,
                o.is_open AS is_open,
                c.is_closed AS is_closed,
                c.is_cancelled AS is_cancelled,
                o.is_waiting AS is_waiting,
                o.is_open::integer AS open_count,
                c.is_closed::integer AS closed_count,
                c.is_cancelled::integer AS cancelled_count,
                o.is_waiting::integer AS waiting_count,
                CASE WHEN c.is_closed THEN 100.0
                    WHEN NOT c.is_cancelled THEN 0.0 END AS closure_rate,
                date_trunc('month', %(done_local)s)::date AS closed_month,
                o.done_date AS resolution_date,
                -- GREATEST skips NULLs: open requests are left out first
                CASE WHEN o.done_date IS NOT NULL THEN GREATEST(
                    EXTRACT(EPOCH FROM o.done_date - t.received_date) / 86400.0
                        - w.waited_days,
                    0.0
                ) END AS resolution_delay_days,
                CASE WHEN o.done_date IS NOT NULL THEN GREATEST(
                    %(working_days)s - w.waited_days, 0.0
                ) END AS resolution_delay_working_days,
                w.waited_days AS waiting_days,
                EXTRACT(EPOCH FROM t.first_response_date - t.received_date) / 3600.0
                    AS first_response_delay_hours,
                m.age_days AS age_days,
                CASE
                    WHEN m.age_days IS NULL THEN NULL
                    WHEN m.age_days <= 7 THEN '0_7'
                    WHEN m.age_days <= 30 THEN '8_30'
                    WHEN m.age_days <= 90 THEN '31_90'
                    ELSE '91_plus'
                END AS age_bucket,
                c.deadline AS grc_sla_deadline,
                %(sla_status)s AS sla_status,
                m.sla_met AS sla_met,
                NOT m.sla_met AS sla_missed,
                %(sla_compliance)s AS sla_compliance,
                m.response_met AS first_response_sla_met,
                %(response_compliance)s AS first_response_compliance
            FROM helpdesk_ticket t
            LEFT JOIN helpdesk_ticket_stage stage ON stage.id = t.stage_id
            LEFT JOIN helpdesk_ticket_team team ON team.id = t.team_id
            LEFT JOIN grc_request_type rt ON rt.id = t.request_type_id
            %(calendar_join)s
            LEFT JOIN resource_calendar wcal ON wcal.id = COALESCE(
                team.resource_calendar_id, kpi_company.resource_calendar_id
            )
            %(working_day_joins)s
            CROSS JOIN LATERAL (
                SELECT
                    (NOW() AT TIME ZONE 'UTC') AS now_utc,
                    %(deadline)s AS deadline,
                    %(response_deadline)s AS response_deadline,
                    CASE
                        WHEN t.grc_state IS NULL THEN COALESCE(stage.closed, FALSE)
                        ELSE t.grc_state IN ('resolved', 'closed')
                    END AS is_closed,
                    COALESCE(t.grc_state = 'cancelled', FALSE) AS is_cancelled
            ) c
            CROSS JOIN LATERAL (
                SELECT
                    NOT c.is_closed AND NOT c.is_cancelled AS is_open,
                    NOT c.is_closed AND NOT c.is_cancelled
                        AND (t.grc_state = 'waiting' OR t.sla_pause_start IS NOT NULL)
                        AS is_waiting,
                    -- stored: see helpdesk_ticket.py (indexed for the digest)
                    t.grc_done_date AS done_date
            ) o
            CROSS JOIN LATERAL (
                SELECT
                    -- waits over, in days of the calendar (as moved deadlines)
                    COALESCE(t.sla_paused_hours, 0.0)
                        / COALESCE(NULLIF(wcal.hours_per_day, 0), 8.0) AS waited_days
            ) w
            CROSS JOIN LATERAL (
                SELECT
                    CASE WHEN o.is_open THEN
                        EXTRACT(EPOCH FROM c.now_utc - t.received_date) / 86400.0
                    END AS age_days,
                    CASE
                        WHEN c.deadline IS NULL THEN NULL
                        WHEN o.done_date IS NOT NULL THEN o.done_date <= c.deadline
                        WHEN o.is_waiting THEN NULL
                        WHEN o.is_open AND c.deadline < c.now_utc THEN FALSE
                    END AS sla_met,
                    CASE
                        WHEN c.response_deadline IS NULL THEN NULL
                        WHEN t.first_response_date IS NOT NULL
                            THEN t.first_response_date <= c.response_deadline
                        WHEN c.is_cancelled OR o.is_waiting THEN NULL
                        WHEN c.response_deadline < c.now_utc THEN FALSE
                    END AS response_met
            ) m
            WHERE t.active IS TRUE
            """,
            key_columns=self._kpi_key_columns("t", "received_date", "received_day"),
            service_columns=self._kpi_service_columns(SQL("t.team_id")),
            dimensions=self._kpi_request_dimensions("t", "rt"),
            sla_compliance=self._kpi_rate(SQL("m.sla_met")),
            response_compliance=self._kpi_rate(SQL("m.response_met")),
            calendar_join=self._kpi_company_calendar_join(SQL("t.company_id")),
            done_local=self._kpi_local(SQL("o.done_date")),
            working_days=self._kpi_working_days(),
            working_day_joins=self._kpi_working_day_joins(
                SQL("t.received_date"), SQL("t.grc_done_date")
            ),
            sla_status=self._kpi_column(
                "t", "helpdesk_ticket", "sla_status", "varchar"
            ),
            deadline=self._kpi_column(
                "t", "helpdesk_ticket", "grc_sla_deadline", "timestamp"
            ),
            response_deadline=self._kpi_column(
                "t", "helpdesk_ticket", "sla_first_response_deadline", "timestamp"
            ),
        )
