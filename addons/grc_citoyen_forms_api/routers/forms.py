# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The démarches' forms in the mobile app API (mounted with version 1).

An app reads the form of a démarche (a JSON Schema of its answers, and the
supporting documents it asks for), then sends the request with its answers
and files in one multipart submission; the intake checks them with the
portal's rules and messages.
"""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, UploadFile
from fastapi import Response as FastAPIResponse
from pydantic import BaseModel, Field

from odoo.api import Environment

from odoo.addons.grc_citoyen_api.routers.dependencies import citizen_env, public_env
from odoo.addons.grc_citoyen_api.routers.errors import GrcApiError, invalid_error
from odoo.addons.grc_citoyen_api.routers.grc_api_v1 import (
    IdempotencyKey,
    Photos,
    _read_files,
)
from odoo.addons.grc_citoyen_api.routers.grc_api_v1_public import (
    NO_TOKEN,
    _cacheable,
)
from odoo.addons.grc_citoyen_api.routers.idempotency import idempotent_submit
from odoo.addons.grc_citoyen_api.schemas.grc_api_v1 import (
    ErrorResponse,
    RequestCreate,
    RequestDetail,
)

MAX_ID = 2**31 - 1
# The JSON of answers and documents, at most (files aside).
JSON_MAX = 200_000

router = APIRouter(
    responses={
        422: {
            "model": ErrorResponse,
            "description": "Invalid fields: `error.details` lists each of them "
            "(`answers.<key>`, `documents.<id>`, `files`...).",
        }
    }
)
# The routes that need a citizen's token say so, as those of grc_citoyen_api.
TOKEN_ERROR = {
    401: {
        "model": ErrorResponse,
        "description": "Missing, invalid, expired or revoked token.",
    }
}
NOT_FOUND = {404: {"model": ErrorResponse, "description": "No such request type."}}
CitizenEnv = Annotated[Environment, Depends(citizen_env)]
PublicEnv = Annotated[Environment, Depends(public_env)]
RequestTypeId = Annotated[
    int, Path(ge=1, le=MAX_ID, description="Id of the request type.")
]
Files = Annotated[
    list[UploadFile] | None,
    File(
        description="Files of the file questions and of the supporting "
        "documents, each named (by its file name) in `answers` or `documents`."
    ),
]


class FormDocumentOut(BaseModel):
    id: int = Field(description="Key of the document in `documents`.")
    name: str
    help: str = Field(description="Plain text.")
    required: bool
    accepted_types: list[str] = Field(description="File extensions, e.g. `pdf`.")
    max_size: int = Field(description="Largest file accepted, in bytes.")


class RequestTypeFormOut(BaseModel):
    request_type_id: int
    name: str
    has_form: bool = Field(description="Whether the démarche asks questions.")
    answers_schema: dict[str, Any] = Field(
        description="JSON Schema (2020-12) of `answers`: one property per "
        "question, by its technical name; `x-grc-kind` is the kind of question, "
        "`x-grc-section` its section; `allOf` holds the questions a previous "
        "answer shows (`x-grc-shows`). The schemas of the public démarches are "
        "also in this document, `components/schemas/RequestTypeForm<id>`."
    )
    documents: list[FormDocumentOut] = Field(
        description="Supporting documents to send (`documents`)."
    )

    @classmethod
    def from_record(cls, request_type):
        return cls(
            request_type_id=request_type.id,
            name=request_type.name,
            has_form=request_type.grc_has_form,
            answers_schema=request_type._grc_api_form_schema(),
            documents=request_type._grc_api_documents(),
        )


class FormRequestCreate(RequestCreate):
    """Fields of a new request sent with its démarche's form (multipart)."""

    description: str | None = Field(
        None,
        description="What the citizen reports or asks; the answers make it when "
        "it is left out.",
    )
    answers: str = Field(
        "{}",
        max_length=JSON_MAX,
        description="JSON object: question's technical name -> answer (a text, "
        "a number, true/false, a list of choices; for a file question, the list "
        "of the names of files sent in `files`). Dates as YYYY-MM-DD.",
    )
    documents: str = Field(
        "{}",
        max_length=JSON_MAX,
        description="JSON object: id of a supporting document -> name of the "
        "file sent for it in `files`.",
    )


def _not_found(env):
    return GrcApiError(404, "not_found", env._("This request type was not found."))


def _json_object(env, text, field):
    try:
        value = json.loads(text or "{}")
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise invalid_error(
            env,
            [{"field": field, "message": env._("Send a JSON object.")}],
        )
    return value


@router.get(
    "/request-types/{request_type_id}/form",
    operation_id="get_request_type_form",
    summary="The form of a request type: its questions and documents",
    tags=["catalogue"],
    responses={**TOKEN_ERROR, **NOT_FOUND},
)
def get_request_type_form(
    env: CitizenEnv, request_type_id: RequestTypeId
) -> RequestTypeFormOut:
    request_type = env["grc.request.type"].search(
        [("id", "=", request_type_id), ("is_published", "=", True)]
    )
    if not request_type:
        raise _not_found(env)
    # sudo: found with the citizen's rules; the form is read for anyone.
    return RequestTypeFormOut.from_record(request_type.sudo())


@router.get(
    "/public/request-types/{request_type_id}/form",
    operation_id="get_public_request_type_form",
    summary="The form of a published request type, without token",
    tags=["public"],
    responses=NOT_FOUND,
    openapi_extra=NO_TOKEN,
)
def get_public_request_type_form(
    env: PublicEnv, response: FastAPIResponse, request_type_id: RequestTypeId
) -> RequestTypeFormOut:
    request_types = env["grc.request.type"]
    request_type = request_types.search(
        [("id", "=", request_type_id)] + request_types._grc_public_domain()
    )
    if not request_type:
        raise _not_found(env)
    _cacheable(env, response)
    # sudo: found with the visitor's rules; the form is read for anyone.
    return RequestTypeFormOut.from_record(request_type.sudo())


@router.post(
    "/requests/with-form",
    status_code=201,
    operation_id="create_request_with_form",
    summary="Submit a request with its démarche's form",
    description="The answers and supporting documents of the form read with "
    "`get_request_type_form`, checked with the portal's rules (the same "
    "messages). A retry with the same `Idempotency-Key` returns the request "
    "created the first time (header `Idempotent-Replayed: true`).",
    tags=["requests"],
    responses={
        **TOKEN_ERROR,
        409: {
            "model": ErrorResponse,
            "description": "The idempotency key was used for another request.",
        },
        413: {"model": ErrorResponse, "description": "A file is too big."},
    },
)
def create_request_with_form(
    env: CitizenEnv,
    response: FastAPIResponse,
    data: Annotated[FormRequestCreate, Form()],
    files: Files = None,
    photos: Photos = None,
    idempotency_key: IdempotencyKey = None,
) -> RequestDetail:
    tickets = env["helpdesk.ticket"]
    values = data.model_dump(exclude_none=True, exclude={"answers", "documents"})
    values["name"] = values.pop("title", False)
    values["attachments"] = _read_files(env, photos, "photos")

    def submit():
        values.update(
            tickets._grc_api_form_values(
                data.request_type_id,
                _json_object(env, data.answers, "answers"),
                _json_object(env, data.documents, "documents"),
                _read_files(env, files, "files"),
            )
        )
        return tickets._grc_api_submit(values, idempotency_key)

    ticket = idempotent_submit(env, response, submit)
    return RequestDetail.from_record(ticket)
