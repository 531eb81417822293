# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools import SQL


class GrcKpiInteraction(models.Model):
    """One row per contact (front desk, phone...), for channel use and
    first-contact resolution: a contact answered on the spot did not need a
    request. No citizen and no notes in the view."""

    _name = "grc.kpi.interaction"
    _inherit = ["grc.kpi.mixin"]
    _description = "Interaction indicators"
    _auto = False
    _order = "date desc"
    _depends = {
        "grc.interaction": [
            "company_id",
            "date",
            "team_id",
            "channel_id",
            "user_id",
            "ticket_id",
            "is_confidential",
        ],
        "helpdesk.ticket.team": ["is_direction", "parent_id", "is_confidential"],
        "res.company": ["resource_calendar_id"],
        "resource.calendar": ["tz"],
    }

    date = fields.Datetime(readonly=True)
    day = fields.Date(readonly=True, help="In local time.")
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel", string="Channel", readonly=True
    )
    user_id = fields.Many2one(comodel_name="res.users", string="Agent", readonly=True)
    has_request = fields.Boolean(
        string="Turned into a request",
        readonly=True,
        help="A request was opened from this contact.",
    )
    resolved_on_spot = fields.Boolean(
        string="Answered on the spot",
        readonly=True,
        help="The contact was answered without opening a request.",
    )
    request_count = fields.Integer(string="Requests opened", readonly=True)
    first_contact_resolution = fields.Float(
        string="First-contact resolution (%)",
        readonly=True,
        aggregator="avg",
        help="Share of contacts answered on the spot.",
    )
    outcome = fields.Selection(selection="_selection_outcome", readonly=True)

    @api.model
    def _selection_outcome(self):
        # The outcome of a contact is recorded by grc_citoyen when available.
        field = self.env["grc.interaction"]._fields.get("outcome")
        if field is None or field.type != "selection":
            return []
        return field._description_selection(self.env)

    def _kpi_query(self):
        return SQL(
            """
            SELECT
                %(key_columns)s,
                %(service_columns)s,
                -- A contact about a confidential request is confidential
                -- whatever service logged it.
                (COALESCE(team.is_confidential, FALSE)
                    OR COALESCE(i.is_confidential, FALSE)) AS is_confidential,
                i.channel_id AS channel_id,
                i.user_id AS user_id,
                i.ticket_id IS NOT NULL AS has_request,
                i.ticket_id IS NULL AS resolved_on_spot,
                (i.ticket_id IS NOT NULL)::integer AS request_count,
                CASE WHEN i.ticket_id IS NULL THEN 100.0 ELSE 0.0 END
                    AS first_contact_resolution,
                %(outcome)s AS outcome
            FROM grc_interaction i
            LEFT JOIN helpdesk_ticket_team team ON team.id = i.team_id
            %(calendar_join)s
            """,
            key_columns=self._kpi_key_columns("i", "date", "day"),
            service_columns=self._kpi_service_columns(SQL("i.team_id")),
            calendar_join=self._kpi_company_calendar_join(SQL("i.company_id")),
            outcome=self._kpi_column("i", "grc_interaction", "outcome", "varchar"),
        )
