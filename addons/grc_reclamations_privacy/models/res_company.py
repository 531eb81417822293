# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    reclamation_retention_months = fields.Integer(
        string="Complaint retention (months)",
        default=60,
        help="Months after its closure before the personal data of a complaint "
        "(citizen, text, answer letter, messages and files) are anonymised; "
        "its reason, services, dates, root cause and outcome stay for the "
        "statistics (RGPD). Five years by default: the answer is the "
        "authority's evidence as long as the citizen may still claim against "
        "it, and claims against public bodies lapse after four years counted "
        "from the first of January after the facts (prescription "
        "quadriennale, law 68-1250 of 31 December 1968).",
    )

    @api.constrains("reclamation_retention_months")
    def _check_reclamation_retention_months(self):
        if any(company.reclamation_retention_months < 1 for company in self):
            raise ValidationError(
                self.env._(
                    "The retention period of complaints must be at least one month."
                )
            )
