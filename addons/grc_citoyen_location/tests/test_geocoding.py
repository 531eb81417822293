# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import MagicMock, patch

import requests
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from odoo.addons.grc_citoyen.tests.common import GrcCommon

GET = "odoo.addons.grc_citoyen_location.models.base_geocoder.requests.get"


def ban_response(score=0.93, citycode="37211", postcode="37990"):
    """What the BAN search answers for 12 rue des Lilas (GeoJSON)."""
    response = MagicMock()
    response.raise_for_status.return_value = None
    response.json.return_value = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [0.7921, 47.3072]},
                "properties": {
                    "label": "12 Rue des Lilas 37990 Saint-Exemple",
                    "score": score,
                    "name": "12 Rue des Lilas",
                    "street": "Rue des Lilas",
                    "postcode": postcode,
                    "citycode": citycode,
                    "city": "Saint-Exemple",
                },
            }
        ],
    }
    return response


class GeocodingCommon(GrcCommon):
    """A district and the geocoding switched on, with a mocked BAN."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["grc.district"].search([]).action_archive()
        cls.district = cls.env["grc.district"].create(
            {"name": "Bourg", "insee_codes": "37211"}
        )
        cls.env.company.write(
            {
                "grc_geocoding_enabled": True,
                "grc_geocoding_url": "https://ban.example/search/",
            }
        )
        # Requests of the database must not be sent to the (mocked) API.
        cls.env["helpdesk.ticket"].search(
            [("location_geocode_state", "=", "pending")]
        ).write({"location_geocode_state": False})

    def _pending_request(self, **values):
        vals = {"location_street": "12 rue des Lilsa", "location_zip": "37990"}
        vals.update(values)
        return self._create_request(**vals)

    def _run_cron(self, **kwargs):
        self.env["helpdesk.ticket"]._cron_grc_geocode_requests(**kwargs)


class TestGeocoding(GeocodingCommon):
    def test_new_request_waits_for_geocoding(self):
        """A request with a street and no position is to locate; the intake
        never calls the API."""
        with patch(GET) as get:
            request = self._pending_request()
            given = self._pending_request(
                location_latitude=47.3, location_longitude=0.79
            )
        get.assert_not_called()
        self.assertEqual(request.location_geocode_state, "pending")
        self.assertFalse(given.location_geocode_state)

    def test_cron_geocodes_and_derives_district(self):
        """The cron stores the position, label, INSEE code and district found."""
        request = self._pending_request(location_zip=False)
        team = request.team_id
        with patch(GET, return_value=ban_response()) as get:
            self._run_cron()
        get.assert_called_once()
        self.assertEqual(get.call_args.args[0], "https://ban.example/search/")
        params = get.call_args.kwargs["params"]
        self.assertEqual(params["limit"], 1)
        self.assertIn("12 rue des Lilsa", params["q"])
        self.assertNotIn("postcode", params)
        self.assertTrue(get.call_args.kwargs["timeout"])
        self.assertEqual(request.location_geocode_state, "done")
        self.assertAlmostEqual(request.location_latitude, 47.3072)
        self.assertAlmostEqual(request.location_longitude, 0.7921)
        self.assertEqual(request.location_label, "12 Rue des Lilas 37990 Saint-Exemple")
        self.assertEqual(request.location_citycode, "37211")
        self.assertEqual(request.location_zip, "37990")
        self.assertEqual(request.location_district, "Bourg")
        self.assertEqual(request.team_id, team, "the request is not re-routed")
        self.assertIn("District Bourg found", request.message_ids[0].body)
        self.assertIn(
            "https://www.openstreetmap.org/?mlat=47.3072000&mlon=0.7921000"
            "#map=18/47.3072000/0.7921000",
            request.location_map_url,
        )

    def test_known_district_kept_without_note(self):
        """A request that has a district keeps it and gets no note."""
        request = self._pending_request(location_district="Les Noues")
        messages = request.message_ids
        with patch(GET, return_value=ban_response()):
            self._run_cron()
        self.assertEqual(request.location_district, "Les Noues")
        self.assertEqual(request.location_geocode_state, "done")
        self.assertEqual(request.message_ids, messages)

    def test_postcode_sent_when_valid(self):
        """A five-digit postal code narrows the search."""
        request = self._pending_request()
        with patch(GET, return_value=ban_response()) as get:
            request._grc_geocode()
        self.assertEqual(get.call_args.kwargs["params"]["postcode"], "37990")

    def test_low_score_not_found(self):
        """An unsure answer is not kept: the address is marked not found."""
        request = self._pending_request()
        with patch(GET, return_value=ban_response(score=0.2)):
            self._run_cron()
        self.assertEqual(request.location_geocode_state, "not_found")
        self.assertFalse(request.location_latitude)
        self.assertFalse(request.location_district)
        with patch(GET) as get:
            self._run_cron()
        get.assert_not_called()

    def test_failure_retried_later_then_given_up(self):
        """A failing API is tried again later, then given up after N attempts."""
        request = self._pending_request()
        now = fields.Datetime.now()
        with (
            freeze_time(now),
            patch(GET, side_effect=requests.Timeout("too slow")) as get,
        ):
            self._run_cron(max_attempts=3)
        self.assertEqual(get.call_count, 1)
        self.assertEqual(request.location_geocode_state, "pending")
        self.assertEqual(request.location_geocode_attempts, 1)
        self.assertGreater(request.location_geocode_retry_date, now)
        # Too early: not tried again.
        with freeze_time(now + timedelta(minutes=1)), patch(GET) as get:
            self._run_cron(max_attempts=3)
        get.assert_not_called()
        # Later: tried again, and it works.
        with (
            freeze_time(now + timedelta(hours=1)),
            patch(GET, return_value=ban_response()),
        ):
            self._run_cron(max_attempts=3)
        self.assertEqual(request.location_geocode_state, "done")
        # Another request whose address the API always fails on.
        broken = self._pending_request()
        bad = MagicMock()
        bad.raise_for_status.side_effect = requests.HTTPError("502 Bad Gateway")
        for hours in (2, 4, 8):
            with (
                freeze_time(now + timedelta(hours=hours)),
                patch(GET, return_value=bad),
            ):
                self._run_cron(max_attempts=3)
        self.assertEqual(broken.location_geocode_state, "failed")
        self.assertEqual(broken.location_geocode_attempts, 3)
        with freeze_time(now + timedelta(days=1)), patch(GET) as get:
            self._run_cron(max_attempts=3)
        get.assert_not_called()

    def test_unreachable_api_stops_the_batch(self):
        """When the API cannot be reached, the other requests wait untouched."""
        first = self._pending_request()
        second = self._pending_request()
        with patch(GET, side_effect=requests.ConnectionError("down")) as get:
            self._run_cron()
        self.assertEqual(get.call_count, 1)
        self.assertEqual(first.location_geocode_attempts, 1)
        self.assertEqual(second.location_geocode_attempts, 0)
        self.assertEqual(second.location_geocode_state, "pending")

    def test_malformed_answer_is_a_failure(self):
        """An answer that is not the expected GeoJSON counts as a failure."""
        request = self._pending_request()
        response = MagicMock()
        response.json.return_value = {"features": [{"properties": {"score": 0.9}}]}
        with patch(GET, return_value=response):
            self._run_cron()
        self.assertEqual(request.location_geocode_state, "pending")
        self.assertEqual(request.location_geocode_attempts, 1)

    def test_setting_off_does_nothing(self):
        """With the setting off, the cron does not call the API."""
        self.env.company.grc_geocoding_enabled = False
        request = self._pending_request()
        with patch(GET) as get:
            self._run_cron()
        get.assert_not_called()
        self.assertEqual(request.location_geocode_state, "pending")
        with self.assertRaisesRegex(UserError, "is off"):
            request.action_grc_locate()

    def test_corrected_address_located_again(self):
        """A corrected street is located again; a position given by hand stays."""
        request = self._pending_request()
        with patch(GET, return_value=ban_response()):
            self._run_cron()
        request.location_street = "12 rue des Lilas"
        self.assertEqual(request.location_geocode_state, "pending")
        self.assertEqual(request.location_geocode_attempts, 0)
        by_hand = self._pending_request(location_latitude=47.1, location_longitude=0.7)
        by_hand.location_street = "14 rue des Lilas"
        self.assertFalse(by_hand.location_geocode_state)

    def test_locate_button(self):
        """“Locate” geocodes the request now and says what it found."""
        request = self._pending_request()
        with patch(GET, return_value=ban_response()):
            action = request.action_grc_locate()
        self.assertEqual(request.location_geocode_state, "done")
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("12 Rue des Lilas", action["params"]["message"])
        with patch(GET, side_effect=requests.ConnectionError("down")):
            action = request.action_grc_locate()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertEqual(request.location_geocode_state, "pending")
        request.location_street = False
        with self.assertRaisesRegex(UserError, "has no street"):
            request.action_grc_locate()

    def test_geocoding_url_required(self):
        """Geocoding cannot be turned on without a URL."""
        with self.assertRaisesRegex(ValidationError, "address search URL"):
            self.env.company.write({"grc_geocoding_url": False})

    def test_ban_is_a_geolocalize_provider(self):
        """base_geolocalize can use the BAN: contacts are located with it."""
        provider = self.env.ref("grc_citoyen_location.geoprovider_ban")
        self.env["ir.config_parameter"].set_param(
            "base_geolocalize.geo_provider", provider.id
        )
        Geocoder = self.env["base.geocoder"]
        query = Geocoder.geo_query_address(
            street="12 rue des Lilas",
            zip="37990",
            city="Saint-Exemple",
            country="France",
        )
        self.assertEqual(query, "12 rue des Lilas 37990 Saint-Exemple")
        with patch(GET, return_value=ban_response()) as get:
            self.assertEqual(Geocoder.geo_find(query), (47.3072, 0.7921))
        self.assertEqual(get.call_args.args[0], "https://ban.example/search/")
        with patch(GET, return_value=ban_response(score=0.2)):
            self.assertIsNone(Geocoder.geo_find(query))
        with patch(GET, side_effect=requests.ConnectionError("down")):
            self.assertIsNone(Geocoder.geo_find(query))

    def test_request_geocoding_uses_the_provider_client(self):
        """Requests are located by the provider's client, with the company URL."""
        request = self._pending_request()
        feature = ban_response().json()["features"][0]
        with patch.object(
            type(self.env["base.geocoder"]), "_grc_ban_search", return_value=feature
        ) as search:
            self._run_cron()
        search.assert_called_once_with(
            "12 rue des Lilsa", postcode="37990", url="https://ban.example/search/"
        )
        self.assertEqual(request.location_geocode_state, "done")
