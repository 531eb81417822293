# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from unittest.mock import patch

from PyPDF2 import PdfReader

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.test_notification import NotificationCommon

REPORT = "grc_citoyen_letters.action_report_grc_request_letter"


class LetterCommon(NotificationCommon):
    """A citizen who prefers post, at their address in Lyon; a service with
    its contact details for the letterhead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_citizen_postal()
        cls.team_voirie.write(
            {
                "address": "1 place de la Mairie, 69003 Lyon",
                "contact_phone": "+33 4 78 00 00 00",
                "contact_email": "voirie@ville.example.fr",
            }
        )

    @classmethod
    def _make_citizen_postal(cls):
        """The citizen asks for letters, at their address in Lyon."""
        cls.citizen.write(
            {
                "preferred_channel": "post",
                "street": "12 rue des Lilas",
                "zip": "69003",
                "city": "Lyon",
            }
        )

    def _letters(self, ticket):
        """The letters posted on the request, once the queue has run (as the
        cron does after the commit of the agent's click)."""
        self.env["grc.letter"]._cron_grc_generate(limit=None)
        return ticket.message_ids.filtered(
            lambda m: "Letter to print and send" in (m.body or "")
        )

    def _html(self, ticket, kind, **data):
        html = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, ticket.ids, data=dict(data, kind=kind)
        )[0]
        return html.decode()


class TestLetter(LetterCommon):
    def test_letter_kinds(self):
        """Each kind of letter says what it is for."""
        ticket = self._create_request(waiting_reason="Une photo du lampadaire")
        html = self._html(ticket, "acknowledgement")
        self.assertIn("We acknowledge receipt", html)
        self.assertIn(ticket.number, html)
        self.assertIn("69003", html)
        self.assertIn("Une photo du lampadaire", self._html(ticket, "information"))
        self.assertIn("without follow-up", self._html(ticket, "cancellation"))
        message = ticket.message_post(
            body="Nous passerons jeudi.", message_type="comment"
        )
        self.assertIn(
            "Nous passerons jeudi.",
            self._html(ticket, "message", message_id=message.id),
        )
        # Another request's message is never quoted.
        other = self._create_request()
        self.assertNotIn(
            "Nous passerons jeudi.",
            self._html(other, "message", message_id=message.id),
        )

    def test_closure_letter(self):
        """A postal citizen gets the closure letter when the request is closed."""
        ticket = self._create_request()
        self._resolve(ticket)
        self._move(ticket, self.stage_closed)
        self.assertIn("Your request is now closed.", self._html(ticket, "closure"))
        letter = self._letters(ticket)[0]
        self.assertIn("Closure", letter.body)

    def test_print_action(self):
        """The print button prints the letter matching the status."""
        ticket = self._create_request()
        action = ticket.with_user(self.agent).action_grc_print_letter()
        self.assertEqual(
            action["report_name"], "grc_citoyen_letters.report_grc_request_letter"
        )
        self.assertEqual(action["data"], {"kind": "acknowledgement"})
        self._resolve(ticket)
        action = ticket.with_user(self.agent).action_grc_print_letter()
        self.assertEqual(action["data"], {"kind": "answer"})

    def test_print_action_in_actions_menu(self):
        """Agents find the print action in the Actions menu of a request."""
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.agent)
            .get_bindings("helpdesk.ticket")["action"]
        )
        self.assertIn(
            self.env.ref(
                "grc_citoyen_letters.helpdesk_ticket_action_grc_print_letter"
            ).id,
            {action["id"] for action in bindings},
        )

    def test_print_letter_needs_a_citizen(self):
        """A letter cannot be printed before the request has a citizen."""
        request = self._create_request(partner_id=False)
        with self.assertRaises(UserError):
            request.action_grc_print_letter()


