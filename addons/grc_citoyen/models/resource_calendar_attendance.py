# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResourceCalendarAttendance(models.Model):
    """Deadlines cache the working intervals of calendars (grc.sla.engine):
    changing opening hours empties that cache."""

    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "grc.registry.cache.mixin"]
