# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import AccessError


class DigestDigest(models.Model):
    """Request and complaint volumes and deadline compliance in Odoo's
    periodic digest."""

    _inherit = "digest.digest"

    kpi_grc_requests_received = fields.Boolean(string="Requests received")
    kpi_grc_requests_received_value = fields.Integer(
        compute="_compute_kpi_grc_requests_received_value"
    )
    kpi_grc_requests_closed = fields.Boolean(string="Requests closed")
    kpi_grc_requests_closed_value = fields.Integer(
        compute="_compute_kpi_grc_requests_closed_value"
    )
    kpi_grc_sla_compliance = fields.Boolean(string="Deadline compliance (%)")
    kpi_grc_sla_compliance_value = fields.Float(
        compute="_compute_kpi_grc_sla_compliance_value"
    )

    kpi_grc_reclamations_received = fields.Boolean(string="Complaints received")
    kpi_grc_reclamations_received_value = fields.Integer(
        compute="_compute_kpi_grc_reclamations_received_value"
    )
    kpi_grc_reclamations_on_time = fields.Boolean(
        string="Complaints answered on time (%)"
    )
    kpi_grc_reclamations_on_time_value = fields.Float(
        compute="_compute_kpi_grc_reclamations_on_time_value"
    )

    def _grc_check_steering(self):
        # The digest skips a KPI its reader may not see (AccessError).
        if not self.env.user.has_group("grc_citoyen.group_grc_steering"):
            raise AccessError(
                self.env._("Do not have access, skip this data for user's digest email")
            )

    def _compute_kpi_grc_requests_received_value(self):
        self._grc_check_steering()
        self._calculate_company_based_kpi(
            "grc.kpi.request",
            "kpi_grc_requests_received_value",
            date_field="received_date",
        )

    def _compute_kpi_grc_requests_closed_value(self):
        self._grc_check_steering()
        self._calculate_company_based_kpi(
            "grc.kpi.request",
            "kpi_grc_requests_closed_value",
            date_field="resolution_date",
            additional_domain=[("is_closed", "=", True)],
        )

    def _compute_kpi_grc_sla_compliance_value(self):
        """Share of the deadlines falling due in the period that were met
        (resolved in time); deadlines still ahead are left out."""
        self._grc_check_steering()
        start, end, companies = self._get_kpi_compute_parameters()
        groups = self.env["grc.kpi.request"]._read_group(
            [
                ("company_id", "in", companies.ids),
                ("grc_sla_deadline", ">=", start),
                ("grc_sla_deadline", "<", end),
            ],
            groupby=["company_id"],
            aggregates=["sla_compliance:avg"],
        )
        rates = dict(groups)
        for digest in self:
            company = digest.company_id or self.env.company
            digest.kpi_grc_sla_compliance_value = rates.get(company) or 0.0

    def _compute_kpi_grc_reclamations_received_value(self):
        self._grc_check_steering()
        self._calculate_company_based_kpi(
            "grc.kpi.reclamation",
            "kpi_grc_reclamations_received_value",
            date_field="received_date",
        )

    def _compute_kpi_grc_reclamations_on_time_value(self):
        """Share of the answer deadlines falling due in the period that were
        met; a complaint still unanswered past its deadline counts as late."""
        self._grc_check_steering()
        start, end, companies = self._get_kpi_compute_parameters()
        groups = self.env["grc.kpi.reclamation"]._read_group(
            [
                ("company_id", "in", companies.ids),
                ("answer_deadline", ">=", start),
                ("answer_deadline", "<", end),
            ],
            groupby=["company_id"],
            aggregates=["on_time_rate:avg"],
        )
        rates = dict(groups)
        for digest in self:
            company = digest.company_id or self.env.company
            digest.kpi_grc_reclamations_on_time_value = rates.get(company) or 0.0

    def _compute_kpis_actions(self, company, user):
        res = super()._compute_kpis_actions(company, user)
        menu = self.env.ref("grc_pilotage.menu_pilotage").id
        action = f"grc_pilotage.grc_kpi_request_action_dashboard?menu_id={menu}"
        res["kpi_grc_requests_received"] = action
        res["kpi_grc_requests_closed"] = action
        res["kpi_grc_sla_compliance"] = action
        action = f"grc_pilotage.grc_kpi_reclamation_action?menu_id={menu}"
        res["kpi_grc_reclamations_received"] = action
        res["kpi_grc_reclamations_on_time"] = action
        return res
