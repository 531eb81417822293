# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Complaints in the mobile app API (mounted with /api/grc/v1): file one
through the complaints' one intake, follow it, read its answer and say
whether it satisfied you, with the portal's rules and models."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Path, UploadFile
from fastapi import Response as FastAPIResponse
from pydantic import BaseModel, Field

from odoo.api import Environment
from odoo.exceptions import UserError

from odoo.addons.grc_citoyen_api.routers.dependencies import citizen_env
from odoo.addons.grc_citoyen_api.routers.errors import GrcApiError
from odoo.addons.grc_citoyen_api.routers.grc_api_v1 import _read_files
from odoo.addons.grc_citoyen_api.routers.idempotency import (
    idempotency_key_header,
    idempotent_submit,
)
from odoo.addons.grc_citoyen_api.schemas.grc_api_v1 import (
    AttachmentOut,
    ErrorResponse,
    GrcInput,
    RequestTypeRef,
    _selection_label,
    _text,
)

MAX_ID = 2**31 - 1
TEXT_MAX = 200


def _error(description):
    return {"model": ErrorResponse, "description": description}


router = APIRouter(
    responses={
        401: _error("Missing, invalid, expired or revoked token."),
        422: _error("Invalid fields: `error.details` lists each of them."),
    }
)

CitizenEnv = Annotated[Environment, Depends(citizen_env)]
ComplaintId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the complaint.")]
# The complaint keeps at most 64 characters of "api:<user id>:<key>".
IdempotencyKey = idempotency_key_header(max_length=40, what="complaint")
Files = Annotated[
    list[UploadFile] | None,
    File(
        description="Supporting documents (JPEG, PNG, HEIC, WebP, PDF, ODT, "
        "DOCX), as for requests."
    ),
]
# Names of the intake's values -> names of the API's fields.
FIELD_NAMES = {"ticket_id": "request_id", "attachments": "files"}


class ComplaintReason(BaseModel):
    id: int
    name: str


class ComplaintOut(BaseModel):
    id: int
    reference: str
    subject: str
    description: str = Field(description="Plain text, as the citizen wrote it.")
    reason: ComplaintReason | None = None
    state: str | None = Field(
        None,
        description="Status of the complaint: received, acknowledged, "
        "in_analysis, answered, not_admissible or closed.",
    )
    state_label: str | None = None
    requests: list[RequestTypeRef] = Field(
        default_factory=list, description="The citizen's requests it is about."
    )
    received_date: datetime | None = None
    answer_deadline: datetime | None = None
    answer_date: datetime | None = None
    answer: str | None = Field(None, description="Plain text, once answered.")
    satisfaction: Literal["satisfied", "not_satisfied"] | None = None
    can_give_opinion: bool = Field(
        description="Whether the citizen can say if the answer satisfied them."
    )
    attachments: list[AttachmentOut] = Field(
        default_factory=list, description="The documents the citizen sent."
    )

    @classmethod
    def from_record(cls, complaint):
        """``complaint`` in sudo, once the citizen's access has been checked."""
        answered = complaint._grc_api_answered()
        answer = ""
        if answered:
            answer = _text(complaint.answer_body)
            if complaint.state == "not_admissible" and complaint.inadmissible_reason:
                answer = f"{answer}\n{complaint.inadmissible_reason}".strip()
        return cls(
            id=complaint.id,
            reference=complaint.name or "",
            subject=complaint.subject or "",
            description=_text(complaint.description),
            reason=ComplaintReason(
                id=complaint.reason_id.id, name=complaint.reason_id.display_name
            )
            if complaint.reason_id
            else None,
            state=complaint.state or None,
            state_label=complaint.stage_id.name or _selection_label(complaint, "state"),
            requests=[
                RequestTypeRef(id=ticket.id, name=f"{ticket.number} - {ticket.name}")
                for ticket in complaint.ticket_ids
            ],
            received_date=complaint.received_date or None,
            answer_deadline=complaint.answer_deadline or None,
            answer_date=complaint.answer_date or None,
            answer=answer or None,
            satisfaction=complaint.citizen_satisfaction or None,
            can_give_opinion=answered and not complaint.citizen_satisfaction,
            attachments=[
                AttachmentOut.from_record(attachment)
                for attachment in complaint._grc_api_citizen_attachments()
            ],
        )


