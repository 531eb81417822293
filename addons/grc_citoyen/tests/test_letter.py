# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from PyPDF2 import PdfReader

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .test_notification import NotificationCommon

REPORT = "grc_citoyen.action_report_grc_request_letter"


class LetterCommon(NotificationCommon):
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
        self.assertEqual(action["report_name"], "grc_citoyen.report_grc_request_letter")
        self.assertEqual(action["data"], {"kind": "acknowledgement"})
        self._resolve(ticket)
        action = ticket.with_user(self.agent).action_grc_print_letter()
        self.assertEqual(action["data"], {"kind": "answer"})


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
