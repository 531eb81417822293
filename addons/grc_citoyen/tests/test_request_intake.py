# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import zipfile
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError

from .common import GrcCommon

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def make_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


class IntakeCommon(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"
        cls.type_lamp.location_required = True
        cls.tickets = cls.env["helpdesk.ticket"]

    def _count_calls(self, target, name):
        """Patch ``target.name`` with a wrapper counting its calls."""
        original = getattr(target, name)
        calls = []

        def wrapper(*args, **kwargs):
            calls.append(args)
            return original(*args, **kwargs)

        return patch.object(target, name, wrapper), calls

    def _values(self, **values):
        vals = {
            "request_type_id": self.type_lamp.id,
            "description": "Le lampadaire devant le n°12 ne s'allume plus.",
            "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
            "location_street": "12 rue des Lilas",
            "location_zip": "69003",
            "location_city": "Lyon",
            "citizen": {"name": "Paul Durand", "email": "paul.durand@example.fr"},
            "idempotency_key": "key-1",
        }
        vals.update(values)
        return vals


class TestRequestIntake(IntakeCommon):
    def test_submit_creates_request_and_citizen(self):
        """A submission creates the request, its citizen and its files."""
        ticket = self.tickets._grc_submit_request(
            self._values(attachments=[("photo.png", PNG, "image/png")])
        )
        self.assertEqual(ticket.request_type_id, self.type_lamp)
        self.assertEqual(ticket.team_id, self.team_voirie)
        self.assertEqual(
            ticket.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        )
        self.assertEqual(ticket.name, self.type_lamp.name)
        self.assertEqual(ticket.location_city, "Lyon")
        self.assertTrue(ticket.partner_id.is_citizen)
        self.assertEqual(ticket.partner_id.email, "paul.durand@example.fr")
        self.assertIn(ticket.partner_id, ticket.message_partner_ids)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(attachment.mimetype, "image/png")

    def test_acknowledgement_is_queued(self):
        """The acknowledgement is a queued mail quoting the reference."""
        ticket = self.tickets._grc_submit_request(self._values())
        mail = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn(ticket.number, mail.subject)
        self.assertIn(ticket.number, mail.body_html)
        self.assertEqual(mail.recipient_ids, ticket.partner_id)

    def test_failing_mail_server_keeps_request(self):
        """Nothing is sent synchronously: a broken mail server cannot lose it."""
        with patch.object(
            type(self.env["mail.mail"]), "send", side_effect=OSError("SMTP down")
        ):
            ticket = self.tickets._grc_submit_request(self._values())
        self.assertTrue(ticket.exists())

    def test_same_key_returns_same_request(self):
        """A retry with the same idempotency key returns the first request."""
        first = self.tickets._grc_submit_request(self._values())
        second = self.tickets._grc_submit_request(
            self._values(description="Envoyé deux fois")
        )
        self.assertEqual(first, second)
        self.assertEqual(
            self.tickets.search_count([("grc_idempotency_key", "=", "key-1")]), 1
        )

    def test_concurrent_same_key_returns_existing(self):
        """When the unique index catches a concurrent twin, the twin is returned."""
        twin = self._create_request(grc_idempotency_key="key-1")
        model = type(self.tickets)
        original = model._grc_find_by_idempotency_key
        calls = []

        def not_seen_first(self_, key, company):
            calls.append(key)
            if len(calls) == 1:
                return self_.browse()
            return original(self_, key, company)

        with (
            patch.object(model, "_grc_find_by_idempotency_key", not_seen_first),
            # The twin's unique violation is handled: no ERROR logged.
            self.assertNoLogs("odoo.sql_db", "ERROR"),
        ):
            ticket = self.tickets._grc_submit_request(self._values())
        self.assertEqual(ticket, twin)
        self.assertEqual(len(calls), 2)

    def test_key_unique_per_company(self):
        """The idempotency key is unique per company, not across companies."""
        other_company = self.env["res.company"].create({"name": "Autre commune"})
        other_team = self.env["helpdesk.ticket.team"].create(
            {"name": "Voirie (autre commune)", "company_id": other_company.id}
        )
        other_type = self.env["grc.request.type"].create(
            {
                "name": "Éclairage (autre commune)",
                "company_id": other_company.id,
                "team_id": other_team.id,
            }
        )
        ticket = self.tickets._grc_submit_request(self._values())
        other = self.tickets._grc_submit_request(
            self._values(request_type_id=other_type.id)
        )
        self.assertNotEqual(ticket, other)
        self.assertEqual(other.company_id, other_company)

    def test_known_citizen_found_by_email(self):
        """A known citizen is found by e-mail, whatever its case."""
        ticket = self.tickets._grc_submit_request(
            self._values(
                citizen={"name": "H. Nunez", "email": "Helene.Nunez@Example.FR"}
            )
        )
        self.assertEqual(ticket.partner_id, self.citizen)

    def test_dedup_engine_decides(self):
        """The citizen dedup engine decides who the citizen is."""
        with patch.object(
            type(self.env["grc.citizen.dedup"]),
            "_match_citizen",
            return_value=(self.citizen, False),
        ) as find:
            ticket = self.tickets._grc_submit_request(self._values())
        find.assert_called_once()
        self.assertEqual(ticket.partner_id, self.citizen)

    def test_partner_given_is_used(self):
        """A logged-in citizen's partner is used as is."""
        ticket = self.tickets._grc_submit_request(
            self._values(citizen=None, partner_id=self.citizen.id)
        )
        self.assertEqual(ticket.partner_id, self.citizen)

    def test_text_is_escaped(self):
        """HTML typed by a citizen is stored escaped, never as markup."""
        ticket = self.tickets._grc_submit_request(
            self._values(description='<script>alert("x")</script><b>gras</b>')
        )
        self.assertNotIn("<script>", ticket.description)
        self.assertNotIn("<b>", ticket.description)
        self.assertIn("&lt;script&gt;", ticket.description)

    def test_docx_heic_odt_accepted(self):
        """Documents and iPhone photos are accepted when their content matches."""
        odt = io.BytesIO()
        with zipfile.ZipFile(odt, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        ticket = self.tickets._grc_submit_request(
            self._values(
                attachments=[
                    ("lettre.docx", make_docx(), "application/octet-stream"),
                    ("photo.HEIC", HEIC, "image/heic"),
                    ("courrier.odt", odt.getvalue(), False),
                    ("plan.pdf", PDF, "application/pdf"),
                ]
            )
        )
        self.assertEqual(len(ticket.attachment_ids), 4)


class TestRequestIntakeValidation(IntakeCommon):
    def _assert_refused(self, message, **values):
        count = self.tickets.search_count([])
        with self.assertRaisesRegex(ValidationError, message):
            self.tickets._grc_submit_request(self._values(**values))
        self.assertEqual(self.tickets.search_count([]), count)

    def test_unknown_or_unpublished_type(self):
        """Unknown and unpublished types are refused."""
        self._assert_refused("no longer offered", request_type_id=0)
        self.type_lamp.is_published = False
        self._assert_refused("no longer offered")

    def test_missing_description(self):
        """A request needs a description."""
        self._assert_refused("Describe your request", description="   ")

    def test_location_required(self):
        """A type that needs a place refuses a request without one."""
        self._assert_refused("address", location_street=False, location_city=False)
        ticket = self.tickets._grc_submit_request(
            self._values(
                location_street=False,
                location_city=False,
                location_latitude="45.76",
                location_longitude="4.83",
            )
        )
        self.assertAlmostEqual(ticket.location_latitude, 45.76)

    def test_bad_coordinates(self):
        """Coordinates out of range are refused."""
        self._assert_refused("not valid", location_latitude="123")

    def test_file_too_big(self):
        """A file above the configured size is refused."""
        self.env["ir.config_parameter"].set_param(
            "grc_citoyen.attachment_max_size_mb", "0.001"
        )
        self._assert_refused(
            "too big", attachments=[("plan.pdf", PDF + b"0" * 2048, "application/pdf")]
        )

    def test_too_many_files(self):
        """More files than allowed are refused."""
        self._assert_refused(
            "at most 5 files",
            attachments=[(f"p{i}.png", PNG, "image/png") for i in range(6)],
        )

    def test_renamed_executable(self):
        """An executable renamed .pdf is refused by its content."""
        self._assert_refused(
            "not accepted", attachments=[("facture.pdf", EXE, "application/pdf")]
        )

    def test_forbidden_extension(self):
        """A file type outside the list is refused even with a valid content."""
        self._assert_refused(
            "not accepted", attachments=[("page.html", PDF, "text/html")]
        )

    def test_anonymous_needs_email(self):
        """Without an account, a valid e-mail address is required."""
        self._assert_refused(
            "valid e-mail", citizen={"name": "Paul", "email": "pas-un-email"}
        )

    def test_attachments_not_allowed(self):
        """A type without attachments refuses files."""
        self.type_lamp.attachments_allowed = False
        self._assert_refused(
            "does not accept", attachments=[("p.png", PNG, "image/png")]
        )


class TestRequestPortalActions(IntakeCommon):
    def test_cancel_while_new(self):
        """A new request can be cancelled by its citizen, not one in progress."""
        ticket = self._create_request()
        self.assertTrue(ticket._grc_portal_can_cancel())
        ticket._grc_portal_cancel()
        self.assertEqual(ticket.grc_state, "cancelled")
        other = self._create_request()
        other.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        with self.assertRaises(ValidationError):
            other._grc_portal_cancel()

    def test_reopen_within_window(self):
        """A resolved request can be reopened within the window only."""
        ticket = self._create_request()
        self._resolve(ticket)
        with freeze_time(fields.Datetime.now() + timedelta(days=30)):
            self.assertFalse(ticket._grc_portal_can_reopen())
        self.assertTrue(ticket._grc_portal_can_reopen())
        ticket._grc_portal_reopen()
        self.assertNotEqual(ticket.grc_state, "resolved")

    def test_tracking_lookup(self):
        """Follow-up needs the reference and the citizen's e-mail together."""
        ticket = self._create_request()
        find = self.tickets._grc_find_for_tracking
        self.assertEqual(find(ticket.number.lower(), "HELENE.nunez@example.fr"), ticket)
        self.assertFalse(find(ticket.number, "autre@example.fr"))
        self.assertFalse(find("DEM-1999-000001", "helene.nunez@example.fr"))
        self.assertFalse(find("", ""))

    def test_portal_message_checks_files(self):
        """A citizen's message is posted as theirs; bad files are refused."""
        ticket = self._create_request()
        message = ticket._grc_portal_post_message(
            self.citizen, "<b>Photo jointe</b>", [("p.png", PNG, "image/png")]
        )
        self.assertEqual(message.author_id, self.citizen)
        self.assertIn("&lt;b&gt;", message.body)
        self.assertEqual(len(message.attachment_ids), 1)
        with self.assertRaisesRegex(ValidationError, "not accepted"):
            ticket._grc_portal_post_message(self.citizen, "x", [("a.pdf", EXE, "")])
        with self.assertRaises(ValidationError):
            ticket._grc_portal_post_message(self.citizen, " ", [])

    def test_internal_notes_stay_internal(self):
        """Internal notes and their files never reach the citizen's timeline."""
        ticket = self._create_request()
        ticket.message_post(
            body="Note interne",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachments=[("interne.pdf", PDF)],
        )
        ticket.message_post(
            body="Réponse publique",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        bodies = [
            str(event["message"].body)
            for event in ticket._grc_portal_timeline()
            if event["kind"] == "message"
        ]
        self.assertTrue(any("Réponse publique" in body for body in bodies))
        self.assertFalse(any("Note interne" in body for body in bodies))
        self.assertNotIn("interne.pdf", ticket._grc_portal_attachments().mapped("name"))

    def test_files_agents_attach_without_sending_stay_internal(self):
        """A file an agent drops on the request without sending it is not the
        citizen's to download; the files the citizen sent are."""
        ticket = self.tickets._grc_submit_request(
            self._values(attachments=[("photo.png", PNG, "image/png")])
        )
        self.env["ir.attachment"].create(
            {
                "name": "rapport-interne.pdf",
                "raw": PDF,
                "res_model": "helpdesk.ticket",
                "res_id": ticket.id,
            }
        )
        ticket.message_post(
            body="Voici le devis",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("devis.pdf", PDF)],
        )
        self.assertEqual(
            ticket._grc_portal_attachments().mapped("name"), ["photo.png", "devis.pdf"]
        )
