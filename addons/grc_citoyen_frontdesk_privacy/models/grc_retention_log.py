# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class GrcRetentionLog(models.Model):
    _inherit = "grc.retention.log"

    mandate_count = fields.Integer(
        string="Mandates deleted",
        readonly=True,
        help="Mandates ended for longer than the retention period, whose "
        "requests were all anonymised.",
    )
