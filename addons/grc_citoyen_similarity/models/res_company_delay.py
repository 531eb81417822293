# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    grc_expected_delay_min_sample = fields.Integer(
        string="Delays shown from",
        default=10,
        help="The observed delays of a démarche are shown to citizens only when "
        "at least this many requests were resolved in the last 90 days: a "
        "handful of requests says nothing honest.",
    )

    _sql_constraints = [
        (
            "grc_expected_delay_min_sample_positive",
            "CHECK(grc_expected_delay_min_sample >= 1)",
            "Observed delays need at least one request to be shown.",
        ),
    ]
