# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Routes of the mobile app API, version 1 (mounted on /api/grc/v1).

Routes read the HTTP request, call the models and shape the answer with the
schemas: the rules live in the models (intake, record rules, portal methods).
Records are searched in the citizen's environment, so that their record rules
decide what exists for them; a request of someone else is "not found".
"""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Query, UploadFile
from fastapi import Response as FastAPIResponse

from odoo.api import Environment
from odoo.exceptions import UserError, ValidationError

from ..models.helpdesk_ticket_api import GrcIdempotencyConflict
from ..schemas.grc_api_v1 import (
    ErrorResponse,
    InputText,
    MessageOut,
    ProfileOut,
    ProfileUpdate,
    RequestCreate,
    RequestDetail,
    RequestPage,
    RequestSummary,
    RequestTypeOut,
)
from .dependencies import citizen_env
from .errors import GrcApiError, invalid_error
from .idempotency import (
    REPLAYED_HEADER,
    idempotency_conflict,
    idempotency_key_header,
    idempotent_submit,
    intake_details,
)

MAX_ID = 2**31 - 1


def _error(description):
    return {"model": ErrorResponse, "description": description}


router = APIRouter(
    responses={
        401: _error("Missing, invalid, expired or revoked token."),
        422: _error("Invalid fields: `error.details` lists each of them."),
    }
)

CitizenEnv = Annotated[Environment, Depends(citizen_env)]
RequestId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the request.")]
Photos = Annotated[
    list[UploadFile] | None,
    File(description="Photos or documents (JPEG, PNG, HEIC, WebP, PDF, ODT, DOCX)."),
]
# One convention for every submission (requests, messages, complaints).
IdempotencyKey = idempotency_key_header()


def _not_found(env):
    return GrcApiError(404, "not_found", env._("This request was not found."))


def _read_files(env, uploads, field="photos"):
    """Uploaded files as (name, bytes, mimetype); reads at most one byte more
    than allowed, so a huge upload is refused without being loaded. ``field``
    names the field of the files in the error."""
    max_size, _max_count = env["helpdesk.ticket"]._grc_attachment_limits()
    files = []
    for upload in uploads or []:
        data = upload.file.read(max_size + 1)
        if len(data) > max_size:
            raise GrcApiError(
                413,
                "file_too_large",
                env._(
                    "The file %(name)s is too big (maximum %(size)s MB).",
                    name=upload.filename,
                    size=round(max_size / 1024 / 1024, 1),
                ),
                field=field,
            )
        files.append((upload.filename or "", data, upload.content_type))
    return files


@router.get(
    "/request-types",
    operation_id="list_request_types",
    summary="Request types the citizen can submit",
    tags=["catalogue"],
)
def list_request_types(env: CitizenEnv) -> list[RequestTypeOut]:
    request_types = env["grc.request.type"].search([("is_published", "=", True)])
    # sudo: found with the citizen's rules; the company rule may hide their category.
    return [RequestTypeOut.from_record(rt) for rt in request_types.sudo()]


@router.get(
    "/requests",
    operation_id="list_my_requests",
    summary="The citizen's requests, most recent first",
    tags=["requests"],
)
def list_my_requests(
    env: CitizenEnv,
    state: Annotated[
        Literal["open", "closed", "all"],
        Query(
            description="open: being handled; closed: resolved, closed or cancelled."
        ),
    ] = "all",
    page: Annotated[int, Query(ge=1, le=MAX_ID)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> RequestPage:
    tickets = env["helpdesk.ticket"]
    domain = tickets._grc_api_domain(env.user.partner_id, state)
    found = tickets.search(
        domain,
        order="received_date desc, id desc",
        limit=page_size,
        offset=(page - 1) * page_size,
    )
    return RequestPage(
        total=tickets.search_count(domain),
        page=page,
        page_size=page_size,
        # sudo: found with the citizen's rules; a service may be hidden from them.
        items=[RequestSummary.from_record(ticket) for ticket in found.sudo()],
    )


@router.post(
    "/requests",
    status_code=201,
    operation_id="create_request",
    summary="Submit a request, with photos",
    description="A retry with the same `Idempotency-Key` returns the request "
    "created the first time (header `Idempotent-Replayed: true`) instead of "
    "creating another one.",
    tags=["requests"],
    responses={
        409: _error("The idempotency key was used for another request."),
        413: _error("A file is too big."),
    },
)
def create_request(
    env: CitizenEnv,
    response: FastAPIResponse,
    data: Annotated[RequestCreate, Form()],
    photos: Photos = None,
    idempotency_key: IdempotencyKey = None,
) -> RequestDetail:
    tickets = env["helpdesk.ticket"]
    values = data.model_dump(exclude_none=True)
    values["name"] = values.pop("title", False)
    values["attachments"] = _read_files(env, photos)
    ticket = idempotent_submit(
        env, response, lambda: tickets._grc_api_submit(values, idempotency_key)
    )
    return RequestDetail.from_record(ticket)


@router.get(
    "/requests/{request_id}",
    operation_id="get_request",
    summary="One of the citizen's requests, with its history",
    tags=["requests"],
    responses={404: _error("No such request among the citizen's.")},
)
def get_request(env: CitizenEnv, request_id: RequestId) -> RequestDetail:
    ticket = env["helpdesk.ticket"]._grc_api_get(request_id)
    if not ticket:
        raise _not_found(env)
    # sudo: checked by _grc_api_get; the history reads tracking they may not read.
    return RequestDetail.from_record(ticket.sudo())


@router.post(
    "/requests/{request_id}/messages",
    status_code=201,
    operation_id="add_message",
    summary="Write to the service about one of the citizen's requests",
    description="A retry with the same `Idempotency-Key` returns the message "
    "posted the first time (header `Idempotent-Replayed: true`) instead of "
    "posting it again.",
    tags=["requests"],
    responses={
        404: _error("No such request among the citizen's."),
        409: _error(
            "The idempotency key was used for another message (other text, "
            "other files or another request)."
        ),
        413: _error("A file is too big."),
    },
)
def add_message(
    env: CitizenEnv,
    response: FastAPIResponse,
    request_id: RequestId,
    body: Annotated[str | None, Form(description="Plain text."), InputText] = None,
    photos: Photos = None,
    idempotency_key: IdempotencyKey = None,
) -> MessageOut:
    ticket = env["helpdesk.ticket"]._grc_api_get(request_id)
    if not ticket:
        raise _not_found(env)
    # sudo: checked by _grc_api_get; posting reads the service, files, followers.
    ticket = ticket.sudo()
    attachments = _read_files(env, photos)
    try:
        message, replayed = ticket._grc_api_post_message(
            body, attachments, idempotency_key
        )
    except GrcIdempotencyConflict as error:
        raise idempotency_conflict(error) from error
    except ValidationError as error:
        field = (
            "photos"
            if attachments and ticket._grc_attachment_errors(attachments)
            else "body"
        )
        raise invalid_error(
            env, [{"field": field, "message": error.args[0]}]
        ) from error
    if replayed:
        response.headers[REPLAYED_HEADER] = "true"
    return MessageOut.from_record(message, ticket, ticket._grc_portal_attachments())


def _change_status(env, request_id, method_name):
    """Cancel or reopen the citizen's request as the portal does: the same
    model methods, the same rules (``can_cancel``, ``can_reopen``)."""
    ticket = env["helpdesk.ticket"]._grc_api_get(request_id)
    if not ticket:
        raise _not_found(env)
    # sudo: checked by _grc_api_get; the change of stage writes what citizens
    # cannot (stage, tracking), as the portal's cancel and reopen do.
    ticket = ticket.sudo()
    try:
        getattr(ticket, method_name)()
    except (UserError, ValidationError) as error:
        raise GrcApiError(409, "not_allowed", error.args[0]) from error
    return RequestDetail.from_record(ticket)


@router.post(
    "/requests/{request_id}/cancel",
    operation_id="cancel_request",
    summary="Cancel one of the citizen's requests",
    description="Allowed while nobody has started working on it "
    "(`can_cancel`). Cancelling a cancelled request answers it again, so that "
    "a retry is harmless.",
    tags=["requests"],
    responses={
        404: _error("No such request among the citizen's."),
        409: _error("The request can no longer be cancelled online."),
    },
)
def cancel_request(env: CitizenEnv, request_id: RequestId) -> RequestDetail:
    ticket = env["helpdesk.ticket"]._grc_api_get(request_id)
    # sudo: checked by _grc_api_get; its status, to answer a retry.
    if ticket and ticket.sudo().grc_state == "cancelled":
        return RequestDetail.from_record(ticket.sudo())
    return _change_status(env, request_id, "_grc_portal_cancel")


@router.post(
    "/requests/{request_id}/reopen",
    operation_id="reopen_request",
    summary="Reopen one of the citizen's resolved or closed requests",
    description="Allowed within the authority's reopen window after the "
    "resolution (`can_reopen`); the request goes back to its agent.",
    tags=["requests"],
    responses={
        404: _error("No such request among the citizen's."),
        409: _error("The request can no longer be reopened online."),
    },
)
def reopen_request(env: CitizenEnv, request_id: RequestId) -> RequestDetail:
    return _change_status(env, request_id, "_grc_portal_reopen")


@router.get(
    "/me",
    operation_id="get_profile",
    summary="The citizen's contact details",
    tags=["profile"],
)
def get_profile(env: CitizenEnv) -> ProfileOut:
    # sudo: the citizen's own partner, whatever rules other addons put on partners.
    return ProfileOut.from_record(env.user.partner_id.sudo())


@router.patch(
    "/me",
    operation_id="update_profile",
    summary="Change the citizen's e-mail, phone numbers or preferred channel",
    description="A new e-mail address is not used at once: a link is mailed to "
    "it (and a notice to the current one); the address changes when the link is "
    "opened. Until then it is given as `email_pending`.",
    tags=["profile"],
)
def update_profile(env: CitizenEnv, data: ProfileUpdate) -> ProfileOut:
    partner = env.user.partner_id
    values = data.model_dump(exclude_unset=True)
    try:
        partner._grc_api_update_profile(values)
    except ValidationError as error:
        details = intake_details(partner._grc_api_profile_errors(values))
        raise invalid_error(env, details, error.args[0]) from error
    return ProfileOut.from_record(partner.sudo())  # sudo: as in get_profile
