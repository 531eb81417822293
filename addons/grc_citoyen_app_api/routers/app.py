# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The citizen's app in the mobile app API: the phones that receive the
steps of the citizen's requests (Odoo's web push, grc_citoyen_app's devices)
and the public map of reports (no token, no personal data)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query
from fastapi import Response as FastAPIResponse
from pydantic import BaseModel, Field

from odoo.api import Environment
from odoo.exceptions import UserError, ValidationError

from odoo.addons.grc_citoyen_api.routers.dependencies import citizen_env, public_env
from odoo.addons.grc_citoyen_api.routers.errors import GrcApiError, invalid_error
from odoo.addons.grc_citoyen_api.schemas.grc_api_v1 import ErrorResponse, GrcInput

MAX_ID = 2**31 - 1


def _error(description):
    return {"model": ErrorResponse, "description": description}


router = APIRouter(
    tags=["notifications"],
    responses={
        401: _error("Missing, invalid, expired or revoked token."),
        422: _error("Invalid fields: `error.details` lists each of them."),
    },
)
public_router = APIRouter(
    prefix="/public",
    tags=["public", "map"],
    responses={
        422: _error("Invalid parameters: `error.details` lists each of them."),
    },
)

CitizenEnv = Annotated[Environment, Depends(citizen_env)]
PublicEnv = Annotated[Environment, Depends(public_env)]
DeviceId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the device.")]


class PushKeyOut(BaseModel):
    vapid_public_key: str = Field(
        description="`applicationServerKey` of the push subscription (base64url)."
    )


class PushKeys(GrcInput):
    p256dh: Annotated[str, Field(max_length=200)]
    auth: Annotated[str, Field(max_length=200)]


class PushDeviceIn(GrcInput):
    endpoint: Annotated[str, Field(max_length=1000)]
    keys: PushKeys


class PushDeviceOut(BaseModel):
    id: int
    name: str = Field(description="The device, as the citizen recognises it.")
    registered_date: str | None = None

    @classmethod
    def from_record(cls, device):
        return cls(
            id=device.id,
            name=device.grc_device_name or "",
            registered_date=device.create_date and device.create_date.isoformat(),
        )


class MapPoint(BaseModel):
    id: int
    lat: float
    lon: float
    type: str
    type_id: int
    state: str
    street: str
    date: str | None = None
    expected: str | None = None
    note: str = Field(description="What an agent published, never the citizen's.")
    photo: bool = Field(description="Whether an approved photo is published.")
    join: bool = Field(description="Whether one can say 'I am affected too'.")


class MapCluster(BaseModel):
    count: int
    lat: float
    lon: float


class MapOut(BaseModel):
    points: list[MapPoint] | None = Field(
        None, description="The reports of the box, up to 200."
    )
    clusters: list[MapCluster] | None = Field(
        None, description="Beyond 200 reports, their number per cell of a grid."
    )


@router.get(
    "/push/key",
    operation_id="get_push_key",
    summary="The key a phone subscribes to push notifications with",
)
def get_push_key(env: CitizenEnv) -> PushKeyOut:
    # sudo: Odoo's VAPID public key, public by nature, made on first use.
    key = env["mail.push.device"].sudo().get_web_push_vapid_public_key()
    return PushKeyOut(vapid_public_key=key)


@router.get(
    "/push/devices",
    operation_id="list_push_devices",
    summary="The citizen's phones that receive notifications",
)
def list_push_devices(env: CitizenEnv) -> list[PushDeviceOut]:
    devices = env["mail.push.device"]._grc_app_devices(env.user.partner_id)
    return [PushDeviceOut.from_record(device) for device in devices]


@router.post(
    "/push/devices",
    status_code=201,
    operation_id="register_push_device",
    summary="Register this phone for the notifications of the citizen's requests",
    description="Send the browser's or the phone's push subscription, made with "
    "the key of `get_push_key`. Registering the same subscription again "
    "updates it. The citizen's notifications are turned on.",
)
def register_push_device(
    env: CitizenEnv,
    data: PushDeviceIn,
    user_agent: Annotated[
        str | None, Header(alias="User-Agent", include_in_schema=False)
    ] = None,
) -> PushDeviceOut:
    try:
        device = env["mail.push.device"]._grc_register_app_device(
            env.user.partner_id, data.model_dump(), (user_agent or "")[:500]
        )
    except UserError as error:
        raise invalid_error(
            env, [{"field": "endpoint", "message": error.args[0]}]
        ) from error
    return PushDeviceOut.from_record(device)


@router.delete(
    "/push/devices/{device_id}",
    status_code=204,
    operation_id="remove_push_device",
    summary="Stop the notifications on one of the citizen's phones",
    responses={404: _error("No such device among the citizen's.")},
)
def remove_push_device(env: CitizenEnv, device_id: DeviceId) -> FastAPIResponse:
    removed = env["mail.push.device"]._grc_revoke(
        env.user.partner_id, device_id=device_id
    )
    if not removed:
        raise GrcApiError(404, "not_found", env._("This device was not found."))
    return FastAPIResponse(status_code=204)


@public_router.get(
    "/map",
    operation_id="get_public_map",
    summary="Open reports of the public map in a box",
    description="Open requests of the démarches the authority put on the public "
    "map, inside `bbox`: their place, type, status and dates, and only what an "
    "agent published; never a name nor the citizen's words.",
    openapi_extra={"security": []},
)
def get_public_map(
    env: PublicEnv,
    response: FastAPIResponse,
    bbox: Annotated[
        str,
        Query(
            max_length=100,
            description="south,west,north,east in degrees (2 degrees at most).",
            examples=["45.75,4.82,45.77,4.86"],
        ),
    ],
) -> MapOut:
    tickets = env["helpdesk.ticket"]
    try:
        box = tickets._grc_parse_bbox(bbox)
    except ValidationError as error:
        raise invalid_error(
            env, [{"field": "bbox", "message": error.args[0]}]
        ) from error
    response.headers["Cache-Control"] = "public, max-age=60"
    return MapOut(**tickets._grc_public_map(box))
