# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class GrcRetentionLog(models.Model):
    _inherit = "grc.retention.log"

    reclamation_count = fields.Integer(string="Complaints anonymised", readonly=True)
