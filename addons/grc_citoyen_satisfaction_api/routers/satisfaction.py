# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The satisfaction survey of a closed request in the mobile app API
(mounted with /api/grc/v1): read its questions, answer them. The answers go
into the survey invitation the closure mail links to, once."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from odoo.api import Environment
from odoo.exceptions import UserError

from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError
from odoo.addons.grc_citoyen_api.routers.dependencies import citizen_env
from odoo.addons.grc_citoyen_api.routers.errors import GrcApiError, invalid_error
from odoo.addons.grc_citoyen_api.routers.idempotency import intake_details
from odoo.addons.grc_citoyen_api.schemas.grc_api_v1 import (
    ErrorResponse,
    GrcInput,
    _text,
)

MAX_ID = 2**31 - 1


def _error(description):
    return {"model": ErrorResponse, "description": description}


router = APIRouter(
    responses={
        401: _error("Missing, invalid, expired or revoked token."),
        404: _error("No such request among the citizen's."),
        422: _error("Invalid fields: `error.details` lists each of them."),
    }
)

CitizenEnv = Annotated[Environment, Depends(citizen_env)]
RequestId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the request.")]


class ChoiceOut(BaseModel):
    id: int
    label: str


class QuestionOut(BaseModel):
    id: int
    title: str
    type: str = Field(
        description="scale (a whole number from scale_min to scale_max), "
        "simple_choice (one choice id), multiple_choice (a list of choice ids), "
        "text_box, char_box, numerical_box or date (YYYY-MM-DD)."
    )
    mandatory: bool
    scale_min: int | None = None
    scale_max: int | None = None
    scale_min_label: str | None = None
    scale_max_label: str | None = None
    choices: list[ChoiceOut] = Field(default_factory=list)

    @classmethod
    def from_record(cls, question):
        scale = question.question_type == "scale"
        return cls(
            id=question.id,
            title=question.title or "",
            type=question.question_type,
            mandatory=question.constr_mandatory,
            scale_min=question.scale_min if scale else None,
            scale_max=question.scale_max if scale else None,
            scale_min_label=(scale and question.scale_min_label) or None,
            scale_max_label=(scale and question.scale_max_label) or None,
            choices=[
                ChoiceOut(id=choice.id, label=choice.value or "")
                for choice in question.suggested_answer_ids
            ],
        )


class SatisfactionOut(BaseModel):
    request_id: int
    can_answer: bool = Field(
        description="Whether a survey is waiting for the citizen's answers."
    )
    title: str | None = None
    description: str | None = Field(None, description="Plain text.")
    questions: list[QuestionOut] = Field(
        default_factory=list, description="While the survey can be answered."
    )
    answered_on: datetime | None = None
    score: int | None = Field(None, description="The overall score given, 0-10.")
    resolved: Literal["yes", "partly", "no"] | None = None
    comment: str | None = None

    @classmethod
    def from_record(cls, ticket):
        """``ticket`` in sudo, once the citizen's access has been checked."""
        invitation = ticket._grc_api_satisfaction_invitation()
        survey = invitation.survey_id
        answered = bool(ticket.satisfaction_date)
        return cls(
            request_id=ticket.id,
            can_answer=bool(invitation),
            title=survey.title or None,
            description=_text(survey.description) or None,
            questions=[QuestionOut.from_record(q) for q in survey.question_ids],
            answered_on=ticket.satisfaction_date or None,
            score=ticket.satisfaction_score if answered else None,
            resolved=ticket.satisfaction_resolved or None,
            comment=ticket.satisfaction_comment or None,
        )


class AnswerIn(GrcInput):
    question_id: int = Field(ge=1, le=MAX_ID)
    value: int | str | list[int] | None = Field(
        None, description="As the question's `type` says; none to skip it."
    )


class SatisfactionIn(GrcInput):
    answers: Annotated[list[AnswerIn], Field(max_length=100)]


def _ticket(env, request_id):
    ticket = env["helpdesk.ticket"]._grc_api_get(request_id)
    if not ticket:
        raise GrcApiError(404, "not_found", env._("This request was not found."))
    # sudo: checked by _grc_api_get; citizens cannot read survey invitations.
    return ticket.sudo()


@router.get(
    "/requests/{request_id}/satisfaction",
    operation_id="get_request_satisfaction",
    summary="The satisfaction survey of one of the citizen's closed requests",
    description="Its questions while it waits for the citizen's answers "
    "(`can_answer`), what they answered once they have.",
    tags=["requests"],
)
def get_request_satisfaction(env: CitizenEnv, request_id: RequestId) -> SatisfactionOut:
    return SatisfactionOut.from_record(_ticket(env, request_id))


@router.post(
    "/requests/{request_id}/satisfaction",
    operation_id="answer_request_satisfaction",
    summary="Answer the satisfaction survey of one of the citizen's requests",
    description="The answers of the survey sent at closure, as on its web page "
    "(the same checks, the same result on the request). Refused answers are "
    "listed in `error.details` as `answers.<question id>`.",
    tags=["requests"],
    responses={
        409: _error("No survey waits for answers: not closed yet, or answered."),
    },
)
def answer_request_satisfaction(
    env: CitizenEnv, request_id: RequestId, data: SatisfactionIn
) -> SatisfactionOut:
    ticket = _ticket(env, request_id)
    answers = {answer.question_id: answer.value for answer in data.answers}
    try:
        ticket._grc_api_answer_satisfaction(answers)
    except GrcIntakeError as error:
        raise invalid_error(env, intake_details(error.errors), error.args[0]) from error
    except UserError as error:
        raise GrcApiError(409, "not_allowed", error.args[0]) from error
    return SatisfactionOut.from_record(ticket)
