# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Routes of the survey addon a citizen reaches from an invitation."""

from odoo.tests import HttpCase, tagged

from .test_satisfaction import SatisfactionCommon


@tagged("post_install", "-at_install")
class TestSatisfactionSurveyRoutes(HttpCase, SatisfactionCommon):
    def _answer_count(self):
        return self.env["survey.user_input"].search_count(
            [("survey_id", "=", self.survey.id)]
        )

    def test_survey_answered_once(self):
        """An answered invitation cannot be retried nor answered again."""
        ticket = self._closed_request()
        answer = self._answer(ticket, 9)
        count = self._answer_count()
        token = self.survey.access_token
        self.url_open(f"/survey/retry/{token}/{answer.access_token}")
        self.url_open(f"/survey/start/{token}?answer_token={answer.access_token}")
        self.assertEqual(self._answer_count(), count)
        self.assertEqual(ticket.satisfaction_score, 9)

    def test_survey_needs_an_invitation(self):
        """The survey's own token, without an invitation, starts no answer."""
        count = self._answer_count()
        token = self.survey.access_token
        self.url_open(f"/survey/start/{token}")
        self.url_open(f"/survey/start/{token}?answer_token=guessed-token")
        self.assertEqual(self._answer_count(), count)
