# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from unittest.mock import patch

import requests

from odoo import http
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.common import GrcCommon

GEOCODER = "odoo.addons.grc_citoyen_location.models.base_geocoder"
BAN_REVERSE = {
    "features": [
        {
            "geometry": {"coordinates": [4.8467, 45.7602]},
            "properties": {
                "label": "12 Rue des Lilas 69003 Lyon",
                "housenumber": "12",
                "street": "Rue des Lilas",
                "name": "12 Rue des Lilas",
                "postcode": "69003",
                "city": "Lyon",
                "citycode": "69383",
            },
        }
    ]
}


class FakeResponse:
    def __init__(self, payload, status=200):
        self.payload = payload
        self.status_code = status

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(self.status_code)

    def json(self):
        return self.payload


@tagged("post_install", "-at_install")
class TestReportForm(HttpCase, GrcCommon):
    """The report form on a phone: photo, position, map, the address of the
    pin from the national address base (mocked), offline retries never
    filed twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_lamp.write(
            {"is_published": True, "location_required": True, "grc_app_photo": True}
        )
        cls.user = new_test_user(
            cls.env,
            login="app-report",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
        )

    def setUp(self):
        super().setUp()
        self.env.registry.clear_cache()  # the address cache of other tests

    def test_form_offers_camera_position_map_and_address(self):
        self.env["ir.config_parameter"].set_param(
            "grc_citoyen.map_tile_url", "https://tiles.example.fr/{z}/{x}/{y}.png"
        )
        page = self.url_open(f"/demarches/{self.type_lamp.id}/nouvelle").text
        self.assertRegex(
            page, r'accept="image/\*"\s+capture="environment"|capture="environment"'
        )
        self.assertIn('id="grc_app_camera"', page)
        self.assertIn('id="grc_app_gallery"', page)
        self.assertIn("Use my position", page)
        self.assertIn("grc_app_map", page)
        self.assertIn("tiles.example.fr", page)
        # The keyboard's way: the address field with its suggestions.
        self.assertIn('list="grc_app_address_suggestions"', page)
        self.assertIn('<datalist id="grc_app_address_suggestions"', page)
        self.assertIn("Add a photo of the problem", page)

    def test_photo_needs_files(self):
        with self.assertRaises(ValidationError):
            self.type_lamp.write({"attachments_allowed": False})

    def test_reverse_geocoding_is_bounded_and_cached(self):
        with patch(
            f"{GEOCODER}.requests.get", return_value=FakeResponse(BAN_REVERSE)
        ) as get:
            first = self.url_open("/grc-app/address/reverse?lat=45.76021&lon=4.84671")
            again = self.url_open("/grc-app/address/reverse?lat=45.76022&lon=4.84669")
        self.assertEqual(first.status_code, 200)
        address = first.json()["address"]
        self.assertEqual(address["street"], "12 Rue des Lilas")
        self.assertEqual(address["zip"], "69003")
        self.assertEqual(address["city"], "Lyon")
        self.assertEqual(again.json(), first.json())
        self.assertEqual(get.call_count, 1, "a few metres away: the cached answer")
        self.assertLessEqual(get.call_args.kwargs["timeout"], 3)
        self.assertTrue(get.call_args.args[0].endswith("/reverse/"))

    def test_reverse_geocoding_failure_is_not_cached(self):
        with patch(
            f"{GEOCODER}.requests.get", side_effect=requests.ConnectionError("down")
        ) as get:
            response = self.url_open("/grc-app/address/reverse?lat=45.7&lon=4.8")
            self.url_open("/grc-app/address/reverse?lat=45.7&lon=4.8")
        self.assertEqual(response.json(), {"address": None})
        self.assertEqual(get.call_count, 2)

    @mute_logger("odoo.http")
    def test_reverse_geocoding_refuses_bad_positions(self):
        with patch(f"{GEOCODER}.requests.get") as get:
            for query in ("lat=91&lon=2", "lat=abc&lon=2", "lat=nan&lon=2", "lon=2"):
                response = self.url_open(f"/grc-app/address/reverse?{query}")
                self.assertEqual(response.status_code, 400, query)
        get.assert_not_called()

    def test_address_suggestions(self):
        with patch(
            f"{GEOCODER}.requests.get", return_value=FakeResponse(BAN_REVERSE)
        ) as get:
            short = self.url_open("/grc-app/address/suggest?q=12")
            found = self.url_open("/grc-app/address/suggest?q=12 rue des lilas")
        self.assertEqual(short.json(), {"suggestions": []})
        self.assertEqual(get.call_count, 1)
        self.assertEqual(get.call_args.kwargs["params"]["autocomplete"], 1)
        suggestion = found.json()["suggestions"][0]
        self.assertEqual(suggestion["label"], "12 Rue des Lilas 69003 Lyon")
        self.assertEqual((suggestion["lat"], suggestion["lon"]), (45.7602, 4.8467))

    def test_offline_report_sent_twice_is_filed_once(self):
        """The phone sends a report kept offline again when it did not get
        the answer: the same idempotency key files one request."""
        self.authenticate("app-report", "app-report")
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "idempotency_key": str(uuid.uuid4()),
            "description": "Nid-de-poule devant l'école.",
            "location_latitude": "45.7602",
            "location_longitude": "4.8467",
            "preferred_channel": "email",
        }
        tickets = self.env["helpdesk.ticket"]
        before = tickets.search_count([])
        first = self.url_open(f"/demarches/{self.type_lamp.id}/nouvelle", data=data)
        second = self.url_open(f"/demarches/{self.type_lamp.id}/nouvelle", data=data)
        self.assertRegex(first.url, r"/my/requests/\d+")
        self.assertEqual(first.url, second.url)
        self.assertEqual(tickets.search_count([]), before + 1)
