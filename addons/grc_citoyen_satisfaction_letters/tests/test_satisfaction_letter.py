# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.grc_citoyen_letters.tests.test_letter import LetterCommon


class TestSatisfactionLetter(LetterCommon):
    def test_closure_letter_has_paper_survey(self):
        """The closure letter gives the survey link and a paper questionnaire."""
        ticket = self._create_request()
        self._resolve(ticket)
        self._move(ticket, self.stage_closed)
        html = self._html(ticket, "closure")
        self.assertIn("Your request is now closed.", html)
        self.assertIn(ticket.grc_survey_url, html)
        self.assertIn("Has your request been resolved?", html)
        self.assertIn("Partly", html)
        letter = self._letters(ticket)[0]
        self.assertIn("Closure", letter.body)

    def test_other_letters_have_no_survey(self):
        """Only the closure letter carries the questionnaire."""
        ticket = self._create_request()
        html = self._html(ticket, "acknowledgement")
        self.assertNotIn("Has your request been resolved?", html)
