# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from lxml import html

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GrcCommon
from .test_request_intake import PDF, PNG


@tagged("post_install", "-at_install")
class TestPortalTracking(HttpCase, GrcCommon):
    """The follow-up page (/suivi) shows the request as the citizen wrote it,
    once the reference and the e-mail address are given together."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {"phone": "04 00 00 00 00", "email": "mairie@ville.example.fr"}
        )
        cls.team_voirie.write(
            {
                "contact_phone": "04 72 10 30 30",
                "contact_email": "voirie@ville.example.fr",
                "address": "Centre technique municipal\n3 rue des Ateliers",
            }
        )
        cls.agent_writer = new_test_user(
            cls.env,
            login="tracking-writer",
            name="Sandrine Répond",
            groups="grc_citoyen.group_grc_agent",
        )
        cls.agent_assigned = new_test_user(
            cls.env,
            login="tracking-assigned",
            name="Bernard Assigné",
            groups="grc_citoyen.group_grc_agent",
        )
        cls.request = cls._create_request(
            name="Nid de poule avenue Foch",
            description="<p>Un trou profond devant le numéro 8.</p>",
            notes="<p>Notes internes : riverain déjà venu trois fois.</p>",
            user_id=cls.agent_assigned.id,
            location_street="8 avenue Foch",
            location_city="Lyon",
        )
        cls.request._grc_add_intake_attachments(
            [("photo-citoyen.png", PNG, "image/png")]
        )
        cls.request.message_post(
            body="Voici le plan du quartier.",
            author_id=cls.citizen.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("plan-du-quartier.pdf", PDF)],
        )
        cls.request.message_post(
            body="Nous passerons la semaine prochaine.",
            author_id=cls.agent_writer.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("courrier-du-service.pdf", PDF)],
        )
        cls.request.message_post(
            body="Note interne : voir avec la métropole.",
            author_id=cls.agent_writer.partner_id.id,
            subtype_xmlid="mail.mt_note",
            attachments=[("rapport-interne.pdf", PDF)],
        )
        cls.attachments = cls.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", cls.request.id)]
        )

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _track(self, reference, email="helene.nunez@example.fr"):
        return self.url_open(
            "/suivi",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "reference": reference,
                "email": email,
            },
        )

    def _attachment(self, name):
        return self.attachments.filtered(lambda a: a.name == name)

    def test_request_content_service_and_expected_date(self):
        """Subject, description, place, service contact and expected date."""
        self.request.grc_sla_deadline = datetime(2031, 3, 14, 17, 0)
        response = self._track(self.request.number)
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        page = html.fromstring(response.content)
        section = page.get_element_by_id("grc_tracking_request")
        text = section.text_content()
        for expected in (
            "Nid de poule avenue Foch",
            "Un trou profond devant le numéro 8.",
            "8 avenue Foch",
            "Voirie",
            "04 72 10 30 30",
            "voirie@ville.example.fr",
            "Centre technique municipal",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
        self.assertIn(
            "2031", page.get_element_by_id("grc_tracking_expected_date").text_content()
        )
        # Public answers are in the history, as on /my/requests.
        self.assertIn("Nous passerons la semaine prochaine.", text)

    def test_nothing_internal(self):
        """Internal notes, their files and the assigned agent never show."""
        text = self._track(self.request.number).text
        for hidden in (
            "riverain déjà venu",
            "voir avec la métropole",
            "rapport-interne.pdf",
            "Bernard Assigné",
        ):
            with self.subTest(hidden=hidden):
                self.assertNotIn(hidden, text)

    def test_citizen_files_downloadable_with_their_token_only(self):
        """The citizen's files are listed with a token; the link works, the
        bare address does not, and the services' files are not listed."""
        page = html.fromstring(self._track(self.request.number).content)
        links = {
            link.text_content().strip(): link.get("href")
            for link in page.get_element_by_id("grc_tracking_files").iter("a")
        }
        self.assertEqual(sorted(links), ["photo-citoyen.png", "plan-du-quartier.pdf"])
        photo = self._attachment("photo-citoyen.png")
        self.assertTrue(photo.access_token)
        self.assertIn(f"access_token={photo.access_token}", links["photo-citoyen.png"])
        self.authenticate(None, None)
        response = self.url_open(links["photo-citoyen.png"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PNG)
        for name in ("photo-citoyen.png", "rapport-interne.pdf"):
            with self.subTest(name=name):
                attachment = self._attachment(name)
                response = self.url_open(f"/web/content/{attachment.id}?download=true")
                self.assertNotEqual(response.status_code, 200)
                self.assertNotEqual(response.content, attachment.raw)

    def test_confidential_request_shows_status_only(self):
        """A confidential request shows its status, not its content or files."""
        secret = self._create_request(
            name="Aide au paiement du loyer",
            description="<p>Je ne peux plus payer mon loyer.</p>",
            team_id=self.team_ccas.id,
        )
        secret._grc_add_intake_attachments(
            [("avis-imposition.pdf", PDF, "application/pdf")]
        )
        secret.message_post(
            body="Dossier transmis à l'assistante sociale.",
            author_id=self.agent_writer.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertTrue(secret.is_confidential)
        text = self._track(secret.number).text
        self.assertIn(secret.number, text)
        self.assertIn("Request received", text)
        self.assertIn("bound to", text)
        for hidden in ("payer mon loyer", "avis-imposition.pdf", "assistante sociale"):
            with self.subTest(hidden=hidden):
                self.assertNotIn(hidden, text)

    def test_confidential_request_hides_title_type_and_service(self):
        """Reference and e-mail show the status of a confidential request,
        never its title, its type nor the service handling it: they would
        tell a family member reading the mailbox what it is about."""
        self.team_ccas.write({"contact_phone": "04 99 88 77 66"})
        type_rsa = self.env["grc.request.type"].create(
            {
                "name": "Revenu de solidarité",
                "code": "RSA",
                "team_id": self.team_ccas.id,
            }
        )
        secret = self._create_request(
            name="Demande de secours urgent",
            description="<p>Plus de ressources.</p>",
            team_id=self.team_ccas.id,
            request_type_id=type_rsa.id,
        )
        text = self._track(secret.number).text
        self.assertIn(secret.number, text)
        self.assertIn("Request received", text)
        for hidden in (
            "secours urgent",
            "Revenu de solidarité",
            "CCAS",
            "04 99 88 77 66",
        ):
            with self.subTest(hidden=hidden):
                self.assertNotIn(hidden, text)

    def test_wrong_email_shows_nothing(self):
        """Without the right e-mail, nothing of the request is shown."""
        text = self._track(self.request.number, "autre@example.fr").text
        self.assertIn("No request matches this reference", text)
        for hidden in ("Nid de poule", "photo-citoyen.png", "04 72 10 30 30"):
            self.assertNotIn(hidden, text)
