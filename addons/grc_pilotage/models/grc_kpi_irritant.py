# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools import SQL


class GrcKpiIrritant(models.Model):
    """One row per irritant (a recurring cause of complaints about one service
    and reason): how many are raised per month, service and reason, how many
    complaints they gather, and how long the untreated ones have waited."""

    _name = "grc.kpi.irritant"
    _inherit = ["grc.kpi.mixin"]
    _description = "Irritant indicators"
    _auto = False
    _order = "detection_date desc"
    _depends = {
        "grc.reclamation.irritant": [
            "company_id",
            "detection_date",
            "last_detection_date",
            "team_id",
            "reason_id",
            "state",
            "root_cause_id",
            "reclamation_ids",
        ],
        "grc.reclamation.reason": ["parent_path"],
        "helpdesk.ticket.team": ["is_direction", "parent_id", "is_confidential"],
        "res.company": ["resource_calendar_id"],
        "resource.calendar": ["tz"],
    }

    detection_date = fields.Datetime(string="Detected on", readonly=True)
    last_detection_date = fields.Datetime(string="Last detected on", readonly=True)
    reason_id = fields.Many2one(
        comodel_name="grc.reclamation.reason", string="Reason", readonly=True
    )
    reason_root_id = fields.Many2one(
        comodel_name="grc.reclamation.reason",
        string="Reason family",
        readonly=True,
    )
    state = fields.Selection(
        selection="_selection_state", string="Status", readonly=True
    )
    root_cause_id = fields.Many2one(
        comodel_name="grc.reclamation.root.cause", string="Root cause", readonly=True
    )
    is_treated = fields.Boolean(string="Treated", readonly=True)
    untreated_count = fields.Integer(string="Irritants untreated", readonly=True)
    reclamation_count = fields.Integer(
        string="Complaints gathered",
        readonly=True,
        help="Complaints with the same reason about the same service.",
    )
    age_days = fields.Float(
        string="Waiting (days)",
        readonly=True,
        aggregator="avg",
        help="Days since detection, irritants not treated yet.",
    )

    @api.model
    def _selection_state(self):
        return self._selection_of("grc.reclamation.irritant", "state")

    def _kpi_query(self):
        return SQL(
            """
            SELECT
                %(key_columns)s,
                i.last_detection_date AS last_detection_date,
                %(service_columns)s,
                COALESCE(team.is_confidential, FALSE) AS is_confidential,
                i.reason_id AS reason_id,
                %(reason_root)s AS reason_root_id,
                i.state AS state,
                i.root_cause_id AS root_cause_id,
                i.state = 'treated' AS is_treated,
                (i.state != 'treated')::integer AS untreated_count,
                (
                    SELECT COUNT(*) FROM grc_reclamation_irritant_rel rel
                    WHERE rel.irritant_id = i.id
                )::integer AS reclamation_count,
                CASE WHEN i.state != 'treated' THEN
                    EXTRACT(EPOCH FROM (NOW() AT TIME ZONE 'UTC') - i.detection_date)
                        / 86400.0
                END AS age_days
            FROM grc_reclamation_irritant i
            LEFT JOIN grc_reclamation_reason reason ON reason.id = i.reason_id
            LEFT JOIN helpdesk_ticket_team team ON team.id = i.team_id
            %(calendar_join)s
            """,
            key_columns=self._kpi_key_columns("i", "detection_date"),
            service_columns=self._kpi_service_columns(SQL("i.team_id")),
            reason_root=self._kpi_reason_root("reason"),
            calendar_join=self._kpi_company_calendar_join(SQL("i.company_id")),
        )
