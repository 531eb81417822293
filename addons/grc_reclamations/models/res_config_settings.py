# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    reclamation_officer_id = fields.Many2one(
        related="company_id.reclamation_officer_id", readonly=False
    )
    reclamation_director_id = fields.Many2one(
        related="company_id.reclamation_director_id", readonly=False
    )
    reclamation_signatory_id = fields.Many2one(
        related="company_id.reclamation_signatory_id", readonly=False
    )
    reclamation_at_risk_ratio = fields.Float(
        related="company_id.reclamation_at_risk_ratio", readonly=False
    )
    reclamation_irritant_window_days = fields.Integer(
        related="company_id.reclamation_irritant_window_days", readonly=False
    )
    reclamation_irritant_threshold = fields.Integer(
        related="company_id.reclamation_irritant_threshold", readonly=False
    )
