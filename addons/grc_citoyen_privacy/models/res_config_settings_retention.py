# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    grc_retention_months_default = fields.Integer(
        related="company_id.grc_retention_months_default", readonly=False
    )
    grc_portal_inactivity_years = fields.Integer(
        related="company_id.grc_portal_inactivity_years", readonly=False
    )
    grc_dpo_user_id = fields.Many2one(
        related="company_id.grc_dpo_user_id", readonly=False
    )
    grc_elimination_visa_required = fields.Boolean(
        related="company_id.grc_elimination_visa_required", readonly=False
    )

    grc_consent_text_sms = fields.Text(
        related="company_id.grc_consent_text_sms", readonly=False
    )
    grc_consent_text_email_news = fields.Text(
        related="company_id.grc_consent_text_email_news", readonly=False
    )
    grc_consent_text_survey = fields.Text(
        related="company_id.grc_consent_text_survey", readonly=False
    )

    def action_grc_print_processing_register(self):
        register = self.env["grc.processing.register"]
        return register._grc_register_print_action(self.company_id)

    def action_grc_export_processing_register(self):
        register = self.env["grc.processing.register"]
        return register._grc_register_export_action(self.company_id)
