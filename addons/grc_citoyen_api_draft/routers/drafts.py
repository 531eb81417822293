# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Saved démarches of the mobile app API, version 1: the drafts a citizen
saves on the website, in the app or that wait for them at the front desk,
listed, saved, resumed and sent from the app.

The drafts are the portal's own (``grc.citizen.draft``): the same record
rules (a citizen's own only), the same limits, the same intake when sent.
"""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, File, Path, UploadFile
from fastapi import Response as FastAPIResponse
from pydantic import BaseModel, Field, field_validator

from odoo.api import Environment
from odoo.exceptions import UserError

from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError
from odoo.addons.grc_citoyen_api.models.helpdesk_ticket_api import (
    MOBILE_APP_CHANNEL,
    GrcIdempotencyConflict,
)
from odoo.addons.grc_citoyen_api.routers.dependencies import citizen_env
from odoo.addons.grc_citoyen_api.routers.errors import GrcApiError, invalid_error
from odoo.addons.grc_citoyen_api.routers.grc_api_v1 import MAX_ID, _read_files
from odoo.addons.grc_citoyen_api.routers.idempotency import (
    idempotency_conflict,
    intake_details,
)
from odoo.addons.grc_citoyen_api.schemas.grc_api_v1 import (
    ErrorResponse,
    GrcInput,
    RequestDetail,
    no_nul,
)

router = APIRouter(
    prefix="/drafts",
    tags=["drafts"],
    responses={
        401: {"model": ErrorResponse, "description": "Missing or invalid token."},
        404: {"model": ErrorResponse, "description": "No such draft of the citizen's."},
        422: {"model": ErrorResponse, "description": "Invalid fields."},
    },
)

CitizenEnv = Annotated[Environment, Depends(citizen_env)]
DraftId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the draft.")]
MAX_FIELDS = 200


class DraftFile(BaseModel):
    id: int
    name: str
    field: str = Field(description="The field of the form the file belongs to.")


class DraftOut(BaseModel):
    id: int
    request_type_id: int
    request_type: str
    title: str | None = None
    started_on: str | None = Field(None, description="Channel it was started on.")
    saved_at: datetime
    kept_until: datetime
    values: dict[str, list[str]] = Field(
        default_factory=dict,
        description="The answers typed, field by field (the names of the web "
        "form: `name`, `description`, `location_street`..., and the démarche's "
        "own questions).",
    )
    files: list[DraftFile] = Field(default_factory=list)

    @classmethod
    def from_record(cls, draft):
        return cls(
            id=draft.id,
            request_type_id=draft.request_type_id.id,
            request_type=draft.request_type_id.name,
            title=draft.name or None,
            # sudo: the channel's name; citizens may not read channels.
            started_on=draft.sudo().channel_id.name or None,
            saved_at=draft.write_date,
            kept_until=draft.expiration_date,
            values=draft.form_data or {},
            files=[
                DraftFile(id=f.id, name=f.name or "", field=f.description or "")
                for f in draft._grc_saved_files()
            ],
        )


class DraftSave(GrcInput):
    request_type_id: int = Field(ge=1, le=MAX_ID, description="A published démarche.")
    draft_id: Annotated[int | None, Field(ge=1, le=MAX_ID)] = Field(
        None, description="The draft to update; none: a new draft."
    )
    values: dict[str, str | list[str]] = Field(
        default_factory=dict,
        description="The answers typed so far, by field name of the form.",
    )

    @field_validator("values", mode="after")
    @classmethod
    def _no_nul_in_values(cls, values):
        for name, value in values.items():
            no_nul(name)
            for text in value if isinstance(value, list) else [value]:
                no_nul(text)
        return values


def _not_found(env):
    return GrcApiError(404, "not_found", env._("This draft was not found."))


def _own_draft(env, draft_id):
    """The citizen's draft (record rules), or 404."""
    draft = env["grc.citizen.draft"].search(
        [("id", "=", draft_id), ("partner_id", "=", env.user.partner_id.id)]
    )
    if not draft:
        raise _not_found(env)
    return draft


@router.get("", operation_id="list_drafts", summary="The citizen's saved démarches")
def list_drafts(env: CitizenEnv) -> list[DraftOut]:
    drafts = env["grc.citizen.draft"].search(
        [("partner_id", "=", env.user.partner_id.id)]
    )
    return [DraftOut.from_record(draft) for draft in drafts]


@router.get("/{draft_id}", operation_id="get_draft", summary="Resume a saved démarche")
def get_draft(env: CitizenEnv, draft_id: DraftId) -> DraftOut:
    return DraftOut.from_record(_own_draft(env, draft_id))


@router.post(
    "",
    operation_id="save_draft",
    summary="Save a démarche to finish later (here, on the website or at the desk)",
)
def save_draft(env: CitizenEnv, data: DraftSave) -> DraftOut:
    request_type = env["grc.request.type"].search(
        [("id", "=", data.request_type_id), ("is_published", "=", True)]
    )
    if not request_type:
        raise invalid_error(
            env,
            [{"field": "request_type_id", "message": env._("Choose a démarche.")}],
        )
    draft = _own_draft(env, data.draft_id) if data.draft_id else None
    items = [
        (name, value)
        for name, values in list(data.values.items())[:MAX_FIELDS]
        for value in (values if isinstance(values, list) else [values])
    ]
    drafts = env["grc.citizen.draft"]
    try:
        saved, _refused = drafts._grc_save(
            env.user.partner_id, request_type, items, draft=draft
        )
    except UserError as error:
        raise invalid_error(
            env, [{"field": "draft_id", "message": error.args[0]}], error.args[0]
        ) from error
    if not draft:
        # Started in the app: the channel it was started on.
        saved.channel_id = env.ref(MOBILE_APP_CHANNEL)
    return DraftOut.from_record(saved)


@router.post(
    "/{draft_id}/files",
    operation_id="add_draft_files",
    summary="Add photos or documents to a saved démarche",
    responses={413: {"model": ErrorResponse, "description": "A file is too big."}},
)
def add_draft_files(
    env: CitizenEnv,
    draft_id: DraftId,
    files: Annotated[list[UploadFile], File(description="Photos or documents.")],
) -> DraftOut:
    draft = _own_draft(env, draft_id)
    refused = draft._grc_add_files({"attachments": _read_files(env, files, "files")})
    if refused:
        raise invalid_error(
            env, [{"field": "files", "message": message} for message in refused]
        )
    return DraftOut.from_record(draft)


@router.delete(
    "/{draft_id}",
    status_code=204,
    operation_id="delete_draft",
    summary="Forget a saved démarche",
)
def delete_draft(env: CitizenEnv, draft_id: DraftId) -> FastAPIResponse:
    draft = _own_draft(env, draft_id)
    # sudo: the citizen's own draft (found above); its files go with it.
    draft.sudo().unlink()
    return FastAPIResponse(status_code=204)


@router.post(
    "/{draft_id}/submit",
    status_code=201,
    operation_id="submit_draft",
    summary="Send a saved démarche: it becomes a request",
    description="Checked by the one intake as any request; sent twice (two "
    "devices), it files one request.",
    responses={409: {"model": ErrorResponse, "description": "Already sent."}},
)
def submit_draft(env: CitizenEnv, draft_id: DraftId) -> RequestDetail:
    draft = _own_draft(env, draft_id)
    values = draft._grc_intake_values()
    # The draft's own key: sent from two devices, the démarche files once.
    key = draft.idempotency_key
    try:
        ticket, _replayed = env["helpdesk.ticket"]._grc_api_submit(values, key)
    except GrcIdempotencyConflict as error:
        raise idempotency_conflict(error) from error
    except GrcIntakeError as error:
        raise invalid_error(env, intake_details(error.errors), error.args[0]) from error
    draft._grc_done(ticket)
    # sudo: the citizen's new request; the history reads tracking.
    return RequestDetail.from_record(ticket.sudo())
