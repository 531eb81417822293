# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class GrcRequestType(models.Model):
    _inherit = "grc.request.type"

    retention_months = fields.Integer(
        string="Retention (months)",
        default=60,
        help="After closure, personal data of these requests are anonymised "
        "when this period has passed (RGPD).",
    )

    _sql_constraints = [
        (
            "retention_positive",
            "CHECK(retention_months >= 0)",
            "The retention period cannot be negative.",
        ),
    ]
