# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Questions and answers of the standard satisfaction survey (data/survey_data.xml).
QUESTION_SCORE = "grc_citoyen_satisfaction.survey_question_grc_score"
QUESTION_RESOLVED = "grc_citoyen_satisfaction.survey_question_grc_resolved"
QUESTION_COMMENT = "grc_citoyen_satisfaction.survey_question_grc_comment"
RESOLVED_ANSWERS = {
    "grc_citoyen_satisfaction.survey_answer_grc_resolved_yes": "yes",
    "grc_citoyen_satisfaction.survey_answer_grc_resolved_partly": "partly",
    "grc_citoyen_satisfaction.survey_answer_grc_resolved_no": "no",
}


class SurveyUserInput(models.Model):
    """An invitation to the satisfaction survey of a request, and its answers."""

    _inherit = "survey.user_input"

    grc_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Request",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="Request whose satisfaction this answer measures.",
    )
    grc_complaint_url = fields.Char(
        string="Complaint link",
        compute="_compute_grc_complaint_url",
        help="Offered to a citizen who gave a low score, when complaints are "
        "handled online.",
    )

    def _compute_grc_complaint_url(self):
        for answer in self:
            # sudo: the citizen ending the survey may not read the request; only its
            # complaint link is offered.
            ticket = answer.grc_ticket_id.sudo()
            score = answer._grc_satisfaction_values().get("satisfaction_score")
            answer.grc_complaint_url = (
                ticket
                and answer.state == "done"
                and score is not None
                and score <= ticket._grc_satisfaction_low_score()
                and ticket._grc_complaint_url()
            ) or False

    def _grc_satisfaction_values(self):
        """Request fields filled from the answers of the standard survey."""
        self.ensure_one()
        ref = self.env.ref
        questions = {
            key: ref(xmlid, raise_if_not_found=False)
            for key, xmlid in (
                ("score", QUESTION_SCORE),
                ("resolved", QUESTION_RESOLVED),
                ("comment", QUESTION_COMMENT),
            )
        }
        resolved_answers = {
            answer: value
            for xmlid, value in RESOLVED_ANSWERS.items()
            if (answer := ref(xmlid, raise_if_not_found=False))
        }
        values = {}
        # sudo: agents may not read answer lines; the request's fields need them.
        for line in self.sudo().user_input_line_ids.filtered(lambda x: not x.skipped):
            if line.question_id == questions["score"] and line.answer_type == "scale":
                values["satisfaction_score"] = line.value_scale
            elif line.question_id == questions["resolved"] and line.suggested_answer_id:
                values["satisfaction_resolved"] = resolved_answers.get(
                    line.suggested_answer_id
                )
            elif line.question_id == questions["comment"] and line.value_text_box:
                values["satisfaction_comment"] = line.value_text_box
        return values

    def _mark_done(self):
        res = super()._mark_done()
        for answer in self.filtered(lambda a: a.grc_ticket_id and not a.test_entry):
            answer.grc_ticket_id._grc_store_satisfaction(
                answer._grc_satisfaction_values()
            )
        return res
