# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .grc_processing_register import LEGAL_BASES


class GrcRequestType(models.Model):
    _inherit = "grc.request.type"

    retention_months = fields.Integer(
        string="Retention (months)",
        default=60,
        help="After closure, personal data of these requests are anonymised "
        "when this period has passed (RGPD).",
    )

    grc_legal_basis = fields.Selection(
        selection=LEGAL_BASES,
        string="Legal basis",
        default="public_task",
        required=True,
        help="Why the authority may process the personal data of these "
        "requests (RGPD article 6), as stated in the processing register.",
    )
    grc_register_purpose = fields.Char(
        string="Purpose in the register",
        translate=True,
        help="The purpose stated in the processing register; when empty, "
        "handling the requests of this type.",
    )

    _sql_constraints = [
        (
            "retention_positive",
            "CHECK(retention_months >= 0)",
            "The retention period cannot be negative.",
        ),
    ]
