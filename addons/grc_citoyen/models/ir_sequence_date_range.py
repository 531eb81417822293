# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# What decides which range a date falls in (number_next changes on every
# number of a "no gap" sequence: it must not empty the cache).
RANGE_FIELDS = {"date_from", "date_to", "sequence_id"}


class IrSequenceDateRange(models.Model):
    """Request references find their range in the registry cache
    (``ir.sequence._grc_date_range_id``): empty it when ranges change."""

    _inherit = "ir.sequence.date_range"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if RANGE_FIELDS.intersection(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
