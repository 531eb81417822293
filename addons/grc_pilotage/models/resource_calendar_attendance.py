# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ResourceCalendarAttendance(models.Model):
    """A calendar's days of work change its numbered working days (see
    ``resource.calendar``): they are numbered again with the change."""

    _inherit = "resource.calendar.attendance"

    @api.model_create_multi
    def create(self, vals_list):
        attendances = super().create(vals_list)
        attendances.calendar_id._grc_kpi_number_working_days()
        return attendances

    def write(self, vals):
        calendars = self.calendar_id
        res = super().write(vals)
        if {"calendar_id", "dayofweek", "display_type", "resource_id"} & set(vals):
            (calendars | self.calendar_id)._grc_kpi_number_working_days()
        return res

    def unlink(self):
        calendars = self.calendar_id
        res = super().unlink()
        calendars._grc_kpi_number_working_days()
        return res