class TestPostalCitizen(LetterCommon):
    def test_letters_instead_of_mails(self):
        """A citizen who prefers post gets letters on the chatter, no mail."""
        ticket = self._submit(channel="grc_citoyen.helpdesk_ticket_channel_post")
        letter = self._letters(ticket)
        self.assertEqual(len(letter), 1)
        self.assertIn("Acknowledgement of receipt", letter.body)
        self.assertTrue(letter.attachment_ids)
        self.assertTrue(letter.subtype_id.internal)
        self.assertTrue(ticket.ack_registration_date)
        self.assertTrue(ticket.ack_receipt_date)
        self._move(ticket, self.stage_in_progress)
        self.assertEqual(len(self._letters(ticket)), 1)
        self._move(ticket, self.stage_done, grc_resolution="<p>Réparé.</p>")
        letters = self._letters(ticket)
        self.assertEqual(len(letters), 2)
        self.assertIn("Answer", letters[0].body)
        self.assertFalse(self._mails(ticket))

    def test_agent_message_becomes_letter(self):
        """An agent's message to a postal citizen is turned into a letter."""
        ticket = self._submit(channel="grc_citoyen.helpdesk_ticket_channel_post")
        ticket.with_user(self.agent).message_post(
            body="Nous passerons jeudi matin.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.citizen.ids,
        )
        letters = self._letters(ticket)
        self.assertEqual(len(letters), 2)
        self.assertIn("Message of the agent", letters[0].body)
        self.assertFalse(self._mails(ticket))
        html = letters[0].attachment_ids.raw.decode()
        self.assertIn("Nous passerons jeudi matin.", html)

    def test_receipt_acknowledgement_by_letter(self):
        """The receipt acknowledgement nobody triggered leaves by letter to a
        citizen who reads no e-mail."""
        ticket = self._submit()
        self.assertTrue(ticket.ack_receipt_date)
        before = self._letters(ticket)
        ticket.ack_receipt_date = False
        sent = self.tickets._cron_grc_receipt_acknowledgements(hours_ahead=24 * 365)
        self.assertEqual(sent, ticket)
        letter = self._letters(ticket) - before
        self.assertEqual(len(letter), 1)
        self.assertIn("Acknowledgement of receipt", letter.body)
        self.assertTrue(ticket.ack_receipt_date)


class TestLetterQueue(LetterCommon):
    def _queued(self, ticket):
        return self.env["grc.letter"].search([("ticket_id", "=", ticket.id)])

    def test_letter_generated_after_the_click(self):
        """The click queues the letter and triggers the cron; the PDF is
        made by the cron, then posted."""
        ticket = self._create_request()
        self._resolve(ticket)
        cron = self.env.ref("grc_citoyen_letters.ir_cron_grc_letters")
        Trigger = self.env["ir.cron.trigger"]
        # The cron ran since the answer letter: no trigger pending.
        Trigger.search([("cron_id", "=", cron.id)]).unlink()
        self._move(ticket, self.stage_closed)
        letter = self._queued(ticket).filtered(lambda q: q.kind == "closure")
        self.assertEqual(letter.state, "to_generate")
        self.assertFalse(
            ticket.message_ids.filtered(lambda m: "Closure" in (m.body or ""))
        )
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), 1)
        # Another letter before the cron runs: the pending trigger serves both.
        ticket._grc_post_letter("message")
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), 1)
        self.env["grc.letter"]._cron_grc_generate()
        self.assertEqual(letter.state, "done")
        self.assertTrue(letter.attachment_id)
        self.assertIn("Closure", self._letters(ticket)[1].body)

    def test_failing_renderer_keeps_the_letter(self):
        """A renderer that fails leaves the letter queued for the next run;
        one that cannot make it tells the agent on the request."""
        ticket = self._create_request()
        self.env["grc.letter"]._cron_grc_generate()
        ticket._grc_post_letter("answer")
        letter = self._queued(ticket).filtered(lambda q: q.kind == "answer")
        Report = type(self.env["ir.actions.report"])
        with (
            patch.object(
                Report, "_render_qweb_pdf", side_effect=OSError("wkhtmltopdf")
            ),
            mute_logger("odoo.addons.grc_citoyen_letters.models.grc_letter"),
        ):
            self.env["grc.letter"]._cron_grc_generate()
        self.assertEqual((letter.state, letter.attempts), ("to_generate", 1))
        self.assertIn("wkhtmltopdf", letter.error)
        with (
            patch.object(
                Report, "_render_qweb_pdf", side_effect=UserError("No layout")
            ),
            mute_logger("odoo.addons.grc_citoyen_letters.models.grc_letter"),
        ):
            self.env["grc.letter"]._cron_grc_generate()
        self.assertEqual(letter.state, "failed")
        self.assertIn("could not be generated", ticket.message_ids[0].body)
        self.env["grc.letter"]._cron_grc_generate()
        self.assertEqual(letter.state, "failed")

    def test_queue_is_for_administrators(self):
        """Agents see the letters on the request, not the queue itself."""
        ticket = self._create_request()
        letters = ticket._grc_post_letter("answer")
        self.assertEqual(letters, self._queued(ticket))
        with self.assertRaises(AccessError):
            letters.with_user(self.agent).read(["kind"])
        with self.assertRaises(AccessError):
            letters.with_user(self.agent).write({"state": "done"})


