# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools import SQL

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
    counts), *open* while it is neither closed nor cancelled.
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
            "grc_sla_deadline",
            "sla_first_response_deadline",
            "sla_status",
        ],
        "helpdesk.ticket.stage": ["closed"],
        "helpdesk.ticket.team": ["is_direction", "parent_id"],
        "grc.request.type": ["category_id"],
        "res.company": ["resource_calendar_id"],
        "resource.calendar": ["tz"],
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
    is_open = fields.Boolean(string="Open", readonly=True)
    is_closed = fields.Boolean(string="Closed", readonly=True)
    open_count = fields.Integer(string="Open requests", readonly=True)
    closed_count = fields.Integer(string="Closed requests", readonly=True)
    resolution_date = fields.Datetime(
        string="Resolved on",
        readonly=True,
        help="When the request was resolved (or closed without a resolution date).",
    )
    resolution_delay_days = fields.Float(
        string="Delay to resolution (days)",
        readonly=True,
        aggregator="avg",
        help="Calendar days from reception to resolution, closed requests only.",
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
        help="Set once known: resolved before the deadline, or the deadline "
        "passed (resolved late or still open). Empty otherwise.",
    )
    sla_compliance = fields.Float(
        string="Deadline compliance (%)",
        readonly=True,
        aggregator="avg",
        help="Share of requests whose outcome is known that met their deadline.",
    )
    sla_missed = fields.Boolean(
        string="Deadline missed",
        readonly=True,
        help="Resolved after the deadline, or still open past it.",
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
        return SQL(
            """
            SELECT
                %(key_columns)s,
                %(service_columns)s,
                COALESCE(t.is_confidential, FALSE) AS is_confidential,
                t.request_type_id AS request_type_id,
                COALESCE(t.category_id, rt.category_id) AS category_id,
                t.channel_id AS channel_id,
                t.user_id AS user_id,
                t.priority AS priority,
                t.grc_state AS grc_state,
                o.is_open AS is_open,
                c.is_closed AS is_closed,
                o.is_open::integer AS open_count,
                c.is_closed::integer AS closed_count,
                o.done_date AS resolution_date,
                EXTRACT(EPOCH FROM o.done_date - t.received_date) / 86400.0
                    AS resolution_delay_days,
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
                CASE WHEN m.sla_met THEN 100.0 WHEN NOT m.sla_met THEN 0.0 END
                    AS sla_compliance,
                m.response_met AS first_response_sla_met,
                CASE WHEN m.response_met THEN 100.0 WHEN NOT m.response_met THEN 0.0 END
                    AS first_response_compliance
            FROM helpdesk_ticket t
            LEFT JOIN helpdesk_ticket_stage stage ON stage.id = t.stage_id
            LEFT JOIN helpdesk_ticket_team team ON team.id = t.team_id
            LEFT JOIN grc_request_type rt ON rt.id = t.request_type_id
            %(calendar_join)s
            CROSS JOIN LATERAL (
                SELECT
                    (NOW() AT TIME ZONE 'UTC') AS now_utc,
                    %(deadline)s AS deadline,
                    %(response_deadline)s AS response_deadline,
                    CASE
                        WHEN t.grc_state IS NULL THEN COALESCE(stage.closed, FALSE)
                        ELSE t.grc_state IN ('resolved', 'closed')
                    END AS is_closed
            ) c
            CROSS JOIN LATERAL (
                SELECT
                    NOT c.is_closed
                        AND t.grc_state IS DISTINCT FROM 'cancelled' AS is_open,
                    CASE WHEN c.is_closed THEN
                        COALESCE(t.resolution_date, t.closure_date, t.closed_date)
                    END AS done_date
            ) o
            CROSS JOIN LATERAL (
                SELECT
                    CASE WHEN o.is_open THEN
                        EXTRACT(EPOCH FROM c.now_utc - t.received_date) / 86400.0
                    END AS age_days,
                    CASE
                        WHEN c.deadline IS NULL THEN NULL
                        WHEN o.done_date IS NOT NULL THEN o.done_date <= c.deadline
                        WHEN o.is_open AND c.deadline < c.now_utc THEN FALSE
                    END AS sla_met,
                    CASE
                        WHEN c.response_deadline IS NULL THEN NULL
                        WHEN t.first_response_date IS NOT NULL
                            THEN t.first_response_date <= c.response_deadline
                        WHEN c.response_deadline < c.now_utc THEN FALSE
                    END AS response_met
            ) m
            WHERE t.active IS TRUE
            """,
            key_columns=self._kpi_key_columns("t", "received_date", "received_day"),
            service_columns=self._kpi_service_columns(SQL("t.team_id")),
            calendar_join=self._kpi_company_calendar_join(SQL("t.company_id")),
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
