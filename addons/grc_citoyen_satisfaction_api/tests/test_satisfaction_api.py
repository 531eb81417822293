# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.grc_citoyen_api.tests.common_api import GrcApiClientCase
from odoo.addons.grc_citoyen_api.tests.test_api_http import BRIDGE_SAMPLES


def _closed_request(test, partner=None):
    """A request of the citizen, resolved then closed: invited to the survey."""
    ticket = test._create_request(partner_id=(partner or test.citizen).id)
    test._resolve(ticket)
    ticket.stage_id = test.env.ref("grc_citoyen.helpdesk_ticket_stage_closed")
    test.env.flush_all()
    return ticket


def _answer_sample(test):
    ref = test.env.ref
    score = ref("grc_citoyen_satisfaction.survey_question_grc_score")
    resolved = ref("grc_citoyen_satisfaction.survey_question_grc_resolved")
    yes = ref("grc_citoyen_satisfaction.survey_answer_grc_resolved_yes")
    return {
        "path": f"/requests/{_closed_request(test).id}/satisfaction",
        "json": {
            "answers": [
                {"question_id": score.id, "value": 9},
                {"question_id": resolved.id, "value": yes.id},
            ]
        },
    }


# One valid call of each operation of this bridge, for the test of the whole
# OpenAPI document (grc_citoyen_api's TestApiHttp).
BRIDGE_SAMPLES.update(
    {
        "get_request_satisfaction": lambda test: {
            "path": f"/requests/{_closed_request(test).id}/satisfaction"
        },
        "answer_request_satisfaction": _answer_sample,
    }
)


@tagged("post_install", "-at_install")
class TestSatisfactionApi(GrcApiClientCase):
    """The satisfaction survey of a closed request, answered from the app
    into the invitation of the closure mail, once, by its citizen only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.q_score = ref("grc_citoyen_satisfaction.survey_question_grc_score")
        cls.q_resolved = ref("grc_citoyen_satisfaction.survey_question_grc_resolved")
        cls.q_comment = ref("grc_citoyen_satisfaction.survey_question_grc_comment")
        cls.partly = ref("grc_citoyen_satisfaction.survey_answer_grc_resolved_partly")

    def _closed(self, partner=None):
        return _closed_request(self, partner)

    def _path(self, ticket):
        return f"/requests/{ticket.id}/satisfaction"

    def _answer(self, ticket, answers, token=None):
        return self._call(
            "POST",
            self._path(ticket),
            token or self.token_a,
            json={
                "answers": [
                    {"question_id": question.id, "value": value}
                    for question, value in answers
                ]
            },
        )

    def test_answer_the_survey(self):
        ticket = self._closed()
        survey = self._call("GET", self._path(ticket), self.token_a).json()
        self.assertTrue(survey["can_answer"])
        questions = {q["id"]: q for q in survey["questions"]}
        self.assertEqual(questions[self.q_score.id]["type"], "scale")
        self.assertEqual(questions[self.q_score.id]["scale_max"], 10)
        self.assertTrue(questions[self.q_score.id]["mandatory"])
        self.assertIn(
            self.partly.id, [c["id"] for c in questions[self.q_resolved.id]["choices"]]
        )
        response = self._answer(
            ticket,
            [
                (self.q_score, 0),
                (self.q_resolved, self.partly.id),
                (self.q_comment, "Lent."),
            ],
        )
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertFalse(body["can_answer"])
        self.assertEqual(body["questions"], [])
        # A 0 is an answer, stored on the request as from the web survey.
        self.assertEqual((body["score"], body["resolved"]), (0, "partly"))
        self.assertEqual(ticket.satisfaction_score, 0)
        self.assertEqual(ticket.satisfaction_comment, "Lent.")
        invitation = self.env["survey.user_input"].search(
            [("grc_ticket_id", "=", ticket.id)]
        )
        self.assertEqual(invitation.state, "done")
        again = self._answer(ticket, [(self.q_score, 10)])
        self.assertApiError(again, 409, "not_allowed")
        self.assertEqual(ticket.satisfaction_score, 0)

    def test_refused_answers_record_nothing(self):
        ticket = self._closed()
        response = self._answer(
            ticket,
            [
                (self.q_score, 11),
                (self.q_resolved, 999999),
                (self.q_comment, "x" * 2001),
            ],
        )
        error = self.assertApiError(response, 422, "validation_error")
        self.assertEqual(
            {detail["field"] for detail in error["details"]},
            {
                f"answers.{self.q_score.id}",
                f"answers.{self.q_resolved.id}",
                f"answers.{self.q_comment.id}",
            },
        )
        missing = self._answer(ticket, [(self.q_comment, "Sans note")])
        error = self.assertApiError(missing, 422, "validation_error")
        mandatory = self.q_score.survey_id.question_ids.filtered("constr_mandatory")
        self.assertIn(self.q_score, mandatory)
        self.assertEqual(
            {d["field"] for d in error["details"]},
            {f"answers.{question.id}" for question in mandatory},
        )
        unknown = self._call(
            "POST",
            self._path(ticket),
            self.token_a,
            json={
                "answers": [
                    {"question_id": self.q_score.id, "value": 7},
                    {"question_id": self.q_resolved.id, "value": self.partly.id},
                    {"question_id": 999999, "value": 1},
                ]
            },
        )
        self.assertApiError(unknown, 422, "validation_error")
        self.assertFalse(ticket.satisfaction_date)
        self.assertTrue(
            self._call("GET", self._path(ticket), self.token_a).json()["can_answer"]
        )

    def test_not_closed_and_other_citizens(self):
        open_ticket = self._create_request()
        survey = self._call("GET", self._path(open_ticket), self.token_a).json()
        self.assertFalse(survey["can_answer"])
        early = self._answer(open_ticket, [(self.q_score, 8)])
        self.assertApiError(early, 409, "not_allowed")
        theirs = self._closed(self.citizen_b)
        for method, kwargs in (("GET", {}), ("POST", {"json": {"answers": []}})):
            response = self._call(method, self._path(theirs), self.token_a, **kwargs)
            self.assertApiError(response, 404, "not_found")
        self.assertFalse(theirs.satisfaction_date)
        without_token = self._call("GET", self._path(theirs))
        self.assertApiError(without_token, 401, "authentication_required")

    def test_documented(self):
        with self._client() as client:
            doc = client.get("/openapi.json").json()
        path = doc["paths"]["/requests/{request_id}/satisfaction"]
        self.assertEqual(
            {op["operationId"] for op in path.values()},
            {"get_request_satisfaction", "answer_request_satisfaction"},
        )
        self.assertIn("409", path["post"]["responses"])
