# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

# What the footer of every page shows of the company (status, contact).
FOOTER_FIELDS = {
    "grc_accessibility_status",
    "grc_opening_hours",
    "name",
    "street",
    "street2",
    "zip",
    "city",
    "phone",
    "email",
}


class ResCompany(models.Model):
    """What the authority states about the accessibility of its citizen
    portal (article 47 of law 2005-102, decree 2019-768): the compliance
    status shown in the footer of every page and the date and result of the
    last audit, shown in the statement (/accessibilite)."""

    _inherit = "res.company"

    grc_accessibility_status = fields.Selection(
        selection=[
            ("none", "Not compliant"),
            ("partial", "Partially compliant"),
            ("full", "Fully compliant"),
        ],
        string="Accessibility compliance",
        default="none",
        required=True,
        help="Compliance of the citizen portal with the RGAA, as established by "
        "the last audit. Without a valid audit, the law requires 'Not compliant': "
        "change it once an audit has been carried out.",
    )
    grc_accessibility_date = fields.Date(
        string="Accessibility statement date",
        help="Date on which the accessibility statement was drawn up or last "
        "updated.",
    )
    grc_accessibility_rate = fields.Float(
        string="RGAA compliance rate (%)",
        digits=(5, 1),
        help="Share of the applicable RGAA criteria met, from the last audit; "
        "leave empty when no full audit has been carried out.",
    )
    grc_accessibility_auditor = fields.Char(
        string="Accessibility audit by",
        help="Who carried out the audit (the authority itself or an external firm).",
    )

    _sql_constraints = [
        (
            "grc_accessibility_rate_range",
            "CHECK(grc_accessibility_rate >= 0 AND grc_accessibility_rate <= 100)",
            "The RGAA compliance rate is a percentage between 0 and 100.",
        ),
    ]

    def write(self, vals):
        res = super().write(vals)
        if FOOTER_FIELDS.intersection(vals):
            # The footer of the website, which shows them, is cached.
            self.env.registry.clear_cache("templates")
        return res
