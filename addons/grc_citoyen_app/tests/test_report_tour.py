# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json
from unittest.mock import patch

import requests
from PIL import Image

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon

from .test_push import MAIL_PUSH_SENDER
from .test_report_form import BAN_REVERSE, GEOCODER, FakeResponse


@tagged("post_install", "-at_install")
class TestReportTour(HttpCase, GrcCommon):
    """A pothole reported on a phone (360 px wide, touch), with a photo and
    the phone's position."""

    browser_size = "375x740"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_lamp.write(
            {"is_published": True, "location_required": True, "grc_app_photo": True}
        )
        new_test_user(
            cls.env,
            login="app-tour",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
        )

    def test_pothole_with_photo_and_position(self):
        """Install checks (manifest, service worker), the report, the report
        on the public map, the phone subscribed to push; then the agent's
        answer reaches the (mocked) push service."""
        # Local tiles: the test never reaches a tile server.
        self.env["ir.config_parameter"].set_param(
            "grc_citoyen.map_tile_url", "/grc-app/icon-192.png?z={z}&x={x}&y={y}"
        )
        # Street lamps are shown on the public map; the authority is in Lyon,
        # where the public map opens.
        self.type_lamp.grc_public_map = True
        self.env.company.partner_id.write(
            {"partner_latitude": 45.76, "partner_longitude": 4.85}
        )
        self.env["mail.push.device"].get_web_push_vapid_public_key()
        real_get = requests.get

        def get(url, *args, **kwargs):
            # The address base is mocked; the test browser's own calls are not.
            if url.endswith("/reverse/"):
                return FakeResponse(BAN_REVERSE)
            return real_get(url, *args, **kwargs)

        with patch(f"{GEOCODER}.requests.get", side_effect=get):
            self.start_tour(
                f"/demarches/{self.type_lamp.id}/nouvelle",
                "grc_app_pothole_report",
                login="app-tour",
            )
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertAlmostEqual(ticket.location_latitude, 45.7602, places=4)
        self.assertEqual(ticket.location_zip, "69003")
        photo = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(len(photo), 1)
        image = Image.open(io.BytesIO(photo.raw))
        self.assertEqual(max(image.size), 1600, "made smaller on the phone")
        self.assertFalse(image.getexif(), "no EXIF data left")
        # The phone subscribed in the browser; an agent answers the request.
        phone = self.env["mail.push.device"].search(
            [("partner_id", "=", self.citizen.id), ("grc_app_device", "=", True)]
        )
        self.assertEqual(phone.endpoint, "https://push.example.com/send/tour-phone")
        self.env["mail.push"].search([]).unlink()
        agent = new_test_user(
            self.env, login="agent-tour", groups="grc_citoyen.group_grc_agent"
        )
        self.team_voirie.user_ids = [(4, agent.id)]
        ticket.with_user(agent).message_post(
            body="Nous rebouchons le trou jeudi.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.citizen.ids,
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        with patch(MAIL_PUSH_SENDER) as push_service:
            self.env["mail.push"]._push_notification_to_endpoint()
        self.assertEqual(push_service.call_count, 1)
        delivered = push_service.call_args.kwargs
        self.assertEqual(delivered["device"]["endpoint"], phone.endpoint)
        payload = json.loads(delivered["payload"])
        self.assertEqual(payload["title"], f"Request {ticket.number}")
        self.assertIn("answered", payload["options"]["body"])
        self.assertEqual(payload["options"]["data"]["url"], f"/my/requests/{ticket.id}")
        self.assertNotIn("trou", delivered["payload"], "no free text in a push")

    def test_keyboard_only_report_without_the_map(self):
        """The same report with the keyboard only: Tab, typing, the address
        chosen among the suggestions, Enter; never the map nor the position."""
        params = self.env["ir.config_parameter"]
        params.set_param(
            "grc_citoyen.map_tile_url", "/grc-app/icon-192.png?z={z}&x={x}&y={y}"
        )
        real_get = requests.get
        searched = []

        def get(url, *args, **kwargs):
            if url.endswith("/search/"):
                searched.append(kwargs["params"]["q"])
                return FakeResponse(BAN_REVERSE)
            if url.endswith("/reverse/"):
                raise AssertionError("the keyboard path never places a pin")
            return real_get(url, *args, **kwargs)

        with patch(f"{GEOCODER}.requests.get", side_effect=get):
            self.start_tour(
                f"/demarches/{self.type_lamp.id}/nouvelle",
                "grc_app_keyboard_report",
                login="app-tour",
            )
        self.assertIn("12 rue des lilas", searched)
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.location_zip, "69003")
        self.assertAlmostEqual(ticket.location_latitude, 45.7602, places=4)
        self.assertIn("Nid-de-poule", ticket.description)

    def test_offline_report_sent_once_back_online(self):
        self.start_tour(
            f"/demarches/{self.type_lamp.id}/nouvelle",
            "grc_app_offline_report",
            login="app-tour",
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(len(ticket), 1, "sent exactly once")
        self.assertEqual(ticket.location_street, "3 rue des Lilas")
        self.assertTrue(ticket.grc_idempotency_key.startswith("portal:"))
