# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError

from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError

# Question types the app can answer: what the standard survey uses, and the
# simple types an authority may add to it.
APP_QUESTION_TYPES = (
    "scale",
    "simple_choice",
    "multiple_choice",
    "text_box",
    "char_box",
    "numerical_box",
    "date",
)
TEXT_MAX = 2000


class HelpdeskTicket(models.Model):
    """The satisfaction survey of a closed request, answered from the app
    (routers/satisfaction.py) into the same ``survey.user_input`` as the
    link of the closure mail, so the answers reach the request, the
    low-score follow-up and the KPIs in the one way."""

    _inherit = "helpdesk.ticket"

    def _grc_api_satisfaction_invitation(self):
        """The invitation of the citizen still waiting for their answers
        (``self`` in sudo, once their access has been checked)."""
        self.ensure_one()
        return self._grc_survey_answers().filtered(lambda a: a.state != "done")[:1]

    def _grc_api_survey_value(self, question, value):
        """``(answer, error)``: ``value`` sent by the app for ``question``,
        as the survey's own pages would send it, or why it is refused."""
        env = self.env
        if value is None or value == "" or value == []:
            return "", None
        kind = question.question_type
        if kind not in APP_QUESTION_TYPES:
            return None, env._(
                "This question cannot be answered from the app: answer the "
                "survey from its link."
            )
        if kind == "scale":
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not question.scale_min <= value <= question.scale_max
            ):
                return None, env._(
                    "Give a whole number from %(min)s to %(max)s.",
                    min=question.scale_min,
                    max=question.scale_max,
                )
            # As the survey's page sends it: a 0 is an answer, not a skip.
            return str(value), None
        if kind in ("simple_choice", "multiple_choice"):
            ids = value if isinstance(value, list) else [value]
            choices = question.suggested_answer_ids.ids
            if (
                any(isinstance(i, bool) or not isinstance(i, int) for i in ids)
                or not set(ids) <= set(choices)
                or (kind == "simple_choice" and len(ids) > 1)
            ):
                return None, env._("Choose one of the answers offered.")
            return (ids if kind == "multiple_choice" else ids[0]), None
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            return None, env._("This answer is not valid.")
        value = str(value).strip()
        if len(value) > TEXT_MAX:
            return None, env._(
                "The answer is too long (%(max)s characters at most).", max=TEXT_MAX
            )
        return value, None

    def _grc_api_answer_satisfaction(self, answers):
        """Record the citizen's ``answers`` ({question id: value}) to the
        survey of this request (``self`` in sudo, once their access has been
        checked) and close the survey, as its last page does.

        A request without a survey waiting raises ``UserError``; refused
        answers raise ``GrcIntakeError``, one message per question
        (``answers.<question id>``), and record nothing."""
        self.ensure_one()
        invitation = self._grc_api_satisfaction_invitation()
        if not invitation:
            raise UserError(
                self.env._(
                    "Request %(reference)s has no satisfaction survey waiting "
                    "for your answers.",
                    reference=self.number,
                )
            )
        questions = invitation.survey_id.question_ids
        errors = {
            f"answers.{question_id}": self.env._("This question is not in the survey.")
            for question_id in set(answers) - set(questions.ids)
        }
        accepted = []
        for question in questions:
            answer, error = self._grc_api_survey_value(
                question, answers.get(question.id)
            )
            if error is None and question.constr_mandatory and answer in ("", []):
                # Whatever the survey's navigation settings, which the app
                # does not have.
                error = question.constr_error_msg or self.env._(
                    "This question requires an answer."
                )
            if error is None:
                error = question.validate_question(answer).get(question.id)
            if error:
                errors[f"answers.{question.id}"] = error
            else:
                accepted.append((question, answer))
        if errors:
            raise GrcIntakeError(errors)
        for question, answer in accepted:
            invitation._save_lines(question, answer)
        invitation._mark_done()
        return invitation
