# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json
import zipfile

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.common import GrcCommon


@tagged("post_install", "-at_install")
class TestPrivacyPortal(HttpCase, GrcCommon):
    """The citizen's privacy page: download their data, ask for erasure."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_helene, cls.user_marc = cls._create_portal_users("privacy")
        cls.agent = new_test_user(
            cls.env, login="privacy-agent", groups="grc_citoyen.group_grc_agent"
        )
        cls.citizen.write({"phone": "06 12 34 56 78", "zip": "69003"})
        cls.request_helene = cls._create_request(
            notes="<p>Notes internes : voisine procédurière.</p>",
            location_street="12 rue des Lilas",
        )
        cls.request_helene.message_post(
            body="Photo du lampadaire jointe.",
            author_id=cls.citizen.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("lampadaire.jpg", b"\xff\xd8\xff photo")],
        )
        cls.request_helene.message_post(
            body="Note interne : déjà signalé trois fois.",
            subtype_xmlid="mail.mt_note",
            attachments=[("rapport-interne.pdf", b"%PDF- interne")],
        )
        cls.request_marc = cls._create_request(
            name="Demande privée de Marc",
            description="<p>Chien qui aboie chez mon voisin.</p>",
            partner_id=cls.user_marc.partner_id.id,
        )
        cls.env["grc.interaction"].create(
            {
                "name": "Question sur les encombrants",
                "partner_id": cls.citizen.id,
                "channel_id": cls.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
                "notes": "Collecte le premier lundi du mois.",
            }
        )

    def _download(self):
        response = self.url_open("/my/privacy/download")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        return archive, json.loads(archive.read("my_data.json"))

    def test_download_holds_own_data_only(self):
        """The ZIP holds the citizen's profile, requests, public messages,
        files and interactions; not another's request nor internal notes."""
        self.authenticate("helene-privacy", "helene-privacy")
        archive, data = self._download()
        self.assertEqual(data["profile"]["email"], "helene.nunez@example.fr")
        self.assertEqual(data["profile"]["phone"], "+33612345678")
        self.assertEqual(
            [request["reference"] for request in data["requests"]],
            [self.request_helene.number],
        )
        request = data["requests"][0]
        self.assertEqual(request["location"]["street"], "12 rue des Lilas")
        self.assertIn("Photo du lampadaire jointe.", str(request["messages"]))
        self.assertEqual(
            [attachment["name"] for attachment in request["attachments"]],
            ["lampadaire.jpg"],
        )
        self.assertEqual(
            archive.read(request["attachments"][0]["file"]), b"\xff\xd8\xff photo"
        )
        self.assertEqual(
            data["interactions"][0]["answer_given"],
            "Collecte le premier lundi du mois.",
        )
        everything = json.dumps(data, ensure_ascii=False) + " ".join(archive.namelist())
        for secret in (
            self.request_marc.number,
            "Chien qui aboie",
            "Notes internes",
            "Note interne",
            "rapport-interne",
        ):
            self.assertNotIn(secret, everything)

    def test_download_needs_an_account(self):
        """Without a session the download redirects to the login page."""
        response = self.url_open("/my/privacy/download", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_erasure_request_from_the_page(self):
        """The form files one request, shown as being reviewed; another
        citizen does not see it."""
        self.authenticate("helene-privacy", "helene-privacy")
        page = self.url_open("/my/privacy")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ask for the erasure of my data", page.text)
        response = self.url_open(
            "/my/privacy/erasure",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "reason": "<script>alert('x')</script> Je quitte la ville.",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("is being reviewed", response.text)
        erasure = self.env["grc.erasure.request"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(len(erasure), 1)
        self.assertIn("Je quitte la ville.", erasure.reason)
        self.assertIn("To review", response.text)
        self.authenticate("marc-privacy", "marc-privacy")
        page = self.url_open("/my/privacy")
        self.assertNotIn("is being reviewed", page.text)
        self.assertNotIn("To review", page.text)

    @mute_logger("odoo.http")
    def test_erasure_needs_the_csrf_token(self):
        """A forged POST without CSRF token files nothing."""
        self.authenticate("helene-privacy", "helene-privacy")
        response = self.url_open("/my/privacy/erasure", data={"reason": "forged"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(
            self.env["grc.erasure.request"].search_count(
                [("partner_id", "=", self.citizen.id)]
            )
        )

    def test_agents_are_sent_back(self):
        """The page is for citizens: back-office users are sent to /my."""
        self.authenticate("privacy-agent", "privacy-agent")
        response = self.url_open("/my/privacy", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))