class TestPostalChannel(LetterCommon):
    def test_channels(self):
        """Letters follow the consent, the address and the preferred channel."""
        self.citizen.preferred_channel = "email"
        ticket = self._create_request()
        self.assertEqual(ticket._grc_contact_channels(), {"email"})
        self.citizen.preferred_channel = "post"
        self.assertEqual(ticket._grc_contact_channels(), {"post"})
        self.citizen.consent_post = False
        self.assertEqual(ticket._grc_contact_channels(), set())
        self.citizen.write(
            {"preferred_channel": "email", "consent_email": False, "consent_post": True}
        )
        # Unreachable electronically: a letter.
        self.assertEqual(ticket._grc_contact_channels(), {"post"})
        # Without an address, no letter.
        self.citizen.street = False
        self.assertEqual(ticket._grc_contact_channels(), set())

    def test_sms_preferred_without_email(self):
        """A citizen who prefers SMS, without an e-mail address nor the SMS
        channel, gets letters."""
        ticket = self._create_request()
        self.citizen.write(
            {
                "preferred_channel": "sms",
                "consent_sms": True,
                "mobile": "+33612345678",
                "email": False,
            }
        )
        Ticket = type(self.env["helpdesk.ticket"])
        with patch.object(Ticket, "_grc_electronic_channels", side_effect=set):
            self.assertEqual(ticket._grc_contact_channels(), {"post"})

    def test_no_letter_when_reachable_otherwise(self):
        """A citizen reachable on another electronic channel (SMS) gets no
        letter unless they prefer post."""
        self.citizen.write({"preferred_channel": "sms", "consent_email": False})
        ticket = self._create_request()
        Ticket = type(self.env["helpdesk.ticket"])
        sms_only = patch.object(
            Ticket, "_grc_electronic_channels", side_effect=lambda: {"sms"}
        )
        with sms_only:
            self.assertEqual(ticket._grc_contact_channels(), {"sms"})
            self.citizen.preferred_channel = "post"
            self.assertEqual(ticket._grc_contact_channels(), {"sms", "post"})


@tagged("post_install", "-at_install")
class TestLetterPdf(HttpCase, LetterCommon):
    """wkhtmltopdf loads the report's styles from the server: it needs the
    registry ready and the server answering, as in Odoo's own report tests."""

    def test_letter_pdf_renders(self):
        """The answer letter renders as a PDF on the letterhead with all its parts."""
        ticket = self._create_request()
        self._resolve(ticket, resolution="<p>Ampoule changée le 3 mars.</p>")
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores the
            # header options: the letterhead is then drawn in the page body.
            pdf, report_format = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(REPORT, ticket.ids, data={"kind": "answer"})
            )
        self.assertEqual(report_format, "pdf")
        reader = PdfReader(io.BytesIO(pdf))
        self.assertEqual(len(reader.pages), 1)
        text = " ".join(page.extract_text() for page in reader.pages)
        if not text.strip():
            # That wkhtmltopdf also draws the report's web fonts (Lato) as
            # outlines, leaving no text to extract: read the HTML it was given.
            text = self._html(ticket, "answer")
        for expected in (
            ticket.number,
            "Hélène Núñez",
            "12 rue des Lilas",
            "Voirie",
            "voirie@ville.example.fr",
            "Ampoule changée le 3 mars.",
            "Agent Voirie",
            "Head of service",
        ):
            self.assertIn(expected, text)
