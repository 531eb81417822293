# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from unittest.mock import patch
from xml.etree import ElementTree

from starlette.responses import Response as StarletteResponse

from odoo.tests import new_test_user, tagged

from odoo.addons.fastapi.tests.common import FastAPITransactionCase
from odoo.addons.grc_citoyen_api.tests.common_api import PNG, GrcApiCommon

from ..routers.open311 import Open311Error

# Members of the specification's examples (GeoReport v2).
SERVICE_MEMBERS = {
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
}
REQUEST_MEMBERS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


def open311_error_handler(request, exc):
    """What Odoo's dispatcher answers for an Open311Error, for the test client."""
    if not isinstance(exc, Open311Error):
        raise exc
    response = exc.error_response
    return StarletteResponse(
        response.get_data(),
        status_code=response.status_code,
        media_type=response.mimetype,
    )


class Open311Common(GrcApiCommon, FastAPITransactionCase):
    """A jurisdiction, a public and a confidential service, a client
    application's key, and the Open311 app through fastapi's test client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.grc_open311_jurisdiction = "saint-exemple.fr"
        cls.type_lamp.write({"code": "ECL", "location_required": True})
        cls.type_ccas = cls.env["grc.request.type"].create(
            {"name": "Aide sociale", "code": "SOC", "team_id": cls.team_ccas.id}
        )
        cls.endpoint_311 = cls.env.ref("grc_citoyen_open311.fastapi_endpoint_open311")
        cls.client_user = new_test_user(
            cls.env,
            login="fixmystreet",
            name="FixMyStreet",
            groups="base.group_portal,grc_citoyen_open311.group_open311_client",
        )
        _record, cls.client_key = cls.env["grc.api.token"]._grc_issue(
            cls.client_user, "FixMyStreet"
        )

    @contextmanager
    def _client(self):
        app = self.endpoint_311._get_app()
        app.exception_handlers = {Exception: open311_error_handler}
        with self._create_test_client(
            app=app,
            user=self.endpoint_311.user_id,
            dependency_overrides=dict(app.dependency_overrides),
            raise_server_exceptions=False,
        ) as client:
            yield client

    def _get(self, path, **params):
        with self._client() as client:
            return client.get(path, params=params)

    def _post(self, path, headers=None, **data):
        data.setdefault("service_code", "ECL")
        data.setdefault("lat", "45.7602")
        data.setdefault("long", "4.8467")
        data.setdefault("description", "Lampadaire éteint devant le 12.")
        with self._client() as client:
            return client.post(path, data=data, headers=headers or {})


@tagged("post_install", "-at_install")
class TestOpen311(Open311Common):
    """The GeoReport v2 operations answered as the specification says; a
    request posted through Open311 is routed, timed and acknowledged like
    any other."""

    def test_services_json(self):
        response = self._get("/services.json", jurisdiction_id="saint-exemple.fr")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.headers["content-type"].startswith("application/json"))
        services = {service["service_code"]: service for service in response.json()}
        self.assertIn("ECL", services)
        self.assertNotIn("SOC", services, "confidential services are never listed")
        self.assertEqual(set(services["ECL"]), SERVICE_MEMBERS)
        self.assertEqual(services["ECL"]["service_name"], self.type_lamp.name)
        self.assertIs(services["ECL"]["metadata"], False)
        self.assertEqual(services["ECL"]["type"], "realtime")

    def test_services_xml(self):
        response = self._get("/services.xml")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["content-type"].startswith("text/xml"))
        root = ElementTree.fromstring(response.content)
        self.assertEqual(root.tag, "services")
        codes = [service.findtext("service_code") for service in root.iter("service")]
        self.assertIn("ECL", codes)
        self.assertEqual(root.find("service/metadata").text, "false")

    def test_other_jurisdiction_and_format_refused(self):
        response = self._get("/services.json", jurisdiction_id="autre-ville.fr")
        self.assertEqual(response.status_code, 404)
        error = response.json()[0]
        self.assertEqual(error["code"], 404)
        self.assertTrue(error["description"])
        xml = self._get("/services.xml", jurisdiction_id="autre-ville.fr")
        self.assertEqual(ElementTree.fromstring(xml.content).tag, "errors")
        self.assertEqual(self._get("/services.html").status_code, 404)

    def test_service_definition(self):
        response = self._get("/services/ECL.json")
        self.assertEqual(response.json(), {"service_code": "ECL", "attributes": []})
        xml = ElementTree.fromstring(self._get("/services/ECL.xml").content)
        self.assertEqual(xml.tag, "service_definition")
        self.assertEqual(xml.findtext("service_code"), "ECL")
        self.assertEqual(self._get("/services/SOC.json").status_code, 404)

    def test_post_request_goes_through_the_intake(self):
        response = self._post("/requests.json", api_key=self.token_a)
        self.assertEqual(response.status_code, 200, response.text)
        (answer,) = response.json()
        self.assertEqual(
            set(answer), {"service_request_id", "service_notice", "account_id"}
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("number", "=", answer["service_request_id"])]
        )
        self.assertEqual(ticket.partner_id, self.citizen)
        self.assertEqual(
            ticket.channel_id,
            self.env.ref("grc_citoyen_open311.helpdesk_ticket_channel_open311"),
        )
        # Routed, timed and acknowledged like any other request.
        self.assertEqual(ticket.team_id, self.team_voirie)
        self.assertTrue(ticket.grc_sla_deadline)
        ack = self.env["mail.mail"].search(
            [("model", "=", ticket._name), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(ack.grc_acknowledges, "registration")
        self.assertEqual(ticket.location_latitude, 45.7602)

    def test_media_url_kept_as_a_link_and_photo_given_back(self):
        """The client's media_url is kept with the description, never
        fetched; GET answers the citizen's first photo as media_url."""
        with patch("requests.get") as fetch, patch("requests.Session.request") as ses:
            response = self._post(
                "/requests.json",
                api_key=self.token_a,
                media_url="https://photos.example.fr/nid.jpg",
            )
        fetch.assert_not_called()
        ses.assert_not_called()
        self.assertEqual(response.status_code, 200, response.text)
        number = response.json()[0]["service_request_id"]
        ticket = self.env["helpdesk.ticket"].search([("number", "=", number)])
        self.assertIn("https://photos.example.fr/nid.jpg", ticket.description)
        one = self._get(f"/requests/{number}.json", api_key=self.token_a).json()[0]
        self.assertIsNone(one["media_url"])
        photo = self.env["ir.attachment"].create(
            {
                "name": "nid.png",
                "raw": PNG,
                "res_model": ticket._name,
                "res_id": ticket.id,
            }
        )
        ticket.grc_citizen_attachment_ids = [(4, photo.id)]
        one = self._get(f"/requests/{number}.json", api_key=self.token_a).json()[0]
        self.assertRegex(one["media_url"], r"/web/content/\d+\?access_token=\w+")
        for bad in ("file:///etc/passwd", "javascript:alert(1)", "nid.jpg"):
            refused = self._post("/requests.json", api_key=self.token_a, media_url=bad)
            self.assertEqual(refused.status_code, 400, bad)
        self.assertEqual(len(self._requests_of(self.citizen)), 1)

    def test_attributes_of_a_service_without_any(self):
        """The core's services have no attributes (metadata false); an
        attribute posted to one is refused, nothing is filed."""
        response = self._post(
            "/requests.json", api_key=self.token_a, **{"attribute[couleur]": "rouge"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("couleur", response.json()[0]["description"])
        self.assertFalse(self._requests_of(self.citizen))

    def test_post_request_xml(self):
        response = self._post("/requests.xml", api_key=self.token_a)
        root = ElementTree.fromstring(response.content)
        self.assertEqual(root.tag, "service_requests")
        self.assertTrue(root.findtext("request/service_request_id").startswith("DEM-"))

    def test_post_request_refusals(self):
        self.assertEqual(self._post("/requests.json").status_code, 403)
        self.assertEqual(
            self._post("/requests.json", api_key="grc_nope").status_code, 403
        )
        self.assertEqual(
            self._post(
                "/requests.json", api_key=self.token_a, service_code="SOC"
            ).status_code,
            404,
        )
        bad = self._post("/requests.json", api_key=self.token_a, lat="91")
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(bad.json()[0]["code"], 400)
        # The place is required for this service: the intake's message.
        placeless = self._post("/requests.json", api_key=self.token_a, lat="", long="")
        self.assertEqual(placeless.status_code, 400)
        self.assertFalse(self._requests_of(self.citizen))

    def test_client_files_for_the_citizen_it_names(self):
        response = self._post(
            "/requests.json",
            api_key=self.client_key,
            email="jeanne.petit@example.fr",
            first_name="Jeanne",
            last_name="Petit",
        )
        self.assertEqual(response.status_code, 200, response.text)
        ticket = self.env["helpdesk.ticket"].search(
            [("number", "=", response.json()[0]["service_request_id"])]
        )
        self.assertEqual(ticket.partner_id.email, "jeanne.petit@example.fr")
        self.assertEqual(ticket.grc_open311_client_id, self.client_user)
        nameless = self._post("/requests.json", api_key=self.client_key)
        self.assertEqual(nameless.status_code, 400)

    def test_citizen_key_never_files_for_someone_else(self):
        response = self._post(
            "/requests.json", api_key=self.token_a, email=self.citizen_b.email
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("number", "=", response.json()[0]["service_request_id"])]
        )
        self.assertEqual(ticket.partner_id, self.citizen)

    def test_retry_with_the_same_key_files_once(self):
        headers = {"Idempotency-Key": "open311-retry-1"}
        first = self._post("/requests.json", headers=headers, api_key=self.token_a)
        second = self._post("/requests.json", headers=headers, api_key=self.token_a)
        self.assertEqual(first.json(), second.json())
        self.assertEqual(len(self._requests_of(self.citizen)), 1)

    def test_get_requests(self):
        number = self._post("/requests.json", api_key=self.token_a).json()[0][
            "service_request_id"
        ]
        mine = self._get("/requests.json", api_key=self.token_a)
        self.assertEqual([r["service_request_id"] for r in mine.json()], [number])
        self.assertEqual(set(mine.json()[0]), REQUEST_MEMBERS)
        self.assertEqual(mine.json()[0]["status"], "open")
        one = self._get(f"/requests/{number}.json", api_key=self.token_a)
        self.assertEqual(one.json()[0]["service_request_id"], number)
        xml = ElementTree.fromstring(
            self._get(f"/requests/{number}.xml", api_key=self.token_a).content
        )
        self.assertEqual(xml.findtext("request/service_code"), "ECL")
        filtered = self._get(
            "/requests.json", api_key=self.token_a, status="closed"
        ).json()
        self.assertEqual(filtered, [])
        # Another citizen's key sees nothing of it.
        self.assertEqual(self._get("/requests.json", api_key=self.token_b).json(), [])
        self.assertEqual(
            self._get(f"/requests/{number}.json", api_key=self.token_b).status_code,
            404,
        )
        self.assertEqual(self._get("/requests.json").status_code, 403)
