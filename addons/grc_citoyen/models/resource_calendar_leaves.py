# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    grc_public_holiday = fields.Date(
        string="Public holiday",
        index=True,
        readonly=True,
        help="Set on the closed days generated for French public holidays.",
    )

    # Deadlines cache the working intervals of calendars (grc.sla.engine): a
    # closed day of a whole calendar (no resource) changes them. An agent's own
    # leave does not, and must not empty every cache of the registry.

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._grc_clear_calendar_cache()
        return leaves

    def write(self, vals):
        self._grc_clear_calendar_cache()
        res = super().write(vals)
        self._grc_clear_calendar_cache()
        return res

    def unlink(self):
        self._grc_clear_calendar_cache()
        return super().unlink()

    def _grc_clear_calendar_cache(self):
        if any(not leave.resource_id for leave in self):
            self.env.registry.clear_cache()
