# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools import SQL

KINDS = [("appointment", "Appointment"), ("callback", "Call-back")]
OUTCOMES = [
    ("planned", "Planned"),
    ("honoured", "Honoured"),
    ("no_show", "No-show"),
    ("cancelled", "Cancelled"),
    ("reached", "Reached"),
    ("not_reached", "Not reached"),
]


class GrcKpiAppointment(models.Model):
    """One row per appointment (dated by its time) and per call-back
    request (dated by the period asked), with its outcome: per service,
    month and channel, how many were booked, honoured, missed by the
    citizen (no-show) or cancelled, and the no-show rate among the
    appointments whose outcome is known; for call-backs, reached or not.
    No citizen, no agent."""

    _name = "grc.kpi.appointment"
    _inherit = ["grc.kpi.mixin"]
    _description = "Appointment indicators"
    _auto = False
    _order = "date desc"
    _depends = {
        "grc.appointment": [
            "company_id",
            "team_id",
            "is_confidential",
            "request_type_id",
            "channel_id",
            "start",
            "state",
        ],
        "grc.callback": [
            "company_id",
            "team_id",
            "is_confidential",
            "request_type_id",
            "channel_id",
            "slot_start",
            "state",
        ],
        "helpdesk.ticket.team": ["is_direction", "parent_id"],
        "res.company": ["resource_calendar_id"],
        "resource.calendar": ["tz"],
    }

    date = fields.Datetime(readonly=True)
    kind = fields.Selection(selection=KINDS, readonly=True)
    outcome = fields.Selection(selection=OUTCOMES, readonly=True)
    request_type_id = fields.Many2one(
        comodel_name="grc.request.type", string="Démarche", readonly=True
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel",
        string="Channel",
        readonly=True,
        help="The channel the appointment or call-back was asked through.",
    )
    booked_count = fields.Integer(
        string="Appointments booked",
        readonly=True,
        help="Appointments booked, whatever became of them.",
    )
    honoured_count = fields.Integer(
        string="Honoured", readonly=True, help="Appointments the citizen came to."
    )
    no_show_count = fields.Integer(
        string="No-shows", readonly=True, help="Appointments the citizen missed."
    )
    cancelled_count = fields.Integer(
        string="Cancelled", readonly=True, help="Appointments cancelled."
    )
    no_show_rate = fields.Float(
        string="No-show rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the appointments held or missed that the citizen missed "
        "(appointments to come and cancelled ones are not counted).",
    )
    callback_count = fields.Integer(
        string="Call-backs asked", readonly=True, help="Call-back requests."
    )
    reached_count = fields.Integer(
        string="Call-backs reached",
        readonly=True,
        help="Call-back requests where the agent spoke with the citizen.",
    )
    reached_rate = fields.Float(
        string="Reached rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the call-backs closed (reached or not) where the agent "
        "spoke with the citizen.",
    )

    @api.model
    def _kpi_source(self, table, date_column, kind, rank, outcome):
        """The rows of ``table`` (alias ``s``), ``outcome`` the SQL of their
        outcome; ids apart by ``rank``."""
        stamp = SQL.identifier("s", date_column)
        return SQL(
            """
            SELECT
                s.id * 2 + %(rank)s AS id,
                s.company_id,
                %(stamp)s AS date,
                %(period)s,
                %(service)s,
                COALESCE(s.is_confidential, FALSE) AS is_confidential,
                %(kind)s AS kind,
                %(outcome)s AS outcome,
                s.request_type_id,
                s.channel_id
            FROM %(table)s s
            LEFT JOIN helpdesk_ticket_team team ON team.id = s.team_id
            %(calendar_join)s
            """,
            rank=rank,
            stamp=stamp,
            period=self._kpi_period_columns(stamp),
            service=self._kpi_service_columns(SQL("s.team_id")),
            kind=kind,
            outcome=outcome,
            table=SQL.identifier(table),
            calendar_join=self._kpi_company_calendar_join(SQL("s.company_id")),
        )

    def _kpi_query(self):
        appointment = SQL(
            "CASE s.state WHEN 'booked' THEN 'planned' WHEN 'done' THEN 'honoured' "
            "ELSE s.state END"
        )
        callback = SQL("CASE s.state WHEN 'waiting' THEN 'planned' ELSE s.state END")
        return SQL(
            """
            SELECT
                r.*,
                (r.kind = 'appointment')::integer AS booked_count,
                (r.outcome = 'honoured')::integer AS honoured_count,
                (r.outcome = 'no_show')::integer AS no_show_count,
                (r.kind = 'appointment' AND r.outcome = 'cancelled')::integer
                    AS cancelled_count,
                %(no_show_rate)s AS no_show_rate,
                (r.kind = 'callback')::integer AS callback_count,
                (r.outcome = 'reached')::integer AS reached_count,
                %(reached_rate)s AS reached_rate
            FROM (%(appointments)s UNION ALL %(callbacks)s) r
            """,
            no_show_rate=self._kpi_rate(
                SQL(
                    "CASE WHEN r.outcome IN ('honoured', 'no_show') "
                    "THEN r.outcome = 'no_show' END"
                )
            ),
            reached_rate=self._kpi_rate(
                SQL(
                    "CASE WHEN r.outcome IN ('reached', 'not_reached') "
                    "THEN r.outcome = 'reached' END"
                )
            ),
            appointments=self._kpi_source(
                "grc_appointment", "start", "appointment", 0, appointment
            ),
            callbacks=self._kpi_source(
                "grc_callback", "slot_start", "callback", 1, callback
            ),
        )
