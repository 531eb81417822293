# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tools import html2plaintext, mute_logger

from ..models.helpdesk_ticket_intake import MAX_DESCRIPTION_LENGTH
from .common import GrcCommon

MAIL = """Return-Path: <{email_from}>
To: {to}
Message-ID: {msg_id}
Date: Tue, 03 Mar 2026 10:12:00 +0100
From: {email_from}
MIME-Version: 1.0
Subject: {subject}
{headers}Content-Type: text/plain; charset=utf-8

Bonjour,

Le lampadaire devant le 12 rue des Lilas est éteint depuis lundi.

Paul Durand
"""


class TestMailGateway(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {
                "name": "ville.example.fr",
                "bounce_alias": "bounce",
                "catchall_alias": "catchall",
            }
        )
        cls.env.company.write(
            {"alias_domain_id": cls.alias_domain.id, "email": "mairie@ville.example.fr"}
        )
        cls.team_voirie.alias_id.write(
            {"alias_name": "voirie", "alias_domain_id": cls.alias_domain.id}
        )
        cls.tickets = cls.env["helpdesk.ticket"]

    def _process(
        self,
        msg_id="<paul-1@example.fr>",
        email_from="Paul Durand <paul.durand@example.fr>",
        subject="Lampadaire éteint",
        headers="",
        to="voirie@ville.example.fr",
    ):
        message = MAIL.format(
            to=to,
            msg_id=msg_id,
            email_from=email_from,
            subject=subject,
            headers=headers,
        )
        return self.env["mail.thread"].message_process(None, message)

    def _new_tickets(self, before):
        return self.tickets.search([]) - before

    def test_new_mail_files_request(self):
        """A mail to a service's alias files a request from a new citizen."""
        before = self.tickets.search([])
        self._process()
        ticket = self._new_tickets(before)
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.team_id, self.team_voirie)
        self.assertEqual(
            ticket.channel_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email"),
        )
        self.assertTrue(ticket.partner_id.is_citizen)
        self.assertEqual(ticket.partner_id.email, "paul.durand@example.fr")
        self.assertEqual(ticket.partner_id.name, "Paul Durand")
        self.assertEqual(ticket.message_ids[:1].author_id, ticket.partner_id)
        self.assertIn(ticket.partner_id, ticket.message_partner_ids)
        ack = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(len(ack), 1)
        self.assertIn(ticket.number, ack.subject)
        self.assertIn("voirie@ville.example.fr", ack.reply_to)

    def test_known_citizen_matched_by_sender(self):
        """A known citizen is matched by the sender's address."""
        before = self.tickets.search([])
        self._process(email_from="Hélène <HELENE.NUNEZ@example.fr>")
        self.assertEqual(self._new_tickets(before).partner_id, self.citizen)

    def test_reply_threads_on_request(self):
        """A reply to a request is added to it, not filed as a new one."""
        before = self.tickets.search([])
        self._process()
        ticket = self._new_tickets(before)
        reply = MAIL.format(
            to="voirie@ville.example.fr",
            msg_id="<paul-2@example.fr>",
            email_from="Paul Durand <paul.durand@example.fr>",
            subject=f"Re: {ticket.number} - Request received",
            headers="In-Reply-To: <paul-1@example.fr>\n"
            "References: <paul-1@example.fr>\n",
        )
        self.env["mail.thread"].message_process(None, reply)
        self.assertEqual(self._new_tickets(before), ticket)
        self.assertIn("<paul-2@example.fr>", ticket.message_ids.mapped("message_id"))

    def test_reply_to_acknowledgement_threads(self):
        """The citizen's answer to the acknowledgement is added to the request."""
        ticket = self._create_request()
        ticket._grc_send_acknowledgement()
        ack = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        before = self.tickets.search([])
        self._process(
            msg_id="<helene-2@example.fr>",
            email_from="Hélène Núñez <helene.nunez@example.fr>",
            subject=f"Re: {ack.subject}",
            headers=f"In-Reply-To: {ack.message_id}\nReferences: {ack.message_id}\n",
        )
        self.assertEqual(self.tickets.search([]), before)
        self.assertIn("<helene-2@example.fr>", ticket.message_ids.mapped("message_id"))

    def test_same_message_twice_files_one_request(self):
        """The same message processed twice files one request (Message-Id)."""
        before = self.tickets.search([])
        self._process()
        self._process()
        self.assertEqual(len(self._new_tickets(before)), 1)

    def test_auto_replies_ignored(self):
        """Auto-replies and bulk mail file no request (logged at INFO)."""
        before = self.tickets.search([])
        for index, headers in enumerate(
            (
                "Auto-Submitted: auto-replied\n",
                "X-Autoreply: yes\n",
                "Precedence: bulk\n",
                "Precedence: auto_reply\n",
            )
        ):
            with patch("odoo.addons.grc_citoyen.models.mail_thread._logger") as logger:
                self._process(
                    msg_id=f"<auto-{index}@example.fr>",
                    subject="Absence du bureau",
                    headers=headers,
                )
            logger.info.assert_called_once()
            self.assertIn("Ignored automatic mail", logger.info.call_args[0][0])
        self.assertFalse(self._new_tickets(before))

    def test_auto_submitted_no_is_a_citizen(self):
        """ "Auto-Submitted: no" is a human message and files a request."""
        before = self.tickets.search([])
        self._process(headers="Auto-Submitted: no\n")
        self.assertEqual(len(self._new_tickets(before)), 1)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_bounces_ignored(self):
        """Bounces and delivery reports file no request."""
        before = self.tickets.search([])
        self._process(
            msg_id="<dsn-1@example.fr>",
            email_from="Mail Delivery System <MAILER-DAEMON@example.fr>",
            subject="Undelivered Mail Returned to Sender",
        )
        self._process(
            msg_id="<dsn-2@example.fr>",
            email_from="postmaster@example.fr",
            subject="Delivery Status Notification (Failure)",
        )
        self.assertFalse(self._new_tickets(before))

    def test_unknown_charset_read_with_replacement(self):
        """A mail in a charset Python does not know files its request: the
        text is read as UTF-8, unreadable bytes replaced, nothing lost."""
        raw = (
            b"To: voirie@ville.example.fr\n"
            b"Message-ID: <charset-1@example.fr>\n"
            b"From: Paul Durand <paul.durand@example.fr>\n"
            b"Subject: Lampadaire\n"
            b"MIME-Version: 1.0\n"
            b"Content-Type: text/plain; charset=x-grc-unknown\n"
            b"Content-Transfer-Encoding: 8bit\n\n"
        ) + "Le lampadaire est éteint.\n".encode("latin-1")
        before = self.tickets.search([])
        with mute_logger("odoo.addons.grc_citoyen.models.mail_thread"):
            self.env["mail.thread"].message_process(None, raw)
        ticket = self._new_tickets(before)
        self.assertEqual(len(ticket), 1)
        self.assertIn("Le lampadaire est", ticket.description)
        self.assertIn("\ufffd", ticket.description)

    def test_long_mail_capped_full_text_attached(self):
        """A mail longer than the portal's limit: the request keeps the first
        10,000 characters, the whole text is attached."""
        text = "Le lampadaire clignote. " * 2000  # 48,000 characters
        raw = MAIL.format(
            to="voirie@ville.example.fr",
            msg_id="<long-1@example.fr>",
            email_from="Paul Durand <paul.durand@example.fr>",
            subject="Lampadaire",
            headers="",
        ).replace("Le lampadaire devant", text + "\nLe lampadaire devant")
        before = self.tickets.search([])
        self.env["mail.thread"].message_process(None, raw)
        ticket = self._new_tickets(before)
        description = html2plaintext(ticket.description)
        self.assertLess(len(description), MAX_DESCRIPTION_LENGTH + 200)
        self.assertIn("message-complet.txt", description)
        message = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertLess(len(html2plaintext(message.body)), MAX_DESCRIPTION_LENGTH + 200)
        (full,) = message.attachment_ids.filtered(
            lambda a: a.name == "message-complet.txt"
        )
        self.assertIn(text.strip(), full.raw.decode())

    def test_reply_files_screened(self):
        """The files of a reply by mail pass the upload policy: a part that
        claims to be an image but is not is refused, and the agents told."""
        before = self.tickets.search([])
        self._process()
        ticket = self._new_tickets(before)
        boundary = "grc-boundary"
        reply = (
            "To: voirie@ville.example.fr\n"
            "Message-ID: <paul-3@example.fr>\n"
            "In-Reply-To: <paul-1@example.fr>\n"
            "References: <paul-1@example.fr>\n"
            "From: Paul Durand <paul.durand@example.fr>\n"
            f"Subject: Re: {ticket.number}\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'
            f"--{boundary}\n"
            "Content-Type: text/plain; charset=utf-8\n\n"
            "Voici la photo.\n"
            f"--{boundary}\n"
            'Content-Type: image/jpeg; name="photo.jpg"\n'
            'Content-Disposition: attachment; filename="photo.jpg"\n'
            "Content-Transfer-Encoding: base64\n\n"
            "TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
            f"--{boundary}--\n"
        )
        self.env["mail.thread"].message_process(None, reply)
        self.assertEqual(self._new_tickets(before), ticket)
        message = ticket.message_ids.filtered(
            lambda m: m.message_id == "<paul-3@example.fr>"
        )
        self.assertTrue(message)
        self.assertFalse(message.attachment_ids)
        self.assertFalse(
            self.env["ir.attachment"]
            .search([("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
            .filtered(lambda a: a.name == "photo.jpg")
        )
        note = ticket.message_ids.filtered(
            lambda m: "refused by the upload policy" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("photo.jpg", note.body)
