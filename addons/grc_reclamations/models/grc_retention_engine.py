# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL


class GrcRetentionEngine(models.AbstractModel):
    _inherit = "grc.retention.engine"

    @api.model
    def _citizen_blocking_conditions(self, now):
        """A citizen with a complaint on file is kept: complaints have no
        retention period of their own yet, and their answer letters name them."""
        return super()._citizen_blocking_conditions(now) + [
            SQL(
                """EXISTS (SELECT 1 FROM grc_reclamation r
                            WHERE r.partner_id = p.id)"""
            )
        ]
