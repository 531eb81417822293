# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    grc_open311_jurisdiction = fields.Char(
        string="Open311 jurisdiction",
        help="The jurisdiction_id Open311 clients send (usually the domain of "
        "the authority, e.g. saint-exemple.fr). Calls naming another "
        "jurisdiction are refused; calls naming none are accepted.",
    )
