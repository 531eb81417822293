# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class GrcProcessingRegister(models.AbstractModel):
    """Complaints in the GRC's register entry: their purpose and their own
    retention period."""

    _inherit = "grc.processing.register"

    @api.model
    def _register_purposes(self, company, types):
        rows = super()._register_purposes(company, types)
        rows.append(
            {
                "purpose": self.env._(
                    "Handle complaints and improve the public service"
                ),
                "legal_basis": self.env._("Public task (article 6-1-e)"),
                "detail": "",
            }
        )
        return rows

    @api.model
    def _register_retention(self, company, types):
        rows = super()._register_retention(company, types)
        rows.append(
            {
                "item": self.env._("Complaints"),
                "months": company.reclamation_retention_months,
            }
        )
        return rows
