# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen.tests.test_notification import NotificationCommon


class SatisfactionCommon(NotificationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.survey = ref("grc_citoyen_satisfaction.survey_grc_satisfaction")
        cls.question_score = ref("grc_citoyen_satisfaction.survey_question_grc_score")
        cls.question_resolved = ref(
            "grc_citoyen_satisfaction.survey_question_grc_resolved"
        )
        cls.question_comment = ref(
            "grc_citoyen_satisfaction.survey_question_grc_comment"
        )
        cls.question_delay = ref("grc_citoyen_satisfaction.survey_question_grc_delay")
        cls.resolved_partly = ref(
            "grc_citoyen_satisfaction.survey_answer_grc_resolved_partly"
        )
        cls.params = cls.env["ir.config_parameter"].sudo()

    def _closed_request(self):
        ticket = self._submit()
        self._resolve(ticket)
        self._move(ticket, self.stage_closed)
        return ticket

    def _invitation(self, ticket):
        return self.env["survey.user_input"].search([("grc_ticket_id", "=", ticket.id)])

    def _answer(self, ticket, score, comment="Merci."):
        answer = self._invitation(ticket)
        answer._save_lines(self.question_score, score)
        answer._save_lines(self.question_resolved, self.resolved_partly.id)
        answer._save_lines(self.question_comment, comment)
        answer._mark_done()
        return answer


class TestSatisfaction(SatisfactionCommon):
    def test_survey_sent_at_closure(self):
        """Closing a request invites its citizen to the survey, linked in the mail."""
        ticket = self._submit()
        self._resolve(ticket)
        self.assertFalse(self._invitation(ticket))
        before = self._mails(ticket)
        self._move(ticket, self.stage_closed)
        answer = self._invitation(ticket)
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(answer.partner_id, self.citizen)
        self.assertEqual(answer.state, "new")
        mail = self._mails(ticket) - before
        self.assertEqual(len(mail), 1)
        self.assertIn(answer.access_token, mail.body_html)
        self.assertIn("Give my opinion", mail.body_html)
        self.assertEqual(
            ticket.grc_survey_url, answer.get_base_url() + answer.get_start_url()
        )
        self.assertEqual(ticket.action_grc_open_survey()["url"], ticket.grc_survey_url)

    def test_no_survey_without_consent(self):
        """A citizen who does not accept surveys (their withdrawn consent,
        recorded by grc_citoyen_privacy) is not invited."""
        partner_class = type(self.env["res.partner"])
        accepts = partner_class._grc_accepts

        def refuses_surveys(partner, purpose):
            return purpose != "survey" and accepts(partner, purpose)

        with patch.object(partner_class, "_grc_accepts", refuses_surveys):
            ticket = self._closed_request()
        self.assertFalse(self._invitation(ticket))

    def test_one_invitation_per_request(self):
        """A request reopened and closed again keeps its first invitation."""
        ticket = self._closed_request()
        ticket.with_context(grc_reopen=True).write(
            {"stage_id": self.stage_in_progress.id}
        )
        self._resolve(ticket)
        self._move(ticket, self.stage_closed)
        self.assertEqual(len(self._invitation(ticket)), 1)

    def test_cron_closure_invites(self):
        """Requests closed by the scheduled action are invited too."""
        ticket = self._submit()
        self._resolve(ticket)
        ticket.resolution_date = "2020-01-01 10:00:00"
        self.tickets._cron_close_resolved_requests()
        self.assertEqual(ticket.grc_state, "closed")
        self.assertTrue(self._invitation(ticket))

    def test_score_stored_from_completed_answer(self):
        """A completed answer stores score, resolution and comment on the request."""
        ticket = self._closed_request()
        self.assertFalse(ticket.satisfaction_date)
        answer = self._invitation(ticket)
        answer._save_lines(self.question_score, 9)
        self.assertFalse(ticket.satisfaction_date)  # not until it is completed
        self._answer(ticket, 9, comment="Rapide et efficace.")
        self.assertEqual(ticket.satisfaction_score, 9)
        self.assertEqual(ticket.satisfaction_resolved, "partly")
        self.assertEqual(ticket.satisfaction_comment, "Rapide et efficace.")
        self.assertTrue(ticket.satisfaction_date)
        self.assertFalse(ticket.grc_survey_url)
        self.assertIn("9/10", ticket.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "no survey waiting"):
            ticket.action_grc_open_survey()

    def test_answer_on_the_citizen_timeline(self):
        """The answer is on the citizen's timeline, with its score, as
        confidential as its request."""
        ticket = self._closed_request()
        Timeline = self.env["grc.citizen.timeline"]
        domain = [
            ("partner_id", "=", ticket.partner_id.id),
            ("kind", "=", "satisfaction"),
        ]
        self.assertFalse(Timeline.search(domain))
        self._answer(ticket, 7)
        line = Timeline.search(domain)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.date, ticket.satisfaction_date)
        self.assertEqual(line.ticket_id, ticket)
        self.assertIn("(7/10)", line.name)
        self.assertEqual(line.is_confidential, ticket.is_confidential)

    def test_score_zero_is_an_answer(self):
        """A score of 0 is stored and told apart from no answer."""
        ticket = self._closed_request()
        self._answer(ticket, 0)
        self.assertEqual(ticket.satisfaction_score, 0)
        self.assertTrue(ticket.satisfaction_date)

    def test_low_score_offers_complaint(self):
        """A low score offers a complaint link only when a complaint form exists."""
        ticket = self._closed_request()
        before = self._mails(ticket)
        answer = self._answer(ticket, 3)
        self.assertFalse(answer.grc_complaint_url)
        self.assertEqual(self._mails(ticket), before)

        self.params.set_param("grc_citoyen.complaint_url", "/my/reclamation/new")
        answer.invalidate_recordset(["grc_complaint_url"])
        expected = f"/my/reclamation/new?request_id={ticket.id}"
        self.assertTrue(answer.grc_complaint_url.endswith(expected))
        other = self._closed_request()
        before = self._mails(other)
        self._answer(other, 4)
        mail = self._mails(other) - before
        self.assertEqual(len(mail), 1)
        self.assertIn(f"/my/reclamation/new?request_id={other.id}", mail.body_html)

    def test_high_or_threshold_score_no_complaint(self):
        """Above the configured threshold no complaint is offered."""
        self.params.set_param("grc_citoyen.complaint_url", "/my/reclamation/new")
        self.params.set_param("grc_citoyen.satisfaction_low_score", "2")
        ticket = self._closed_request()
        before = self._mails(ticket)
        answer = self._answer(ticket, 3)
        self.assertFalse(answer.grc_complaint_url)
        self.assertEqual(self._mails(ticket), before)

    def test_survey_questions(self):
        """The survey asks a 0-10 score, delay, clarity, resolution and comment."""
        self.assertEqual(self.question_score.question_type, "scale")
        self.assertEqual(
            (self.question_score.scale_min, self.question_score.scale_max), (0, 10)
        )
        self.assertEqual(len(self.survey.question_ids), 5)
        self.assertEqual(self.survey.access_mode, "token")


@tagged("post_install", "-at_install")
class TestSatisfactionPage(HttpCase, SatisfactionCommon):
    def test_end_page_offers_complaint(self):
        """The survey's end page offers the complaint link after a low score."""
        self.params.set_param("grc_citoyen.complaint_url", "/my/reclamation/new")
        ticket = self._closed_request()
        answer = self._answer(ticket, 2)
        url = f"/survey/{self.survey.access_token}/{answer.access_token}"
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/reclamation/new?request_id={ticket.id}", response.text)
        self.assertIn("File a complaint", response.text)
        happy = self._closed_request()
        answer = self._answer(happy, 10)
        response = self.url_open(
            f"/survey/{self.survey.access_token}/{answer.access_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("File a complaint", response.text)

    def test_portal_page_invites_to_survey(self):
        """A closed request's portal page links to the survey until it is answered."""
        ticket = self._closed_request()
        url = ticket.sudo().get_portal_url()
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("give my opinion", response.text)
        self.assertIn(self._invitation(ticket).access_token, response.text)
        self._answer(ticket, 8)
        self.assertNotIn("give my opinion", self.url_open(url).text)
