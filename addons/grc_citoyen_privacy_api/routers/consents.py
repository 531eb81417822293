# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The citizen's consents in the mobile app API (mounted with /api/grc/v1):
each purpose with the text in force and its digest, and the choice recorded
as on the portal, with the channel "Mobile app" and the text shown."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from odoo.api import Environment
from odoo.exceptions import UserError

from odoo.addons.grc_citoyen_api.routers.dependencies import citizen_env
from odoo.addons.grc_citoyen_api.routers.errors import GrcApiError
from odoo.addons.grc_citoyen_api.schemas.grc_api_v1 import ErrorResponse, GrcInput
from odoo.addons.grc_citoyen_privacy.models.grc_consent import PURPOSE_FIELDS


def _error(description):
    return {"model": ErrorResponse, "description": description}


router = APIRouter(
    responses={
        401: _error("Missing, invalid, expired or revoked token."),
        422: _error("Invalid fields: `error.details` lists each of them."),
    }
)

CitizenEnv = Annotated[Environment, Depends(citizen_env)]
Purpose = Annotated[
    Literal["sms", "email_news", "survey"],
    Path(description="What the citizen agrees to."),
]


class ConsentOut(BaseModel):
    purpose: str
    label: str
    text: str = Field(description="The text in force, to show before choosing.")
    digest: str = Field(
        description="SHA-256 of the text: sent back with the choice, which is "
        "refused if the text changed in between."
    )
    accepted: bool = Field(description="The citizen's current choice.")


class ConsentChoice(GrcInput):
    choice: Literal["given", "withdrawn"]
    digest: Annotated[str, Field(min_length=64, max_length=64)]


def _consent_out(env, purpose):
    Consent = env["grc.consent"]
    labels = dict(Consent._fields["purpose"]._description_selection(env))
    text = Consent._grc_consent_text(purpose)
    return ConsentOut(
        purpose=purpose,
        label=labels[purpose],
        text=text,
        digest=Consent._grc_text_digest(text),
        accepted=bool(env.user.partner_id[PURPOSE_FIELDS[purpose]]),
    )


@router.get(
    "/consents",
    operation_id="list_my_consents",
    summary="The citizen's consents, with the texts in force",
    tags=["consents"],
)
def list_my_consents(env: CitizenEnv) -> list[ConsentOut]:
    return [_consent_out(env, purpose) for purpose in PURPOSE_FIELDS]


@router.put(
    "/consents/{purpose}",
    operation_id="set_my_consent",
    summary="Give or withdraw a consent",
    description="Recorded with the date, the channel (mobile app) and the text "
    "shown; refused (409) when the text changed since it was read.",
    tags=["consents"],
    responses={409: _error("The text changed: read it again.")},
)
def set_my_consent(
    env: CitizenEnv, purpose: Purpose, body: ConsentChoice
) -> ConsentOut:
    # sudo: a citizen may not create consents by RPC; here they record their
    # own choice, on their own partner, with the text they were shown.
    consents = env["grc.consent"].sudo()
    try:
        consents._grc_record(
            env.user.partner_id, purpose, body.choice, "app", shown_digest=body.digest
        )
    except UserError as error:
        raise GrcApiError(409, "consent_text_changed", error.args[0]) from error
    return _consent_out(env, purpose)
