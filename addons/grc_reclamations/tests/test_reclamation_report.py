# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from odoo.tests import tagged
from odoo.tools import html2plaintext, mute_logger
from odoo.tools.pdf import PdfFileReader

from .common import ReclamationCommon

REPORT = "grc_reclamations.report_reclamation_answer"
ANSWER = "Nous avons renforcé l'équipe de voirie pour rattraper le retard."


class AnswerLetterCommon(ReclamationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen.write(
            {"street": "12 rue des Lilas", "zip": "75020", "city": "Paris"}
        )
        cls.director.partner_id.function = "Adjoint au maire"
        cls.env.company.write(
            {"name": "Mairie de Saint-Exemple", "city": "Saint-Exemple"}
        )
        rec = cls._create_reclamation(subject="Trottoir toujours défoncé")
        rec.with_user(cls.officer).action_admissible()
        rec.with_user(cls.officer).action_start_analysis()
        rec.write(
            {
                "justification": "justified",
                "answer_body": f"<p>{ANSWER}</p><script>alert('x')</script>",
            }
        )
        rec.with_user(cls.officer).action_draft_answer()
        rec.with_user(cls.officer).action_answered_by_post()
        cls.letter_reclamation = rec


@tagged("post_install", "-at_install")
class TestAnswerLetterHtml(AnswerLetterCommon):
    """The content of the answer letter."""

    def test_letter_content(self):
        """Letterhead, reference, citizen's address, answer and signatory."""
        rec = self.letter_reclamation
        html = self.env["ir.actions.report"]._render_qweb_html(REPORT, rec.ids)[0]
        text = html2plaintext(html.decode())
        for expected in (
            rec.name,
            "Hélène Núñez",
            "12 rue des Lilas",
            "75020",
            "Trottoir toujours défoncé",
            ANSWER,
            "Denis Directeur",
            "Adjoint au maire",
            "Mairie de Saint-Exemple",
        ):
            self.assertIn(expected, text)
        self.assertNotIn(b"<script>alert", html, "the answer is sanitised")

    def test_letter_is_offered_by_print_action(self):
        """The print button returns the answer letter report."""
        action = self.letter_reclamation.with_user(self.officer).action_print_answer()
        self.assertEqual(action["report_name"], REPORT)


@tagged("post_install", "-at_install")
class TestAnswerLetterPdf(AnswerLetterCommon):
    """The answer letter really renders as a PDF (wkhtmltopdf)."""

    def test_letter_pdf_text(self):
        """The PDF's extracted text holds the reference and the answer."""
        rec = self.letter_reclamation
        # Debian's wkhtmltopdf (unpatched Qt) draws the web fonts of the report
        # assets as outlines, which leaves no text to extract: the letter is
        # rendered without the assets (an address nothing listens on), in
        # system fonts. That wkhtmltopdf also complains on stderr about its
        # unpatched Qt and the missing assets, which Odoo logs as warnings.
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:1")
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, report_format = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(REPORT, rec.ids)
            )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        reader = PdfFileReader(io.BytesIO(pdf))
        text = " ".join(page.extract_text() for page in reader.pages)
        text = " ".join(text.split())
        self.assertIn(rec.name, text)
        self.assertIn("Denis Directeur", text)
        self.assertIn("renforcé l'équipe de voirie", text)
