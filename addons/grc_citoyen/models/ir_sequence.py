# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

REQUEST_SEQUENCE_CODE = "grc.request"


class IrSequence(models.Model):
    """Request references: the sequence and its year's range are found in the
    registry cache, not by a search on every request; changing the code,
    company or archiving of a sequence empties that cache."""

    _name = "ir.sequence"
    _inherit = ["ir.sequence", "grc.registry.cache.mixin"]

    @api.model
    def _grc_cache_fields(self):
        # What next_by_code looks a sequence up by (number_next changes on
        # every number of a "no gap" sequence: it must not empty the cache).
        return {"active", "code", "company_id"}

    @api.model
    def _grc_next_by_code(self, sequence_code):
        """``next_by_code``, the sequence read from the registry cache: the
        one of the current company, else the one shared by all companies."""
        self.browse().check_access("read")
        sequence_id = self._grc_sequence_id(sequence_code, self.env.company.id)
        if not sequence_id:
            return False
        return self.browse(sequence_id)._next()

    @api.model
    @tools.ormcache("sequence_code", "company_id")
    def _grc_sequence_id(self, sequence_code, company_id):
        # sudo: cached for every user; the search is next_by_code's, whose
        # company condition is what the multi-company rule would let through.
        # pylint: disable-next=context-overridden
        sequences = self.sudo().with_context({})
        return sequences.search(
            [("code", "=", sequence_code), ("company_id", "in", [company_id, False])],
            order="company_id",
            limit=1,
        ).id

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
