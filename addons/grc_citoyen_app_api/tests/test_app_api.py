# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.grc_citoyen_api.tests.common_api import GrcApiClientCase

ANDROID = "Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari/537.36"
KEYS = {
    "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u"
    "-Ts1XbjhazAkj7I99e8QcYP7DkM",
    "auth": "tBHItJI5svbpez7KI4CCXg",
}
BOX = "45.75,4.82,45.77,4.86"


@tagged("post_install", "-at_install")
class TestAppApi(GrcApiClientCase):
    """Push devices of native apps and the public map, through the API."""

    def _register(self, token, name="phone"):
        return self._call(
            "POST",
            "/push/devices",
            token,
            headers={"User-Agent": ANDROID},
            json={
                "endpoint": f"https://fcm.googleapis.com/fcm/send/{name}",
                "keys": KEYS,
            },
        )

    def test_push_devices(self):
        """The app gets the key, registers the phone (notifications turned
        on), lists it and removes it; another citizen's phone is not found."""
        key = self._call("GET", "/push/key", self.token_a).json()["vapid_public_key"]
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(key, params.get_param("mail.web_push_vapid_public_key"))
        response = self._register(self.token_a)
        self.assertEqual(response.status_code, 201, response.text)
        device = self.env["mail.push.device"].browse(response.json()["id"])
        self.assertEqual(device.partner_id, self.citizen)
        self.assertEqual(response.json()["name"], "Android · Chrome")
        self.assertTrue(self.citizen.consent_push)
        listed = self._call("GET", "/push/devices", self.token_a).json()
        self.assertEqual([item["id"] for item in listed], device.ids)
        self.assertEqual(self._call("GET", "/push/devices", self.token_b).json(), [])
        theirs = self._call("DELETE", f"/push/devices/{device.id}", self.token_b)
        self.assertApiError(theirs, 404, "not_found")
        self.assertTrue(device.exists())
        removed = self._call("DELETE", f"/push/devices/{device.id}", self.token_a)
        self.assertEqual(removed.status_code, 204, removed.text)
        self.assertFalse(device.exists())

    def test_push_device_bad_input(self):
        for body in (
            {"endpoint": "http://push.example.fr/x", "keys": KEYS},
            {
                "endpoint": "https://push.example.fr/x",
                "keys": {"p256dh": "a b", "auth": "x"},
            },
        ):
            response = self._call("POST", "/push/devices", self.token_a, json=body)
            self.assertApiError(response, 422, "validation_error", field="endpoint")
        missing = self._call("POST", "/push/devices", self.token_a, json={})
        self.assertApiError(missing, 422, "validation_error")
        self.assertFalse(
            self.env["mail.push.device"].search([]).filtered("grc_app_device")
        )

    def test_public_map(self):
        """Open reports of public types in the box, without token nor personal
        data; a box too large or malformed is refused."""
        self.type_lamp.grc_public_map = True
        ticket = self._create_request(location_latitude=45.76, location_longitude=4.84)
        outside = self._create_request(location_latitude=48.85, location_longitude=2.35)
        response = self._call("GET", "/public/map", params={"bbox": BOX})
        self.assertEqual(response.status_code, 200, response.text)
        ids = [point["id"] for point in response.json()["points"]]
        self.assertIn(ticket.id, ids)
        self.assertNotIn(outside.id, ids)
        self.assertNotIn(self.citizen.name, response.text)
        self.assertNotIn("lampadaire devant", response.text)
        for bbox in ("40,0,50,10", "nord", ""):
            bad = self._call("GET", "/public/map", params={"bbox": bbox})
            self.assertApiError(bad, 422, "validation_error")

    def test_documented_and_token_required(self):
        with self._client() as client:
            doc = client.get("/openapi.json").json()
        operations = {
            operation["operationId"]: (method, path, operation)
            for path, methods in doc["paths"].items()
            for method, operation in methods.items()
            if {"notifications", "map"} & set(operation["tags"])
        }
        self.assertEqual(
            set(operations),
            {
                "get_push_key",
                "list_push_devices",
                "register_push_device",
                "remove_push_device",
                "get_public_map",
            },
        )
        for operation_id, (method, path, operation) in operations.items():
            with self.subTest(operation=operation_id):
                if operation_id == "get_public_map":
                    self.assertEqual(operation["security"], [])
                    continue
                self.assertIn("401", operation["responses"])
                url = path.replace("{device_id}", "1")
                response = self._call(method.upper(), url, json={})
                self.assertApiError(response, 401, "authentication_required")
