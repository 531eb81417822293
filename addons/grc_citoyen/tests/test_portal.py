# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import uuid
from unittest.mock import patch

from odoo import http
from odoo.exceptions import ValidationError
from odoo.models import BaseModel
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import GrcCommon, PortalFormMixin
from .test_request_intake import EXE, PDF, PNG


@tagged("post_install", "-at_install")
class TestCitizenPortal(PortalFormMixin, HttpCase, GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Voirie et espaces publics"}
        )
        cls.type_lamp.write(
            {
                "category_id": cls.category.id,
                "description": "<p>Indiquez l'adresse du lampadaire.</p>",
            }
        )
        cls.type_hidden = cls.env["grc.request.type"].create(
            {
                "name": "Démarche interne non publiée",
                "code": "HID",
                "team_id": cls.team_voirie.id,
                "is_published": False,
            }
        )
        cls.user_helene = new_test_user(
            cls.env,
            login="helene",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
            email="helene.nunez@example.fr",
        )
        cls.user_marc = new_test_user(
            cls.env,
            login="marc",
            groups="base.group_portal",
            name="Marc Lefebvre",
            email="marc.lefebvre@example.fr",
        )
        cls.request_marc = cls._create_request(
            name="Demande privée de Marc",
            partner_id=cls.user_marc.partner_id.id,
        )
        cls.tickets = cls.env["helpdesk.ticket"]

    def _my_tickets(self, partner):
        return self.tickets.search([("partner_id", "=", partner.id)])

    # Catalogue

    def test_catalogue_lists_published_types_only(self):
        """The catalogue shows published types by category, never the others."""
        response = self.url_open("/demarches")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.type_lamp.name, response.text)
        self.assertIn(self.category.name, response.text)
        self.assertNotIn(self.type_hidden.name, response.text)
        response = self.url_open("/demarches?search=lampadaire")
        self.assertIn(self.type_lamp.name, response.text)
        response = self.url_open("/demarches?search=introuvable")
        self.assertNotIn(self.type_lamp.name, response.text)

    def test_type_page_and_form(self):
        """A type page tells the delay; unpublished types are not found."""
        slug = self.env["ir.http"]._slug(self.type_lamp)
        response = self.url_open(f"/demarches/{slug}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("adresse du lampadaire", response.text)
        self.assertIn("working days", response.text)
        response = self.url_open(f"/demarches/{self.type_lamp.id}/nouvelle")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="idempotency_key"', response.text)
        self.assertIn('<label for="grc_description"', response.text)
        for url in (
            f"/demarches/{self.env['ir.http']._slug(self.type_hidden)}",
            f"/demarches/{self.type_hidden.id}/nouvelle",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)

    # Submission by a logged-in citizen

    def test_submission_once_with_same_token(self):
        """Posting the same form twice files one request and shows its reference."""
        self.authenticate("helene", "helene")
        key = str(uuid.uuid4())
        first = self._post_form(idempotency_key=key)
        second = self._post_form(idempotency_key=key)
        tickets = self._my_tickets(self.citizen)
        self.assertEqual(len(tickets), 1)
        self.assertEqual(tickets.channel_id.name, "Online portal")
        for response in (first, second):
            self.assertEqual(response.status_code, 200)
            self.assertIn(tickets.number, response.text)
            self.assertIn(f"/my/requests/{tickets.id}", response.url)

    def test_form_key_is_scoped_to_the_citizen(self):
        """Another citizen posting the same form key gets a request of their
        own, never a redirect to (nor a word of) the first citizen's."""
        key = str(uuid.uuid4())
        self.authenticate("helene", "helene")
        self._post_form(idempotency_key=key)
        helene_request = self._my_tickets(self.citizen)
        self.assertEqual(len(helene_request), 1)
        self.authenticate("marc", "marc")
        marc_before = self._my_tickets(self.user_marc.partner_id)
        response = self._post_form(
            idempotency_key=key, description="Le lampadaire du 3 est éteint."
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(f"/my/requests/{helene_request.id}", response.url)
        self.assertNotIn(helene_request.number, response.text)
        marc_request = self._my_tickets(self.user_marc.partner_id) - marc_before
        self.assertEqual(len(marc_request), 1)
        self.assertIn(f"/my/requests/{marc_request.id}", response.url)
        # The first citizen's retry still finds their own request.
        self.authenticate("helene", "helene")
        self._post_form(idempotency_key=key)
        self.assertEqual(self._my_tickets(self.citizen), helene_request)

    def test_submitted_key_of_another_citizen_refused(self):
        """Any intake path: a key that finds another citizen's request
        returns nothing of it."""
        key = "portal-key-1"
        values = {
            "request_type_id": self.type_lamp.id,
            "description": "Lampadaire éteint.",
            "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
            "idempotency_key": key,
        }
        first = self.tickets._grc_submit_request(
            dict(values, partner_id=self.citizen.id)
        )
        with self.assertRaises(ValidationError):
            self.tickets._grc_submit_request(
                dict(values, partner_id=self.user_marc.partner_id.id)
            )
        again = self.tickets._grc_submit_request(
            dict(values, partner_id=self.citizen.id)
        )
        self.assertEqual(again, first)

    def test_missing_fields_store_nothing(self):
        """A missing description is shown next to its field; nothing is stored."""
        self.type_lamp.location_required = True
        self.authenticate("helene", "helene")
        response = self._post_form(description="", location_street="", location_city="")
        self.assertEqual(response.status_code, 200)
        self.assertIn('id="grc_error_description"', response.text)
        self.assertIn('id="grc_error_location"', response.text)
        self.assertRegex(
            response.text,
            r'aria-describedby="grc_help_description grc_error_description"',
        )
        self.assertIn('id="grc_error_summary"', response.text)
        self.assertFalse(self._my_tickets(self.citizen))

    def test_oversized_file_refused(self):
        """A file above the limit is refused with a clear message."""
        self.env["ir.config_parameter"].set_param(
            "grc_citoyen.attachment_max_size_mb", "0.01"
        )
        self.authenticate("helene", "helene")
        response = self._post_form(
            files={"attachments": ("plan.pdf", PDF + b"0" * 20000, "application/pdf")}
        )
        self.assertIn('id="grc_error_attachments"', response.text)
        self.assertIn("too big", response.text)
        self.assertFalse(self._my_tickets(self.citizen))

    def test_renamed_executable_refused(self):
        """An .exe renamed .pdf is refused; nothing is stored."""
        self.authenticate("helene", "helene")
        response = self._post_form(
            files={"attachments": ("facture.pdf", EXE, "application/pdf")}
        )
        self.assertIn('id="grc_error_attachments"', response.text)
        self.assertIn("not accepted", response.text)
        self.assertFalse(self._my_tickets(self.citizen))
        self.assertFalse(
            self.env["ir.attachment"].search([("name", "=", "facture.pdf")])
        )

    def test_html_escaped_on_request_page(self):
        """HTML and scripts typed by a citizen are shown as text."""
        self.authenticate("helene", "helene")
        self._post_form(
            name='<img src=x onerror="alert(1)">',
            description='<script>alert("xss")</script>',
            files={"attachments": ("photo.png", PNG, "image/png")},
        )
        ticket = self._my_tickets(self.citizen)
        response = self.url_open(f"/my/requests/{ticket.id}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn('<script>alert("xss")', response.text)
        self.assertNotIn("<img src=x", response.text)
        self.assertIn("&lt;script&gt;", response.text)
        self.assertIn("&lt;img src=x", response.text)
        self.assertIn("photo.png", response.text)

    # My requests

    def test_other_citizen_request_not_found(self):
        """Another citizen's request is not found, and nothing of it leaks."""
        self.authenticate("helene", "helene")
        for url in (
            f"/my/requests/{self.request_marc.id}",
            f"/my/requests/{self.request_marc.id}?access_token=forged",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Demande privée de Marc", response.text)
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/my/requests/{self.request_marc.id}/message",
                data={"csrf_token": http.Request.csrf_token(self), "body": "pirate"},
            )
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("pirate", self.request_marc.message_ids.mapped("body"))
        response = self.url_open("/my/requests?filterby=all")
        self.assertNotIn("Demande privée de Marc", response.text)

    def test_access_token_opens_request(self):
        """The link of the acknowledgement opens the request without logging in."""
        url = self.request_marc.get_portal_url()
        self.assertTrue(url.startswith(f"/my/requests/{self.request_marc.id}?"))
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Demande privée de Marc", response.text)

    def test_my_requests_filters(self):
        """The list filters open and closed requests."""
        mine = self._create_request(name="Trottoir abîmé")
        done = self._create_request(name="Banc réparé")
        self._resolve(done)
        self.authenticate("helene", "helene")
        response = self.url_open("/my/requests")
        self.assertIn(mine.number, response.text)
        self.assertNotIn(done.number, response.text)
        response = self.url_open("/my/requests?filterby=closed")
        self.assertNotIn(mine.number, response.text)
        self.assertIn(done.number, response.text)
        response = self.url_open("/my/requests?filterby=all")
        self.assertIn(mine.number, response.text)
        self.assertIn(done.number, response.text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["grc_request_count"]}
        )
        self.assertEqual(counters["grc_request_count"], 2)

    def test_message_cancel_and_internal_notes(self):
        """The citizen writes, sees public answers only, and cancels."""
        ticket = self._create_request(name="Trottoir abîmé")
        ticket.message_post(
            body="Note interne confidentielle",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        ticket.message_post(
            body="Un agent passe demain.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.authenticate("helene", "helene")
        response = self.url_open(
            f"/my/requests/{ticket.id}/message",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "body": "Merci, je serai là.",
            },
            files={"attachments": ("photo.png", PNG, "image/png")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Merci, je serai là.", response.text)
        self.assertIn("Un agent passe demain.", response.text)
        self.assertNotIn("Note interne confidentielle", response.text)
        message = ticket.message_ids.filtered(lambda m: "je serai" in m.body)
        self.assertEqual(message.author_id, self.citizen)
        self.assertEqual(message.attachment_ids.name, "photo.png")

        response = self.url_open(
            f"/my/requests/{ticket.id}/cancel",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(ticket.grc_state, "cancelled")
        self.assertNotIn("Cancel my request", response.text)

    def test_token_holder_writes_and_reopens(self):
        """With the link of the e-mail, the citizen writes and reopens a request."""
        ticket = self._create_request(name="Trottoir abîmé")
        self._resolve(ticket)
        token = ticket._portal_ensure_token()
        self.authenticate(None, None)
        response = self.url_open(f"/my/requests/{ticket.id}?access_token={token}")
        self.assertIn("reopen", response.text)
        response = self.url_open(
            f"/my/requests/{ticket.id}/message",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "access_token": token,
                "body": "Le trottoir est toujours cassé.",
            },
        )
        self.assertEqual(response.status_code, 200)
        message = ticket.message_ids.filtered(lambda m: "toujours" in m.body)
        self.assertEqual(message.author_id, self.citizen)
        self.url_open(
            f"/my/requests/{ticket.id}/reopen",
            data={"csrf_token": http.Request.csrf_token(self), "access_token": token},
        )
        self.assertNotEqual(ticket.grc_state, "resolved")
        # Without the token, nothing.
        response = self.url_open(
            f"/my/requests/{ticket.id}/cancel",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 404)

    def _make_requests(self, count):
        self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Demande {index}",
                    "description": "<p>x</p>",
                    "partner_id": self.citizen.id,
                    "request_type_id": self.type_lamp.id,
                    "team_id": self.team_voirie.id,
                }
                for index in range(count)
            ]
        )
        return self._my_tickets(self.citizen)

    def _count_queries(self, url):
        self.url_open(url)  # warm caches (templates, routing, menus)
        start = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - start

    def test_query_count_is_bounded(self):
        """/my/requests and a request page cost the same queries for 5 or 50."""
        self.authenticate("helene", "helene")
        tickets = self._make_requests(5)
        list_5 = self._count_queries("/my/requests")
        detail_5 = self._count_queries(f"/my/requests/{tickets[0].id}")
        tickets = self._make_requests(45)
        self.assertEqual(len(tickets), 50)
        list_50 = self._count_queries("/my/requests")
        detail_50 = self._count_queries(f"/my/requests/{tickets[0].id}")
        self.assertEqual(list_5, list_50)
        self.assertEqual(detail_5, detail_50)
        with self.assertQueryCount(list_5):
            self.url_open("/my/requests")

    def test_citizen_page_spares_the_editor_data(self):
        """The website editor's description of the page's record (four
        ``fields_get``, a fifth of the page's CPU) is staff only: a citizen's
        page neither computes nor carries it."""
        self.authenticate("helene", "helene")
        with patch.object(
            BaseModel, "fields_get", autospec=True, side_effect=BaseModel.fields_get
        ) as fields_get:
            response = self.url_open("/my/requests")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("data-can-publish", response.text)
        self.assertEqual(fields_get.call_count, 0)

    # Without an account

    def test_anonymous_missing_email(self):
        """Without an account, name and e-mail are required."""
        self.authenticate(None, None)
        response = self._post_form(citizen_name="", citizen_email="nope")
        self.assertIn('id="grc_error_citizen_email"', response.text)
        self.assertIn('id="grc_error_citizen_name"', response.text)
        self.assertFalse(self.tickets.search([("partner_id.email", "=", "nope")]))

    def test_visitor_asked_to_sign_in(self):
        """The core files no request for a visitor: a valid form sends them
        to sign in (or create an account) and back to the form."""
        if "grc.request.draft" in self.env.registry:
            # grc_citoyen_guest files visitors' requests (its own tests).
            self.skipTest("visitors' forms are filed by grc_citoyen_guest")
        self.authenticate(None, None)
        before = self.tickets.search([])
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "idempotency_key": str(uuid.uuid4()),
            "description": "Le lampadaire du 12 rue des Lilas est éteint.",
            "citizen_name": "Paul Durand",
            "citizen_email": "paul.durand@example.fr",
        }
        response = self.url_open(
            f"/demarches/{self.type_lamp.id}/nouvelle",
            data=data,
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login?redirect=", response.headers["Location"])
        self.assertIn(
            f"%2Fdemarches%2F{self.type_lamp.id}%2Fnouvelle",
            response.headers["Location"],
        )
        self.assertEqual(self.tickets.search([]), before)

    def test_visitor_finds_their_text_after_signing_in(self):
        """What a visitor typed comes back in the form once they have signed
        in, once: nothing they wrote is lost to the sign-in."""
        if "grc.request.draft" in self.env.registry:
            self.skipTest("visitors' forms are filed by grc_citoyen_guest")
        new_test_user(
            self.env,
            login="kept_form_citizen",
            password="kept_form_citizen",
            groups="base.group_portal",
        )
        # A browser's single session, as the server hands it out.
        self.opener.cookies.clear()
        form_url = f"/demarches/{self.type_lamp.id}/nouvelle"

        def csrf(url):
            page = self.url_open(url).text
            return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

        text = "Le lampadaire du 8 rue des Ormes clignote toute la nuit."
        response = self.url_open(
            form_url,
            data={
                "csrf_token": csrf(form_url),
                "description": text,
                "location_street": "8 rue des Ormes",
                "citizen_name": "Paul Durand",
                "citizen_email": "paul.durand@example.fr",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login?redirect=", response.headers["Location"])
        self.url_open(
            "/web/login",
            data={
                "login": "kept_form_citizen",
                "password": "kept_form_citizen",
                "csrf_token": csrf("/web/login"),
            },
            allow_redirects=False,
        )
        page = self.url_open(form_url).text
        self.assertIn('id="grc_form_kept"', page)
        self.assertIn(text, page)
        self.assertIn('value="8 rue des Ormes"', page)
        # Once: the next visit shows an empty form.
        page = self.url_open(form_url).text
        self.assertNotIn(text, page)
        self.assertNotIn('id="grc_form_kept"', page)

    def test_follow_up_by_reference_and_email(self):
        """Follow-up shows a request only for its reference and e-mail together."""
        ticket = self._create_request(name="Nid de poule avenue Foch")
        self.authenticate(None, None)

        def track(reference, email):
            return self.url_open(
                "/suivi",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "reference": reference,
                    "email": email,
                },
            )

        response = track(ticket.number, "helene.nunez@example.fr")
        self.assertIn("Nid de poule avenue Foch", response.text)
        self.assertIn("Request received", response.text)
        wrong_email = track(ticket.number, "autre@example.fr")
        unknown = track("DEM-1999-000001", "helene.nunez@example.fr")
        for response in (wrong_email, unknown):
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("Nid de poule", response.text)
            self.assertIn("No request matches this reference", response.text)
        # Guessing is slowed down: after 5 failures even a good pair waits.
        for _index in range(3):
            track("DEM-1999-000002", "x@example.fr")
        response = track(ticket.number, "helene.nunez@example.fr")
        self.assertIn("Too many attempts", response.text)
        self.assertNotIn("Nid de poule", response.text)
