# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

HELP = (
    "Text the citizen agrees to, kept with each consent; when empty, the "
    "product's text is used."
)


class ResCompany(models.Model):
    _inherit = "res.company"

    grc_consent_text_sms = fields.Text(
        string="Consent text: SMS", translate=True, help=HELP
    )
    grc_consent_text_email_news = fields.Text(
        string="Consent text: e-mail news", translate=True, help=HELP
    )
    grc_consent_text_survey = fields.Text(
        string="Consent text: satisfaction surveys", translate=True, help=HELP
    )
