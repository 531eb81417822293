# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    grc_public_holiday = fields.Date(
        string="Public holiday",
        index=True,
        readonly=True,
        help="Set on the closed days generated for French public holidays.",
    )
