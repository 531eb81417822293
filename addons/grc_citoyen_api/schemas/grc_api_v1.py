# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pydantic schemas of the mobile app API, version 1.

They are the API's contract (and its OpenAPI document): what a citizen sends
and what they get back, never the whole records. Texts typed by people are
returned as plain text: the app shows them as text, so markup in them is
never interpreted.
"""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from odoo.tools import html2plaintext

TEXT_MAX = 256


def no_nul(value):
    """The database cannot store a NUL character: refused as invalid (422)
    instead of failing when the record is saved."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("NUL character")
    return value


# A text field sent by the app (form or JSON).
InputText = AfterValidator(no_nul)


class GrcInput(BaseModel):
    """What the app sends: every text field is checked by ``no_nul``."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value):
        return no_nul(value)


def _text(html):
    return html2plaintext(html or "").strip() if html else ""


def _selection_label(record, field_name):
    value = record[field_name]
    if not value:
        return None
    selection = record._fields[field_name]._description_selection(record.env)
    return dict(selection).get(value, value)


class ErrorDetail(BaseModel):
    field: str | None = Field(None, description="Field concerned, if any.")
    message: str


class ErrorBody(BaseModel):
    code: str = Field(
        description="Stable machine-readable code, e.g. `invalid_token`, "
        "`validation_error`, `not_found`, `file_too_large`, `idempotency_conflict`."
    )
    message: str = Field(description="Message for the citizen, in their language.")
    field: str | None = Field(None, description="First field concerned, if any.")
    details: list[ErrorDetail] = Field(
        default_factory=list, description="Every invalid field."
    )


class ErrorResponse(BaseModel):
    error: ErrorBody


class RequestTypeOut(BaseModel):
    id: int
    code: str | None = None
    name: str
    category: str | None = Field(
        None, description="Full name of the category, e.g. `Voirie / Éclairage`."
    )
    category_id: int | None = None
    description: str = Field(description="Plain text.")
    location_required: bool
    attachments_allowed: bool

    @classmethod
    def from_record(cls, request_type):
        return cls(
            id=request_type.id,
            code=request_type.code or None,
            name=request_type.name,
            category=request_type.category_id.complete_name or None,
            category_id=request_type.category_id.id or None,
            description=_text(request_type.description),
            location_required=request_type.location_required,
            attachments_allowed=request_type.attachments_allowed,
        )


class RequestTypePage(BaseModel):
    total: int
    page: int
    page_size: int
    items: list[RequestTypeOut]


class CategoryOut(BaseModel):
    id: int
    name: str
    full_name: str = Field(
        description="Name under its parents, e.g. `Voirie / Éclairage`."
    )
    parent_id: int | None = Field(None, description="Category above, if any.")

    @classmethod
    def from_record(cls, category):
        return cls(
            id=category.id,
            name=category.name,
            full_name=category.complete_name or category.name,
            parent_id=category.parent_id.id or None,
        )


class CategoryPage(BaseModel):
    total: int
    page: int
    page_size: int
    items: list[CategoryOut]


class ChoiceOut(BaseModel):
    code: str = Field(description="Value to send.")
    label: str = Field(description="Label to show.")


class RequestTypeRef(BaseModel):
    id: int
    name: str


class AttachmentOut(BaseModel):
    id: int
    name: str
    mimetype: str | None = None
    size: int
    url: str = Field(description="Download address, relative to the server.")

    @classmethod
    def from_record(cls, attachment):
        return cls(
            id=attachment.id,
            name=attachment.name,
            mimetype=attachment.mimetype or None,
            size=attachment.file_size,
            url=f"/web/content/{attachment.id}"
            f"?access_token={attachment.access_token}&download=true",
        )


class LocationOut(BaseModel):
    street: str | None = None
    zip: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    @classmethod
    def from_record(cls, ticket):
        return cls(
            street=ticket.location_street or None,
            zip=ticket.location_zip or None,
            city=ticket.location_city or None,
            latitude=ticket.location_latitude or None,
            longitude=ticket.location_longitude or None,
        )


class RequestSummary(BaseModel):
    id: int
    reference: str = Field(description="Public reference, e.g. DEM-2026-000123.")
    title: str
    request_type: RequestTypeRef | None = None
    state: str | None = Field(
        None,
        description="new, qualified, in_progress, waiting, resolved, closed or "
        "cancelled.",
    )
    state_label: str | None = None
    service: str | None = None
    received_date: datetime | None = None
    closure_date: datetime | None = None

    @classmethod
    def _summary_values(cls, ticket):
        return {
            "id": ticket.id,
            "reference": ticket.number or "",
            "title": ticket.name,
            "request_type": RequestTypeRef(
                id=ticket.request_type_id.id, name=ticket.request_type_id.name
            )
            if ticket.request_type_id
            else None,
            "state": ticket.grc_state or None,
            "state_label": ticket.stage_id.name
            or _selection_label(ticket, "grc_state"),
            "service": ticket.team_id.name or None,
            "received_date": ticket.received_date or ticket.create_date,
            "closure_date": ticket.closure_date or None,
        }

    @classmethod
    def from_record(cls, ticket):
        return cls(**cls._summary_values(ticket))


class RequestPage(BaseModel):
    total: int
    page: int
    page_size: int
    items: list[RequestSummary]


class MessageOut(BaseModel):
    id: int
    date: datetime
    body: str = Field(description="Plain text.")
    from_citizen: bool
    author: str | None = None
    attachments: list[AttachmentOut] = Field(default_factory=list)

    @classmethod
    def from_record(cls, message, ticket, public_attachments):
        return cls(
            id=message.id,
            date=message.date,
            body=_text(message.body),
            from_citizen=message.author_id == ticket.partner_id,
            author=message.author_id.name or message.email_from or None,
            attachments=[
                AttachmentOut.from_record(attachment)
                for attachment in message.attachment_ids & public_attachments
            ],
        )


class HistoryEvent(BaseModel):
    date: datetime
    kind: Literal["received", "status", "message"]
    status: str | None = None
    message: MessageOut | None = None


class RequestDetail(RequestSummary):
    description: str = Field(description="Plain text, as the citizen wrote it.")
    location: LocationOut
    resolution: str | None = Field(None, description="Plain text, once resolved.")
    attachments: list[AttachmentOut]
    history: list[HistoryEvent]
    can_cancel: bool
    can_reopen: bool

    @classmethod
    def from_record(cls, ticket):
        """``ticket`` in sudo, once the citizen's access has been checked."""
        public = ticket._grc_portal_attachments()
        history = []
        for event in ticket._grc_portal_timeline():
            message = event.get("message")
            history.append(
                HistoryEvent(
                    date=event["date"],
                    kind=event["kind"],
                    status=event.get("status"),
                    message=MessageOut.from_record(message, ticket, public)
                    if message
                    else None,
                )
            )
        resolution = (
            _text(ticket.grc_resolution)
            if ticket.grc_state in ("resolved", "closed")
            else ""
        )
        return cls(
            **cls._summary_values(ticket),
            description=_text(ticket.description),
            location=LocationOut.from_record(ticket),
            resolution=resolution or None,
            attachments=[AttachmentOut.from_record(a) for a in public],
            history=history,
            can_cancel=ticket._grc_portal_can_cancel(),
            can_reopen=ticket._grc_portal_can_reopen(),
        )


