# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    grc_sla_risk_ratio = fields.Float(
        string="At risk from",
        default=0.75,
        help="Share of the target delay used (working time) from which a request "
        "is at risk: 0.75 means three quarters.",
    )
    grc_sla_urgent_ratio = fields.Float(
        string="Very high priority ratio",
        default=0.5,
        help="Very high priority requests get this share of their target when "
        "their type has no specific urgent target (1 keeps the target).",
    )
    grc_ack_registration_days = fields.Integer(
        string="Registration acknowledgement (working days)",
        default=1,
        help="Electronic submissions: latest delay of the acknowledgement of "
        "registration (CRPA R112-11-2: at once, at the latest one working day).",
    )
    grc_ack_receipt_days = fields.Integer(
        string="Acknowledgement of receipt (working days)",
        default=10,
        help="Electronic submissions: latest delay of the acknowledgement of "
        "receipt with its legal mentions (CRPA R112-11-1 and R112-11-2).",
    )
    grc_implicit_decision_warning_days = fields.Integer(
        string="Implicit decision warning (days)",
        default=7,
        help="Agents and managers are warned this many days before silence "
        "becomes a decision.",
    )

    @api.constrains(
        "grc_sla_risk_ratio",
        "grc_sla_urgent_ratio",
        "grc_ack_registration_days",
        "grc_ack_receipt_days",
        "grc_implicit_decision_warning_days",
    )
    def _check_grc_sla_settings(self):
        for company in self:
            if not 0 < company.grc_sla_risk_ratio <= 1:
                raise ValidationError(
                    self.env._("The at-risk share must be between 0 and 1 (e.g. 0.75).")
                )
            if not 0 < company.grc_sla_urgent_ratio <= 1:
                raise ValidationError(
                    self.env._(
                        "The very high priority ratio must be between 0 and 1 "
                        "(e.g. 0.5 halves the target)."
                    )
                )
            if (
                company.grc_ack_registration_days <= 0
                or company.grc_ack_receipt_days <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "Acknowledgement delays must be at least one working day."
                    )
                )
            if company.grc_implicit_decision_warning_days < 0:
                raise ValidationError(
                    self.env._("The implicit decision warning cannot be negative.")
                )
