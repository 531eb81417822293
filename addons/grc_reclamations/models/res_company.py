# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Who handles complaints in the authority, and the thresholds they work to."""

    _inherit = "res.company"

    reclamation_officer_id = fields.Many2one(
        comodel_name="res.users",
        string="Complaints officer",
        help="Handles complaints nobody is assigned to, and is warned first "
        "when a complaint is at risk or late.",
    )
    reclamation_director_id = fields.Many2one(
        comodel_name="res.users",
        string="Complaints director",
        help="Warned when a complaint has not been answered in time.",
    )
    reclamation_signatory_id = fields.Many2one(
        comodel_name="res.users",
        string="Signatory of answer letters",
        help="Default signatory; the job title of the user's contact is printed "
        "under the name.",
    )
    reclamation_at_risk_ratio = fields.Float(
        string="At-risk share of the answer delay",
        default=0.75,
        help="A complaint is at risk once this share of its answer delay, "
        "counted in working time, has passed.",
    )
    reclamation_irritant_window_days = fields.Integer(
        string="Irritant window (days)",
        default=90,
        help="Complaints received within this many days are counted together "
        "to detect recurring causes.",
    )
    reclamation_irritant_threshold = fields.Integer(
        string="Irritant threshold",
        default=5,
        help="Number of complaints with the same reason about the same service "
        "within the window that raises an irritant.",
    )

    @api.constrains(
        "reclamation_at_risk_ratio",
        "reclamation_irritant_window_days",
        "reclamation_irritant_threshold",
    )
    def _check_reclamation_thresholds(self):
        for company in self:
            if not 0 < company.reclamation_at_risk_ratio < 1:
                raise ValidationError(
                    self.env._("The at-risk share must be between 0 and 1.")
                )
            if company.reclamation_irritant_window_days < 1:
                raise ValidationError(
                    self.env._("The irritant window must be at least one day.")
                )
            if company.reclamation_irritant_threshold < 2:
                raise ValidationError(
                    self.env._("An irritant needs at least two complaints.")
                )
