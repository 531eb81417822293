# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools import SQL

# Scores out of 10: satisfied from 8, dissatisfied up to 4.
SATISFIED_FROM = 8
DISSATISFIED_UP_TO = 4
SCORE_BANDS = [
    ("satisfied", "Satisfied (8 to 10)"),
    ("neutral", "Neutral (5 to 7)"),
    ("dissatisfied", "Dissatisfied (0 to 4)"),
]
# What a comment must not show managers: e-mail addresses and phone numbers
# (eight digits or more, separated or not).
EMAIL_PATTERN = r"[[:alnum:]._%+-]+@[[:alnum:].-]+\.[[:alpha:]]{2,}"
PHONE_PATTERN = r"\+?[0-9](?:[ .-]?[0-9]){7,}"
MASK = "[…]"


class GrcKpiSatisfaction(models.Model):
    """One row per request whose citizen was invited to the satisfaction
    survey (or answered it), dated by the month of the invitation: the
    response rate is the share of the month's invitations answered, the
    scores those of the answers. No citizen, no request number; the
    citizen's comment is shown with their name, e-mail addresses and phone
    numbers masked."""

    _name = "grc.kpi.satisfaction"
    _inherit = ["grc.kpi.mixin"]
    _description = "Satisfaction indicators"
    _auto = False
    _order = "invited_date desc"
    _depends = {
        "helpdesk.ticket": [
            "active",
            "company_id",
            "team_id",
            "is_confidential",
            "request_type_id",
            "category_id",
            "channel_id",
            "partner_id",
            "satisfaction_score",
            "satisfaction_date",
            "satisfaction_resolved",
            "satisfaction_comment",
        ],
        "survey.user_input": ["grc_ticket_id", "create_date"],
        "helpdesk.ticket.team": ["is_direction", "parent_id"],
        "grc.request.type": ["category_id"],
        "res.partner": ["name"],
        "res.company": ["resource_calendar_id"],
        "resource.calendar": ["tz"],
    }

    invited_date = fields.Datetime(string="Invited on", readonly=True)
    request_type_id = fields.Many2one(
        comodel_name="grc.request.type", string="Request type", readonly=True
    )
    category_id = fields.Many2one(
        comodel_name="helpdesk.ticket.category", string="Category", readonly=True
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel", string="Channel", readonly=True
    )
    is_answered = fields.Boolean(string="Answered", readonly=True)
    answered_count = fields.Integer(
        string="Answers",
        readonly=True,
        help="Invitations of the period the citizen answered.",
    )
    score = fields.Float(
        string="Average score (0-10)",
        readonly=True,
        aggregator="avg",
        help="Overall satisfaction given by the citizens who answered, out of 10.",
    )
    response_rate = fields.Float(
        string="Response rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the citizens invited to the survey who answered it.",
    )
    satisfied_rate = fields.Float(
        string="Satisfied (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the answers scoring 8 out of 10 or more.",
    )
    dissatisfied_rate = fields.Float(
        string="Dissatisfied (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the answers scoring 4 out of 10 or less.",
    )
    score_band = fields.Selection(
        selection=SCORE_BANDS, string="Opinion", readonly=True
    )
    satisfaction_resolved = fields.Selection(
        selection="_selection_resolved",
        string="Resolved according to the citizen",
        readonly=True,
    )
    comment = fields.Text(
        readonly=True,
        help="The citizen's comment, their name, e-mail addresses and phone "
        "numbers masked.",
    )
    has_comment = fields.Boolean(string="With a comment", readonly=True)

    @api.model
    def _selection_resolved(self):
        return self._selection_of("helpdesk.ticket", "satisfaction_resolved")

    def _kpi_query(self):
        return SQL(
            """
            SELECT
                %(key_columns)s,
                %(service_columns)s,
                COALESCE(t.is_confidential, FALSE) AS is_confidential,
                %(dimensions)s,
                a.answered AS is_answered,
                a.answered::integer AS answered_count,
                CASE WHEN a.answered THEN t.satisfaction_score END AS score,
                CASE WHEN a.answered THEN 100.0 ELSE 0.0 END AS response_rate,
                %(satisfied_rate)s AS satisfied_rate,
                %(dissatisfied_rate)s AS dissatisfied_rate,
                CASE
                    WHEN NOT a.answered THEN NULL
                    WHEN t.satisfaction_score >= %(satisfied)s THEN 'satisfied'
                    WHEN t.satisfaction_score <= %(dissatisfied)s THEN 'dissatisfied'
                    ELSE 'neutral'
                END AS score_band,
                CASE WHEN a.answered THEN t.satisfaction_resolved END
                    AS satisfaction_resolved,
                CASE WHEN a.answered AND NULLIF(btrim(t.satisfaction_comment), '')
                    IS NOT NULL THEN
                    regexp_replace(
                        regexp_replace(
                            CASE WHEN length(btrim(partner.name)) > 2
                                THEN replace(
                                    t.satisfaction_comment, btrim(partner.name),
                                    %(mask)s
                                )
                                ELSE t.satisfaction_comment
                            END,
                            %(email)s, %(mask)s, 'g'
                        ),
                        %(phone)s, %(mask)s, 'g'
                    )
                END AS comment,
                a.answered AND NULLIF(btrim(t.satisfaction_comment), '') IS NOT NULL
                    AS has_comment
            FROM (
                SELECT
                    t.*,
                    COALESCE(
                        (
                            SELECT MIN(ui.create_date) FROM survey_user_input ui
                            WHERE ui.grc_ticket_id = t.id
                        ),
                        t.satisfaction_date
                    ) AS invited_date
                FROM helpdesk_ticket t
                WHERE t.active IS TRUE
            ) t
            LEFT JOIN helpdesk_ticket_team team ON team.id = t.team_id
            LEFT JOIN grc_request_type rt ON rt.id = t.request_type_id
            LEFT JOIN res_partner partner ON partner.id = t.partner_id
            %(calendar_join)s
            CROSS JOIN LATERAL (
                SELECT t.satisfaction_date IS NOT NULL
                    AND t.satisfaction_score IS NOT NULL AS answered
            ) a
            WHERE t.invited_date IS NOT NULL
            """,
            key_columns=self._kpi_key_columns("t", "invited_date"),
            service_columns=self._kpi_service_columns(SQL("t.team_id")),
            dimensions=self._kpi_request_dimensions("t", "rt"),
            # Answered means scored: the score is set on every answer.
            satisfied_rate=self._kpi_rate(
                SQL(
                    "CASE WHEN a.answered THEN t.satisfaction_score >= %s END",
                    SATISFIED_FROM,
                )
            ),
            dissatisfied_rate=self._kpi_rate(
                SQL(
                    "CASE WHEN a.answered THEN t.satisfaction_score <= %s END",
                    DISSATISFIED_UP_TO,
                )
            ),
            calendar_join=self._kpi_company_calendar_join(SQL("t.company_id")),
            satisfied=SATISFIED_FROM,
            dissatisfied=DISSATISFIED_UP_TO,
            mask=MASK,
            email=EMAIL_PATTERN,
            phone=PHONE_PATTERN,
        )
