# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools import SQL

from .grc_kpi_mixin import WORKING_DAYS_DEPENDS


class GrcKpiReclamation(models.Model):
    """One row per complaint with what steering looks at: volumes per reason
    and service, answers on time, delays, analysis (root cause, justified or
    not), corrective actions and the citizen's opinion of the answer. No
    citizen, no subject, no text.

    A complaint often concerns several services; counting it once per service
    would inflate every total. Each row therefore carries ONE service
    (``team_id``): the responsible service found by the analysis, else the
    first service concerned (in the order of the services, as the complaint
    does for its working calendar). Every service concerned stays searchable
    through ``concerned_team_ids``.
    """

    _name = "grc.kpi.reclamation"
    _inherit = ["grc.kpi.mixin"]
    _description = "Complaint indicators"
    _auto = False
    _order = "received_date desc"
    _depends = {
        "grc.reclamation": [
            "active",
            "company_id",
            "received_date",
            "responsible_team_id",
            "team_ids",
            "ticket_ids",
            "channel_id",
            "reason_id",
            "severity",
            "state",
            "deadline_status",
            "answer_deadline",
            "answer_date",
            "root_cause_id",
            "justification",
            "citizen_satisfaction",
        ],
        "grc.reclamation.action": ["reclamation_id", "state", "is_open"],
        "grc.reclamation.reason": ["parent_path"],
        "helpdesk.ticket": ["is_confidential"],
        "helpdesk.ticket.team": [
            "is_direction",
            "parent_id",
            "is_confidential",
            "sequence",
            "resource_calendar_id",
        ],
        **WORKING_DAYS_DEPENDS,
    }

    received_date = fields.Datetime(string="Received on", readonly=True)
    received_day = fields.Date(
        string="Day received", readonly=True, help="In local time."
    )
    concerned_team_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.team",
        relation="grc_reclamation_team_rel",
        column1="reclamation_id",
        column2="team_id",
        string="Services concerned",
        readonly=True,
        help="Every service the complaint is about; the row counts once, "
        "under its Service.",
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel", string="Channel", readonly=True
    )
    reason_id = fields.Many2one(
        comodel_name="grc.reclamation.reason", string="Reason", readonly=True
    )
    reason_root_id = fields.Many2one(
        comodel_name="grc.reclamation.reason",
        string="Reason family",
        readonly=True,
        help="Top-level reason (Delay, Quality of the answer, Behaviour...).",
    )
    severity = fields.Selection(selection="_selection_severity", readonly=True)
    state = fields.Selection(
        selection="_selection_state", string="Status", readonly=True
    )
    deadline_status = fields.Selection(
        selection="_selection_deadline_status", readonly=True
    )
    root_cause_id = fields.Many2one(
        comodel_name="grc.reclamation.root.cause", string="Root cause", readonly=True
    )
    justification = fields.Selection(
        selection="_selection_justification", readonly=True
    )
    citizen_satisfaction = fields.Selection(
        selection="_selection_citizen_satisfaction",
        string="Citizen's opinion of the answer",
        readonly=True,
    )
    answer_deadline = fields.Datetime(string="Answer before", readonly=True)
    answer_date = fields.Datetime(string="Answered on", readonly=True)
    is_answered = fields.Boolean(
        string="Answered",
        readonly=True,
        help="Answered, or notified as not admissible: the clock is stopped.",
    )
    answered_count = fields.Integer(string="Complaints answered", readonly=True)
    answered_on_time = fields.Boolean(
        readonly=True,
        help="Answered before the answer deadline. Empty while not answered.",
    )
    deadline_met = fields.Boolean(
        readonly=True,
        help="Answered before the deadline.",
    )
    deadline_missed = fields.Boolean(
        readonly=True,
        help="Answered after the deadline, or still unanswered past it.",
    )
    on_time_rate = fields.Float(
        string="Answered on time (%)",
        readonly=True,
        aggregator="avg",
        help="Share of complaints whose outcome is known that were answered "
        "before their deadline; those still unanswered past it count as late.",
    )
    answer_delay_days = fields.Float(
        string="Delay to answer (calendar days)",
        readonly=True,
        aggregator="avg",
        help="Calendar days from reception to the answer, answered complaints only.",
    )
    answer_delay_working_days = fields.Integer(
        string="Delay to answer (working days)",
        readonly=True,
        aggregator="avg",
        help="Working days of the service's calendar after the day of reception, "
        "up to the day of the answer included: days of the week it works, "
        "public holidays excepted. Answered complaints only.",
    )
    justified_count = fields.Integer(
        string="Justified complaints",
        readonly=True,
        help="Complaints found justified or partly justified by the analysis.",
    )
    satisfaction_rate = fields.Float(
        string="Citizens satisfied with the answer (%)",
        readonly=True,
        aggregator="avg",
        help="Share of satisfied citizens among those who gave their opinion.",
    )
    action_count = fields.Integer(
        string="Corrective actions",
        readonly=True,
        help="Corrective actions decided, cancelled ones excepted.",
    )
    open_action_count = fields.Integer(
        string="Corrective actions open",
        readonly=True,
        help="To do, in progress, or done without their effectiveness checked.",
    )
    done_action_count = fields.Integer(
        string="Corrective actions done",
        readonly=True,
        help="Carried out (their effectiveness may still be checked).",
    )

    @api.model
    def _selection_severity(self):
        return self._selection_of("grc.reclamation", "severity")

    @api.model
    def _selection_state(self):
        return self._selection_of("grc.reclamation.stage", "state")

    @api.model
    def _selection_deadline_status(self):
        return self._selection_of("grc.reclamation", "deadline_status")

    @api.model
    def _selection_justification(self):
        return self._selection_of("grc.reclamation", "justification")

    @api.model
    def _selection_citizen_satisfaction(self):
        return self._selection_of("grc.reclamation", "citizen_satisfaction")

    def _kpi_query(self):
        # The actions are scalar subqueries of the SELECT list and the working
        # days two joins on the key of grc_kpi_working_day: PostgreSQL only
        # runs them when a query reads them.
        return SQL(
            """
            SELECT
                %(key_columns)s,
                %(service_columns)s,
                conf.is_confidential AS is_confidential,
                r.channel_id AS channel_id,
                r.reason_id AS reason_id,
                %(reason_root)s AS reason_root_id,
                r.severity AS severity,
                r.state AS state,
                r.deadline_status AS deadline_status,
                r.root_cause_id AS root_cause_id,
                r.justification AS justification,
                r.citizen_satisfaction AS citizen_satisfaction,
                r.answer_deadline AS answer_deadline,
                r.answer_date AS answer_date,
                r.answer_date IS NOT NULL AS is_answered,
                (r.answer_date IS NOT NULL)::integer AS answered_count,
                a.on_time AS answered_on_time,
                m.met AS deadline_met,
                NOT m.met AS deadline_missed,
                %(on_time_rate)s AS on_time_rate,
                EXTRACT(EPOCH FROM r.answer_date - r.received_date) / 86400.0
                    AS answer_delay_days,
                CASE WHEN r.answer_date IS NOT NULL THEN %(working_days)s END
                    AS answer_delay_working_days,
                (r.justification IN ('justified', 'partly'))::integer
                    AS justified_count,
                CASE r.citizen_satisfaction
                    WHEN 'satisfied' THEN 100.0
                    WHEN 'not_satisfied' THEN 0.0
                END AS satisfaction_rate,
                (
                    SELECT COUNT(*) FROM grc_reclamation_action act
                    WHERE act.reclamation_id = r.id AND act.state != 'cancelled'
                ) AS action_count,
                (
                    SELECT COUNT(*) FROM grc_reclamation_action act
                    WHERE act.reclamation_id = r.id AND act.is_open
                ) AS open_action_count,
                (
                    SELECT COUNT(*) FROM grc_reclamation_action act
                    WHERE act.reclamation_id = r.id AND act.state = 'done'
                ) AS done_action_count
            FROM grc_reclamation r
            LEFT JOIN grc_reclamation_reason reason ON reason.id = r.reason_id
            -- The service's key worked out per complaint, the services
            -- hashed once (a lateral lookup hashed them for every complaint).
            LEFT JOIN helpdesk_ticket_team team ON team.id = COALESCE(
                r.responsible_team_id,
                (
                    SELECT rel.team_id
                    FROM grc_reclamation_team_rel rel
                    JOIN helpdesk_ticket_team rteam ON rteam.id = rel.team_id
                    WHERE rel.reclamation_id = r.id
                    ORDER BY rteam.sequence, rteam.id
                    LIMIT 1
                )
            )
            %(calendar_join)s
            CROSS JOIN LATERAL (
                SELECT (
                    COALESCE(team.is_confidential, FALSE)
                    OR EXISTS (
                        SELECT 1
                        FROM grc_reclamation_team_rel crel
                        JOIN helpdesk_ticket_team cteam ON cteam.id = crel.team_id
                        WHERE crel.reclamation_id = r.id AND cteam.is_confidential
                        OFFSET 0
                    )
                    OR EXISTS (
                        SELECT 1
                        FROM grc_reclamation_ticket_rel trel
                        JOIN helpdesk_ticket ticket ON ticket.id = trel.ticket_id
                        WHERE trel.reclamation_id = r.id AND ticket.is_confidential
                        OFFSET 0
                    )
                ) AS is_confidential
                -- Fences (OFFSET 0). The EXISTS are probes of this complaint's
                -- links on their key (reclamation_id leads the key of both
                -- tables): without the fence PostgreSQL may hash instead
                -- every confidential request's links, whatever the period
                -- asked (130-146 ms for one month at 1,000,000 requests).
                -- The outer one works the column out once per complaint,
                -- though the rules and the SELECT list both read it.
                OFFSET 0
            ) conf
            LEFT JOIN resource_calendar wcal ON wcal.id = COALESCE(
                team.resource_calendar_id, kpi_company.resource_calendar_id
            )
            %(working_day_joins)s
            CROSS JOIN LATERAL (
                SELECT
                    CASE WHEN r.answer_date IS NOT NULL THEN
                        r.answer_deadline IS NULL
                        OR r.answer_date <= r.answer_deadline
                    END AS on_time
            ) a
            CROSS JOIN LATERAL (
                SELECT
                    CASE
                        WHEN a.on_time IS NOT NULL THEN a.on_time
                        WHEN r.answer_deadline < (NOW() AT TIME ZONE 'UTC')
                            THEN FALSE
                    END AS met
            ) m
            WHERE r.active IS TRUE
            """,
            key_columns=self._kpi_key_columns("r", "received_date", "received_day"),
            service_columns=self._kpi_service_columns(SQL("team.id")),
            reason_root=self._kpi_reason_root("reason"),
            on_time_rate=self._kpi_rate(SQL("m.met")),
            calendar_join=self._kpi_company_calendar_join(SQL("r.company_id")),
            working_days=self._kpi_working_days(),
            working_day_joins=self._kpi_working_day_joins(
                SQL("r.received_date"), SQL("r.answer_date")
            ),
        )
