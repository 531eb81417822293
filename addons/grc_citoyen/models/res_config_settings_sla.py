# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    grc_sla_risk_ratio = fields.Float(
        related="company_id.grc_sla_risk_ratio", readonly=False
    )
    grc_sla_urgent_ratio = fields.Float(
        related="company_id.grc_sla_urgent_ratio", readonly=False
    )
    grc_ack_registration_days = fields.Integer(
        related="company_id.grc_ack_registration_days", readonly=False
    )
    grc_ack_receipt_days = fields.Integer(
        related="company_id.grc_ack_receipt_days", readonly=False
    )
    grc_implicit_decision_warning_days = fields.Integer(
        related="company_id.grc_implicit_decision_warning_days", readonly=False
    )