class RequestCreate(GrcInput):
    """Fields of a new request (multipart form, photos aside)."""

    request_type_id: int = Field(description="A published request type.")
    description: str = Field(description="What the citizen reports or asks.")
    title: Annotated[str | None, Field(max_length=TEXT_MAX)] = None
    location_street: Annotated[str | None, Field(max_length=TEXT_MAX)] = None
    location_zip: Annotated[str | None, Field(max_length=16)] = None
    location_city: Annotated[str | None, Field(max_length=TEXT_MAX)] = None
    location_latitude: float | None = None
    location_longitude: float | None = None
    preferred_channel: Annotated[
        str | None,
        Field(
            max_length=32,
            description="How to contact the citizen: email, phone, sms, post "
            "or portal.",
        ),
    ] = None


class ProfileOut(BaseModel):
    name: str
    citizen_number: str | None = None
    email: str | None = None
    email_verified: bool = False
    # A new address is used once the link mailed to it is opened.
    email_pending: str | None = None
    phone: str | None = None
    mobile: str | None = None
    preferred_channel: str | None = None

    @classmethod
    def from_record(cls, partner):
        return cls(
            name=partner.name or "",
            citizen_number=partner.citizen_number or None,
            email=partner.email or None,
            email_verified=partner.grc_email_verified,
            email_pending=partner.grc_email_pending or None,
            phone=partner.phone or None,
            mobile=partner.mobile or None,
            preferred_channel=partner.preferred_channel or None,
        )


class ProfileUpdate(GrcInput):
    """Contact details the citizen may change; absent fields are kept."""

    model_config = ConfigDict(extra="forbid")

    email: Annotated[str | None, Field(max_length=TEXT_MAX)] = None
    phone: Annotated[str | None, Field(max_length=64)] = None
    mobile: Annotated[str | None, Field(max_length=64)] = None
    preferred_channel: Annotated[str | None, Field(max_length=32)] = None
