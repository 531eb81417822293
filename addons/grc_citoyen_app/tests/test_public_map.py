# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from unittest.mock import patch

from PIL import Image

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.common import GrcCommon

from ..models import helpdesk_ticket as ticket_module

BBOX = "45.70,4.80,45.80,4.90"
PUBLIC_KEYS = {
    "id",
    "lat",
    "lon",
    "type",
    "type_id",
    "state",
    "street",
    "date",
    "expected",
    "note",
    "photo",
    "join",
}


def jpeg():
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "#ff0000").save(output, format="JPEG")
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestPublicMap(HttpCase, GrcCommon):
    """Open reports of public démarches in a box, with no personal data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_lamp.write(
            {"is_published": True, "location_required": True, "grc_public_map": True}
        )
        cls.type_private = cls.env["grc.request.type"].create(
            {"name": "Aide à domicile", "team_id": cls.team_voirie.id}
        )
        at = {"location_latitude": 45.76, "location_longitude": 4.85}
        cls.shown = cls._create_request(
            location_street="12 rue des Lilas", location_city="Lyon", **at
        )
        cls.not_public = cls._create_request(request_type_id=cls.type_private.id, **at)
        cls.confidential = cls._create_request(team_id=cls.team_ccas.id, **at)
        cls.elsewhere = cls._create_request(
            location_latitude=48.85, location_longitude=2.35
        )
        cls.closed = cls._resolve(cls._create_request(**at))
        cls.photo = cls.env["ir.attachment"].create(
            {
                "name": "nid.jpg",
                "raw": jpeg(),
                "res_model": "helpdesk.ticket",
                "res_id": cls.shown.id,
            }
        )

    def _points(self, bbox=BBOX):
        response = self.url_open(f"/carte/signalements.json?bbox={bbox}")
        self.assertEqual(response.status_code, 200)
        return response.json()["points"]

    def test_only_open_public_reports_in_the_box(self):
        points = self._points()
        self.assertEqual([point["id"] for point in points], [self.shown.id])
        self.assertEqual(set(points[0]), PUBLIC_KEYS)
        self.assertEqual(points[0]["street"], "12 rue des Lilas")
        self.assertTrue(points[0]["join"])

    def test_no_personal_data(self):
        response = self.url_open(f"/carte/signalements.json?bbox={BBOX}")
        for private in (
            self.citizen.name,
            self.citizen.email,
            "lampadaire",  # the citizen's own words (description, subject)
            self.shown.number,
        ):
            self.assertNotIn(private.lower(), response.text.lower())
        point = response.json()["points"][0]
        self.assertEqual((point["note"], point["photo"]), ("", False))

    def test_published_note_and_approved_photo(self):
        self.assertEqual(
            self.url_open(f"/carte/photo/{self.shown.id}").status_code, 404
        )
        self.shown.write(
            {
                "grc_public_note": "Lampadaire éteint",
                "grc_public_photo_id": self.photo.id,
            }
        )
        point = self._points()[0]
        self.assertEqual((point["note"], point["photo"]), ("Lampadaire éteint", True))
        photo = self.url_open(f"/carte/photo/{self.shown.id}")
        self.assertEqual(photo.headers["Content-Type"], "image/jpeg")
        self.assertEqual(
            self.url_open(f"/carte/photo/{self.not_public.id}").status_code, 404
        )

    def test_photo_of_another_request_refused(self):
        with self.assertRaises(ValidationError):
            self.not_public.grc_public_photo_id = self.photo

    @mute_logger("odoo.http")
    def test_box_is_bounded(self):
        for bbox in ("", "a,b,c,d", "45,4,44,5", "40,0,48,8", "1,2,3"):
            response = self.url_open(f"/carte/signalements.json?bbox={bbox}")
            self.assertEqual(response.status_code, 400, bbox)

    def test_clusters_beyond_the_limit(self):
        self._create_request(location_latitude=45.71, location_longitude=4.81)
        self._create_request(location_latitude=45.711, location_longitude=4.811)
        with patch.object(ticket_module, "MAP_MAX_POINTS", 2):
            answer = self.url_open(f"/carte/signalements.json?bbox={BBOX}").json()
        self.assertNotIn("points", answer)
        self.assertEqual(sum(c["count"] for c in answer["clusters"]), 3)
        self.assertEqual(len(answer["clusters"]), 2)

    def test_bounded_queries(self):
        for index in range(5):
            self._create_request(
                location_latitude=45.75 + index / 1000, location_longitude=4.85
            )
        tickets = self.env["helpdesk.ticket"]
        box = tickets._grc_parse_bbox(BBOX)
        tickets._grc_public_map(box)
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            self.assertEqual(len(tickets._grc_public_map(box)["points"]), 6)

    def test_confidential_type_never_public(self):
        with self.assertRaises(ValidationError):
            self.type_private.write({"is_confidential": True, "grc_public_map": True})

    def test_map_page(self):
        page = self.url_open("/carte")
        self.assertEqual(page.status_code, 200)
        self.assertIn("grc_public_map_list", page.text)
        self.assertIn(self.type_lamp.name, page.text)
        self.assertNotIn(self.type_private.name, page.text)

    def test_citizen_cannot_read_nor_write_publication(self):
        user = new_test_user(
            self.env,
            login="map-citizen",
            groups="base.group_portal",
            partner_id=self.citizen.id,
        )
        mine = self.shown.with_user(user)
        with self.assertRaises(AccessError):
            mine.read(["grc_public_note"])
        with self.assertRaises(AccessError):
            mine.write({"grc_public_note": "Publié par moi"})
