# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One intake for every channel: one validation, one upload policy (files
read once), one idempotency helper, one error type, acknowledgement written
with the row."""

import base64
from unittest.mock import patch

from odoo.addons.grc_citoyen.tools import intake as intake_tools
from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError

from .common import GrcCommon
from .test_request_intake import EXE, HEIC, PDF, PNG, IntakeCommon

MAIL_WITH_FILES = """Return-Path: <paul.durand@example.fr>
To: voirie@ville.example.fr
Message-ID: <paul-files@example.fr>
Date: Tue, 03 Mar 2026 10:12:00 +0100
From: Paul Durand <paul.durand@example.fr>
MIME-Version: 1.0
Subject: Lampadaire éteint
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

Le lampadaire devant le 12 rue des Lilas est éteint, photo et facture jointes.
--XX
Content-Type: application/pdf; name="constat.pdf"
Content-Disposition: attachment; filename="constat.pdf"
Content-Transfer-Encoding: base64

{pdf}
--XX
Content-Type: application/pdf; name="facture.pdf.exe"
Content-Disposition: attachment; filename="facture.pdf.exe"
Content-Transfer-Encoding: base64

{exe}
--XX--
"""


class TestIntakeOnePath(IntakeCommon):
    def test_one_error_type_with_fields(self):
        """Invalid values raise one error type carrying per-field messages."""
        with self.assertRaises(GrcIntakeError) as caught:
            self.tickets._grc_submit_request(
                self._values(
                    description="",
                    location_street=False,
                    attachments=[("virus.exe", EXE, "application/pdf")],
                )
            )
        errors = caught.exception.errors
        self.assertEqual(set(errors), {"description", "location", "attachments"})
        self.assertIn("virus.exe", errors["attachments"])
        self.assertIn(errors["description"], str(caught.exception))

    def test_files_read_once(self):
        """A request's files are sniffed once, from validation to storage."""
        wrapped, calls = self._count_calls(intake_tools, "sniff_mimetype")
        with wrapped:
            ticket = self.tickets._grc_submit_request(
                self._values(
                    attachments=[
                        ("photo.png", PNG, "image/png"),
                        ("constat.pdf", PDF, "text/plain"),
                    ]
                )
            )
        self.assertEqual(len(calls), 2)
        self.assertEqual(
            sorted(ticket.grc_citizen_attachment_ids.mapped("mimetype")),
            ["application/pdf", "image/png"],
        )

    def test_acknowledgement_written_with_the_row(self):
        """The acknowledgement's marks are written by the request's create,
        not by a second write; its mail is queued once the row exists. By
        e-mail, the mark waits for the mail to leave (mail.mail writes it)."""
        wrapped, calls = self._count_calls(type(self.tickets), "write")
        with wrapped:
            ticket = self.tickets._grc_submit_request(self._values())
        self.assertFalse(calls)
        self.assertFalse(ticket.ack_registration_date)
        ack = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(len(ack), 1)
        self.assertEqual(ack.state, "outgoing")
        self.assertEqual(ack.grc_acknowledges, "registration")
        ack.send()
        self.assertTrue(ticket.ack_registration_date)

    def test_failing_mail_server_keeps_the_request(self):
        """The acknowledgement is queued: no mail server is called while the
        request is filed, so a failing one loses nothing."""
        with patch.object(
            type(self.env["ir.mail_server"]),
            "send_email",
            side_effect=ConnectionRefusedError("SMTP down"),
        ) as send:
            ticket = self.tickets._grc_submit_request(self._values())
        send.assert_not_called()
        self.assertTrue(ticket.exists())

    def test_back_office_request_not_acknowledged_by_create(self):
        """Only the intake acknowledges: an agent's ticket created directly
        gets no acknowledgement mark."""
        ticket = self._create_request()
        self.assertFalse(ticket.ack_registration_date)

    def test_idempotency_replays(self):
        """The same key returns the same record on each channel."""
        first = self.tickets._grc_submit_request(self._values())
        self.assertEqual(self.tickets._grc_submit_request(self._values()), first)


class TestMailGatewayIntake(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {"name": "ville.example.fr", "bounce_alias": "bounce"}
        )
        cls.env.company.write(
            {"alias_domain_id": cls.alias_domain.id, "email": "mairie@ville.example.fr"}
        )
        cls.team_voirie.alias_id.write(
            {"alias_name": "voirie", "alias_domain_id": cls.alias_domain.id}
        )
        cls.tickets = cls.env["helpdesk.ticket"]

    def test_forbidden_file_dropped_request_kept(self):
        """A mail with a file the upload policy refuses still files the
        request: the file is dropped and the agents are told on a note."""
        before = self.tickets.search([])
        message = MAIL_WITH_FILES.format(pdf=b64(PDF), exe=b64(EXE))
        self.env["mail.thread"].message_process(None, message)
        ticket = self.tickets.search([]) - before
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["constat.pdf"])
        note = ticket.message_ids.filtered(lambda m: "facture.pdf.exe" in m.body)
        self.assertEqual(len(note), 1)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        # Acknowledged like the other channels (recorded when the mail left).
        ack = self.env["mail.mail"].search(
            [("model", "=", ticket._name), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(ack.grc_acknowledges, "registration")

    def test_heic_photo_by_mail_kept(self):
        """An iPhone photo (HEIC) is accepted by mail as on the portal."""
        before = self.tickets.search([])
        message = MAIL_WITH_FILES.replace("facture.pdf.exe", "photo.heic").format(
            pdf=b64(PDF), exe=b64(HEIC)
        )
        self.env["mail.thread"].message_process(None, message)
        ticket = self.tickets.search([]) - before
        self.assertEqual(
            sorted(ticket.attachment_ids.mapped("name")), ["constat.pdf", "photo.heic"]
        )


def b64(data):
    return base64.b64encode(data).decode()
