# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

REQUEST_SEQUENCE_CODE = "grc.request"


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    def _next(self, sequence_date=None):
        """Request references: the year's range comes from the registry cache
        rather than from a search on every request (the range changes once a
        year, see ``ir.sequence.date_range``)."""
        if (
            len(self) == 1
            and self.use_date_range
            and self.code == REQUEST_SEQUENCE_CODE
        ):
            day = sequence_date or self.env.context.get(
                "ir_sequence_date", fields.Date.today()
            )
            range_id = self._grc_date_range_id(self.id, fields.Date.to_date(day))
            if range_id:
                date_range = self.env["ir.sequence.date_range"].browse(range_id)
                return date_range.with_context(
                    ir_sequence_date_range=date_range.date_from
                )._next()
        # No range yet: the standard path creates it (and empties the cache).
        return super()._next(sequence_date=sequence_date)

    @api.model
    @tools.ormcache("sequence_id", "day")
    def _grc_date_range_id(self, sequence_id, day):
        # sudo: cached for every user; only administrators read sequence ranges.
        return (
            self.env["ir.sequence.date_range"]
            .sudo()
            .search(
                [
                    ("sequence_id", "=", sequence_id),
                    ("date_from", "<=", day),
                    ("date_to", ">=", day),
                ],
                limit=1,
            )
            .id
        )