class ComplaintCreate(GrcInput):
    """Fields of a new complaint (multipart form, files aside)."""

    subject: Annotated[str, Field(max_length=TEXT_MAX)]
    description: Annotated[str, Field(description="What went wrong.")]
    reason_id: int = Field(description="A reason of `list_complaint_reasons`.")
    request_id: int | None = Field(
        None, description="One of the citizen's requests the complaint is about."
    )


class SatisfactionIn(GrcInput):
    satisfaction: Literal["satisfied", "not_satisfied"]
    feedback: Annotated[str | None, Field(max_length=2000)] = None


def _not_found(env):
    return GrcApiError(404, "not_found", env._("This complaint was not found."))


@router.get(
    "/complaint-reasons",
    operation_id="list_complaint_reasons",
    summary="Reasons a citizen may give for a complaint",
    tags=["complaints"],
)
def list_complaint_reasons(env: CitizenEnv) -> list[ComplaintReason]:
    reasons = env["grc.reclamation.reason"].search([("is_published", "=", True)])
    return [
        ComplaintReason(id=reason.id, name=reason.display_name) for reason in reasons
    ]


@router.get(
    "/complaints",
    operation_id="list_my_complaints",
    summary="The citizen's complaints, most recent first",
    tags=["complaints"],
)
def list_my_complaints(env: CitizenEnv) -> list[ComplaintOut]:
    complaints = env["grc.reclamation"]
    found = complaints.search(
        complaints._grc_api_domain(env.user.partner_id),
        order="received_date desc, id desc",
        limit=100,
    )
    # sudo: found with the citizen's rules; answers read fields they may not.
    return [ComplaintOut.from_record(complaint) for complaint in found.sudo()]


@router.post(
    "/complaints",
    status_code=201,
    operation_id="file_complaint",
    summary="File a complaint, with its supporting documents",
    description="A multipart form, as for requests. A retry with the same "
    "`Idempotency-Key` returns the complaint filed the first time (header "
    "`Idempotent-Replayed: true`).",
    tags=["complaints"],
    responses={
        409: _error("The idempotency key was used for another complaint."),
        413: _error("A file is too big."),
    },
)
def file_complaint(
    env: CitizenEnv,
    response: FastAPIResponse,
    data: Annotated[ComplaintCreate, Form()],
    files: Files = None,
    idempotency_key: IdempotencyKey = None,
) -> ComplaintOut:
    values = data.model_dump()
    values["ticket_id"] = values.pop("request_id") or False
    values["attachments"] = [
        (name, content) for name, content, _mimetype in _read_files(env, files, "files")
    ]
    complaint = idempotent_submit(
        env,
        response,
        lambda: env["grc.reclamation"]._grc_api_submit(values, idempotency_key),
        FIELD_NAMES,
    )
    # sudo: filed for the citizen by the intake; the answer reads what they may not.
    return ComplaintOut.from_record(complaint.sudo())


@router.get(
    "/complaints/{complaint_id}",
    operation_id="get_complaint",
    summary="One of the citizen's complaints, with its answer",
    tags=["complaints"],
    responses={404: _error("No such complaint among the citizen's.")},
)
def get_complaint(env: CitizenEnv, complaint_id: ComplaintId) -> ComplaintOut:
    complaint = env["grc.reclamation"]._grc_api_get(complaint_id)
    if not complaint:
        raise _not_found(env)
    # sudo: checked by _grc_api_get; the answer reads fields they may not.
    return ComplaintOut.from_record(complaint.sudo())


@router.post(
    "/complaints/{complaint_id}/satisfaction",
    operation_id="answer_complaint_satisfaction",
    summary="Say whether the answer to a complaint satisfied the citizen",
    tags=["complaints"],
    responses={
        404: _error("No such complaint among the citizen's."),
        409: _error("The complaint has not been answered yet."),
    },
)
def answer_complaint_satisfaction(
    env: CitizenEnv, complaint_id: ComplaintId, data: SatisfactionIn
) -> ComplaintOut:
    complaint = env["grc.reclamation"]._grc_api_get(complaint_id)
    if not complaint:
        raise _not_found(env)
    # sudo: checked by _grc_api_get; as the portal, the opinion is written
    # and posted on the complaint, which citizens cannot write.
    complaint = complaint.sudo()
    try:
        complaint._grc_record_satisfaction(data.satisfaction, data.feedback)
    except UserError as error:
        raise GrcApiError(409, "not_allowed", error.args[0]) from error
    return ComplaintOut.from_record(complaint)
