# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    grc_consent_news = fields.Boolean(
        string="Agrees to e-mail news",
        readonly=True,
        help="Set by the citizen's last consent about the authority's news.",
    )
    grc_consent_survey = fields.Boolean(
        string="Agrees to satisfaction surveys",
        default=True,
        readonly=True,
        help="Invited to the satisfaction survey after closure unless the "
        "citizen withdrew; set by their last consent about surveys.",
    )
    grc_consent_ids = fields.One2many(
        comodel_name="grc.consent",
        inverse_name="partner_id",
        string="Consents",
        groups="grc_citoyen.group_grc_admin",
    )

    def _grc_accepts(self, purpose):
        if purpose == "email_news":
            return self.grc_consent_news
        if purpose == "survey":
            return self.grc_consent_survey
        return super()._grc_accepts(purpose)

    def action_grc_export_consents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/grc/privacy/consents/{self.id}.json",
            "target": "self",
        }
