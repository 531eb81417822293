# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    grc_retention_months_default = fields.Integer(
        string="Default retention (months)",
        default=60,
        help="After closure, personal data of requests whose type sets no "
        "retention period (or 0), of interactions and of citizens without "
        "recent activity are anonymised when this period has passed (RGPD).",
    )
    grc_portal_inactivity_years = fields.Integer(
        string="Online account inactivity (years)",
        default=3,
        help="A citizen who logged in to their online account during this "
        "period is kept, whatever the age of their requests.",
    )
    grc_dpo_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Data protection officer",
        domain=[("share", "=", False)],
        help="Gets an activity for each erasure request filed by a citizen; "
        "when empty, the first GRC administrator does.",
    )
    grc_elimination_visa_required = fields.Boolean(
        string="Elimination needs the archives' visa",
        default=True,
        help="Requests are public archives (Code du patrimoine, article "
        "L212-2): past their retention period they are listed on an "
        "elimination list, and destroyed only once the visa of the archives "
        "is recorded on it. Untick only if the archives have ruled that these "
        "records may be destroyed without a list.",
    )

    _sql_constraints = [
        (
            "grc_retention_months_default_positive",
            "CHECK(grc_retention_months_default > 0)",
            "The default retention period must be at least one month.",
        ),
        (
            "grc_portal_inactivity_years_positive",
            "CHECK(grc_portal_inactivity_years >= 0)",
            "The online account inactivity period cannot be negative.",
        ),
    ]
