# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from freezegun import freeze_time

from .common import GrcCommon


class TestRequestReference(GrcCommon):
    @freeze_time("2026-03-02 09:00:00")
    def test_reference_is_public_and_yearly(self):
        """A request gets a DEM-YYYY-NNNNNN reference of the year it is created."""
        request = self._create_request()
        self.assertRegex(request.number, r"^DEM-2026-\d{6}$")

    def test_references_are_distinct(self):
        """Two requests created together never share a reference."""
        requests = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Demande {i}",
                    "description": "<p>x</p>",
                    "partner_id": self.citizen.id,
                }
                for i in range(3)
            ]
        )
        numbers = requests.mapped("number")
        self.assertEqual(len(set(numbers)), 3)
        self.assertTrue(all(re.match(r"^DEM-\d{4}-\d{6}$", n) for n in numbers))

    def test_citizen_gets_a_number(self):
        """A new citizen gets a number from the referential."""
        self.assertRegex(self.citizen.citizen_number, r"^CIT-\d{7}$")
