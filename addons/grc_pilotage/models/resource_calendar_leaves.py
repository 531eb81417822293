# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    """A calendar's public holidays change its numbered working days (see
    ``resource.calendar``): they are numbered again with the change. An
    agent's own leave does not count."""

    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._grc_kpi_holiday_calendars()._grc_kpi_number_working_days()
        return leaves

    def write(self, vals):
        calendars = self._grc_kpi_holiday_calendars()
        res = super().write(vals)
        if {"calendar_id", "resource_id", "grc_public_holiday"} & set(vals):
            calendars |= self._grc_kpi_holiday_calendars()
            calendars._grc_kpi_number_working_days()
        return res

    def unlink(self):
        calendars = self._grc_kpi_holiday_calendars()
        res = super().unlink()
        calendars._grc_kpi_number_working_days()
        return res

    def _grc_kpi_holiday_calendars(self):
        """The calendars whose public holidays these leaves are."""
        return self.filtered(
            lambda leave: leave.grc_public_holiday and not leave.resource_id
        ).calendar_id
