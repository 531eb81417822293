# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    @api.model
    def _grc_anonymised_values(self):
        # The address found by the BAN is as personal as the street; the
        # INSEE code, like the postal code and the district, stays.
        return {
            **super()._grc_anonymised_values(),
            "location_label": False,
            "location_geocode_state": False,
        }
