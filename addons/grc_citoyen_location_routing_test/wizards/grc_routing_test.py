# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class GrcRoutingTest(models.TransientModel):
    _inherit = "grc.routing.test"

    def _routing_values(self):
        # Tried like a request: a district not typed is derived from the
        # postal code, as the intake does before routing.
        values = super()._routing_values()
        if not values.get("location_district"):
            district = self.env["grc.district"]._grc_match(
                company_id=self.company_id.id, zip_code=self.location_zip
            )
            if district:
                values["location_district"] = district.name
        return values
