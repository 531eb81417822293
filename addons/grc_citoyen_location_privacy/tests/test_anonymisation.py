# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.addons.grc_citoyen_location.tests.test_geocoding import (
    GET,
    GeocodingCommon,
    ban_response,
)


class TestLocationAnonymisation(GeocodingCommon):
    def test_anonymised_request_loses_the_address_found(self):
        """The address found is personal data: anonymisation removes it."""
        request = self._pending_request()
        with patch(GET, return_value=ban_response()):
            self._run_cron()
        self.assertTrue(request.location_label)
        self.env["grc.retention.engine"]._anonymise_requests(request)
        self.assertFalse(request.location_label)
        self.assertFalse(request.location_latitude)
        self.assertEqual(request.location_citycode, "37211")
        self.assertEqual(request.location_district, "Bourg")
