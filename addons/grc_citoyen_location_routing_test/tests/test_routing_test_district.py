# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.grc_citoyen_location.tests.test_district import DistrictCommon


class TestRoutingTestDistrict(DistrictCommon):
    def test_routing_test_derives_district(self):
        """The routing test derives the district from the postal code too."""
        rule = self.env["grc.routing.rule"].create(
            {
                "name": "Coteaux",
                "district_names": "Les Coteaux",
                "team_id": self.team_north.id,
            }
        )
        test = self.env["grc.routing.test"].create(
            {"name": "Lampadaire", "location_zip": "37999"}
        )
        self.assertEqual(test.rule_id, rule)
        test.location_zip = "37000"
        self.assertFalse(test.rule_id)
