# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime, time

import pytz

from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class DigestDigest(models.Model):
    """Request and complaint volumes and deadline compliance in Odoo's
    periodic digest."""

    _inherit = "digest.digest"

    kpi_grc_requests_received = fields.Boolean(string="Requests received")
    kpi_grc_requests_received_value = fields.Integer(
        compute="_compute_kpi_grc_requests_received_value"
    )
    # Requests resolved or closed during the period (the period's output),
    # whenever they were received.
    kpi_grc_requests_closed = fields.Boolean(string="Requests closed during the period")
    kpi_grc_requests_closed_value = fields.Integer(
        compute="_compute_kpi_grc_requests_closed_value"
    )
    kpi_grc_sla_compliance = fields.Boolean(
        string="Deadlines falling due in the period met (%)"
    )
    kpi_grc_sla_compliance_value = fields.Float(
        compute="_compute_kpi_grc_sla_compliance_value"
    )

    kpi_grc_reclamations_received = fields.Boolean(string="Complaints received")
    kpi_grc_reclamations_received_value = fields.Integer(
        compute="_compute_kpi_grc_reclamations_received_value"
    )
    kpi_grc_reclamations_on_time = fields.Boolean(
        string="Complaint deadlines falling due in the period met (%)"
    )
    kpi_grc_reclamations_on_time_value = fields.Float(
        compute="_compute_kpi_grc_reclamations_on_time_value"
    )

    def _get_kpi_compute_parameters(self):
        """Accept the bounds of the period as the digest gets them from code
        (datetimes) and as a client sends them over RPC: strings, a date or a
        day alone. A day alone is the local midnight of the company's time
        zone, so that a month over RPC is the authority's month."""
        context = {}
        for key in ("start_datetime", "end_datetime"):
            value = self.env.context.get(key)
            if value and not isinstance(value, datetime):
                context[key] = self._grc_period_bound(value)
        digests = self.with_context(**context) if context else self
        return super(DigestDigest, digests)._get_kpi_compute_parameters()

    def _grc_period_bound(self, value):
        """Naive UTC datetime of a period bound given as a string or a date."""
        day = None
        if isinstance(value, date):
            day = value
        elif isinstance(value, str):
            text = value.strip()
            try:
                if len(text) > 10:
                    return fields.Datetime.to_datetime(text)
                day = fields.Date.to_date(text)
            except ValueError:
                day = None
        if not day:
            raise UserError(
                self.env._(
                    "%(value)s is not a date: give the bounds of the period "
                    "as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (UTC).",
                    value=value,
                )
            )
        company = self.company_id[:1] or self.env.company
        tz = pytz.timezone(company.resource_calendar_id.tz or "UTC")
        local = tz.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.UTC).replace(tzinfo=None)

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
        self._grc_rate_due_in_period(
            "grc.kpi.request",
            "grc_sla_deadline",
            "sla_compliance",
            "kpi_grc_sla_compliance_value",
        )

    def _grc_rate_due_in_period(self, model, deadline, rate, kpi_field):
        """Average of the ``rate`` column of the rows of ``model`` whose
        ``deadline`` falls in the period, per company, into ``kpi_field``."""
        self._grc_check_steering()
        start, end, companies = self._get_kpi_compute_parameters()
        groups = self.env[model]._read_group(
            [
                ("company_id", "in", companies.ids),
                (deadline, ">=", start),
                (deadline, "<", end),
            ],
            groupby=["company_id"],
            aggregates=[f"{rate}:avg"],
        )
        rates = dict(groups)
        for digest in self:
            company = digest.company_id or self.env.company
            digest[kpi_field] = rates.get(company) or 0.0

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
        self._grc_rate_due_in_period(
            "grc.kpi.reclamation",
            "answer_deadline",
            "on_time_rate",
            "kpi_grc_reclamations_on_time_value",
        )

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
