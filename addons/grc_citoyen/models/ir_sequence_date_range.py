# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class IrSequenceDateRange(models.Model):
    """Request references find their range in the registry cache
    (``ir.sequence._grc_date_range_id``): empty it when ranges change."""

    _name = "ir.sequence.date_range"
    _inherit = ["ir.sequence.date_range", "grc.registry.cache.mixin"]

    @api.model
    def _grc_cache_fields(self):
        # What decides which range a date falls in (number_next changes on
        # every number of a "no gap" sequence: it must not empty the cache).
        return {"date_from", "date_to", "sequence_id"}
