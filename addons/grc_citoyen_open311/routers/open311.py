# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/), on
/open311/v2: services, service definitions, service requests (post and get),
each answered in JSON or XML as the extension of the path asks. Errors are
answered as the specification says: a list of ``{code, description}``.
"""

import json
import re
from datetime import datetime
from typing import Annotated
from xml.etree import ElementTree

from fastapi import APIRouter, Depends, Form, Header, Query, Request
from fastapi import Response as FastAPIResponse
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from odoo.api import Environment
from odoo.tools import html2plaintext

from odoo.addons.fastapi.dependencies import odoo_env
from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError
from odoo.addons.grc_citoyen_api.routers.dependencies import public_env

router = APIRouter(tags=["open311"])
FORMATS = {"json": "application/json", "xml": "text/xml"}
# Element names of the XML answers: (root, item).
XML_NAMES = {
    "services": ("services", "service"),
    "requests": ("service_requests", "request"),
    "errors": ("errors", "error"),
}
MAX_TEXT = 4000
# attribute[code] fields of a posted request, at most.
MAX_ATTRIBUTES = 100
ATTRIBUTE_FIELD = re.compile(r"^attribute\[([A-Za-z0-9_.:-]{1,64})\](\[\])?$")

OdooEnv = Annotated[Environment, Depends(odoo_env)]
PublicEnv = Annotated[Environment, Depends(public_env)]
Jurisdiction = Annotated[str | None, Query(max_length=200)]


def _xml_value(parent, name, value):
    element = ElementTree.SubElement(parent, name)
    if isinstance(value, list):
        item_name = name[:-1] if name.endswith("s") else "item"
        for item in value:
            _xml_item(element, item_name, item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def _xml_item(parent, name, values):
    item = ElementTree.SubElement(parent, name)
    for key, value in values.items():
        _xml_value(item, key, value)


def _body(fmt, kind, payload):
    if fmt == "json":
        return json.dumps(payload)
    root_name, item_name = XML_NAMES.get(kind, (kind, None))
    if item_name is None:
        root = ElementTree.Element(root_name)
        for key, value in payload.items():
            _xml_value(root, key, value)
    else:
        root = ElementTree.Element(root_name)
        for values in payload:
            _xml_item(root, item_name, values)
    return '<?xml version="1.0" encoding="utf-8"?>' + ElementTree.tostring(
        root, encoding="unicode"
    )


def answer(fmt, kind, payload, status=200):
    return FastAPIResponse(
        content=_body(fmt, kind, payload),
        status_code=status,
        media_type=FORMATS[fmt],
    )


class Open311Error(HTTPException):
    """An Open311 error, answered by Odoo's dispatcher as is."""

    def __init__(self, fmt, status, description):
        super().__init__(description=description)
        self.code = status
        payload = [{"code": status, "description": description}]
        self.error_response = Response(
            _body(fmt if fmt in FORMATS else "json", "errors", payload),
            status=status,
            content_type=FORMATS.get(fmt, FORMATS["json"]) + "; charset=utf-8",
        )


def _format(env, fmt):
    if fmt not in FORMATS:
        raise Open311Error("json", 404, env._("Answers are in .json or .xml."))
    return fmt


def _check_jurisdiction(env, fmt, jurisdiction_id):
    # sudo: the company's public jurisdiction, read for an anonymous caller.
    expected = env.company.sudo().grc_open311_jurisdiction
    if jurisdiction_id and expected and jurisdiction_id.strip() != expected:
        raise Open311Error(fmt, 404, env._("This jurisdiction_id is not served here."))


def _key_user(env, fmt, api_key):
    # sudo: only the token's account is looked up, before the call runs as it.
    user = env["grc.api.token"].sudo()._grc_authenticate(api_key)
    if not user:
        raise Open311Error(
            fmt, 403, env._("The api_key is missing, invalid or revoked.")
        )
    return user


def _service(request_type):
    return {
        "service_code": request_type.code or str(request_type.id),
        "service_name": request_type.name,
        "description": _plain(request_type.description) or None,
        "metadata": bool(request_type._grc_open311_attributes()),
        "type": "realtime",
        "keywords": "",
        "group": request_type.category_id.name or "",
    }


def _plain(html):
    return " ".join(html2plaintext(html or "").split())[:MAX_TEXT]


@router.get("/services.{fmt}", summary="Services: the request types")
def list_services(env: PublicEnv, fmt: str, jurisdiction_id: Jurisdiction = None):
    _format(env, fmt)
    _check_jurisdiction(env, fmt, jurisdiction_id)
    request_types = env["grc.request.type"]
    found = request_types.search(request_types._grc_public_domain(), limit=500)
    # sudo: found with the public user's rules; their categories may be hidden.
    return answer(fmt, "services", [_service(rt) for rt in found.sudo()])


@router.get("/services/{service_code}.{fmt}", summary="A service's definition")
def get_service_definition(
    env: PublicEnv, service_code: str, fmt: str, jurisdiction_id: Jurisdiction = None
):
    _format(env, fmt)
    _check_jurisdiction(env, fmt, jurisdiction_id)
    request_type = env["helpdesk.ticket"]._grc_open311_type(service_code)
    if not request_type:
        raise Open311Error(fmt, 404, env._("No such service_code."))
    # sudo: found with the public user's rules; its form is read for them.
    attributes = request_type.sudo()._grc_open311_attributes()
    return answer(
        fmt,
        "service_definition",
        {"service_code": service_code, "attributes": attributes},
    )


async def posted_attributes(request: Request) -> dict:
    """The ``attribute[code]`` fields of the posted form: ``{code: [values]}``
    (a multivaluelist sends one field per value, or ``attribute[code][]``)."""
    form = await request.form()
    attributes = {}
    for name in form:
        match = ATTRIBUTE_FIELD.match(name)
        if match:
            values = [str(value)[:MAX_TEXT] for value in form.getlist(name)]
            attributes.setdefault(match.group(1), []).extend(values)
    return dict(list(attributes.items())[:MAX_ATTRIBUTES])


def _float(env, fmt, value, bound, name):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is None or not -bound <= number <= bound:
        raise Open311Error(fmt, 400, env._("%(name)s is not valid.", name=name))
    return number


@router.post("/requests.{fmt}", summary="Post a service request")
def post_request(
    env: OdooEnv,
    fmt: str,
    attributes: Annotated[dict, Depends(posted_attributes)],
    api_key: Annotated[str | None, Form(max_length=256)] = None,
    service_code: Annotated[str | None, Form(max_length=64)] = None,
    jurisdiction_id: Annotated[str | None, Form(max_length=200)] = None,
    lat: Annotated[str | None, Form(max_length=32)] = None,
    long: Annotated[str | None, Form(max_length=32)] = None,
    address_string: Annotated[str | None, Form(max_length=256)] = None,
    email: Annotated[str | None, Form(max_length=256)] = None,
    first_name: Annotated[str | None, Form(max_length=128)] = None,
    last_name: Annotated[str | None, Form(max_length=128)] = None,
    phone: Annotated[str | None, Form(max_length=64)] = None,
    description: Annotated[str | None, Form(max_length=MAX_TEXT)] = None,
    media_url: Annotated[str | None, Form(max_length=2000)] = None,
    idempotency_key: Annotated[
        str | None,
        Header(alias="Idempotency-Key", max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$"),
    ] = None,
):
    _format(env, fmt)
    _check_jurisdiction(env, fmt, jurisdiction_id)
    user = _key_user(env, fmt, api_key)
    user_env = env(user=user.id, su=False)
    tickets = user_env["helpdesk.ticket"]
    request_type = tickets._grc_open311_type(service_code)
    if not request_type:
        raise Open311Error(fmt, 404, env._("No such service_code."))
    values = {
        "lat": _float(env, fmt, lat, 90, "lat"),
        "long": _float(env, fmt, long, 180, "long"),
        "address_string": address_string,
        "email": email,
        "first_name": first_name,
        "last_name": last_name,
        "phone": phone,
        "description": description,
        "media_url": media_url,
        "attributes": attributes or {},
    }
    if (values["lat"] is None) != (values["long"] is None):
        raise Open311Error(fmt, 400, env._("Give both lat and long."))
    try:
        ticket = tickets._grc_open311_submit(
            user, request_type, values, idempotency_key
        )
    except GrcIntakeError as error:
        message = " ".join(str(text) for text in error.errors.values())
        raise Open311Error(fmt, 400, message or str(error)) from error
    notice = env._(
        "Request %(reference)s received by %(service)s.",
        reference=ticket.number,
        service=ticket.team_id.name or ticket.company_id.name,
    )
    return answer(
        fmt,
        "requests",
        [
            {
                "service_request_id": ticket.number,
                "service_notice": notice,
                "account_id": None,
            }
        ],
    )


def _date(env, fmt, value, name):
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Open311Error(
            fmt, 400, env._("%(name)s is not a date.", name=name)
        ) from None
    if parsed.tzinfo:
        parsed = parsed.astimezone(tz=None).replace(tzinfo=None)
    return parsed


@router.get("/requests.{fmt}", summary="Get service requests")
def get_requests(
    env: OdooEnv,
    fmt: str,
    api_key: Annotated[str | None, Query(max_length=256)] = None,
    jurisdiction_id: Jurisdiction = None,
    service_request_id: Annotated[str | None, Query(max_length=2000)] = None,
    service_code: Annotated[str | None, Query(max_length=64)] = None,
    start_date: Annotated[str | None, Query(max_length=40)] = None,
    end_date: Annotated[str | None, Query(max_length=40)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
):
    _format(env, fmt)
    _check_jurisdiction(env, fmt, jurisdiction_id)
    user = _key_user(env, fmt, api_key)
    tickets = env(user=user.id, su=False)["helpdesk.ticket"]
    service = None
    if service_code:
        service = tickets._grc_open311_type(service_code)
        if not service:
            return answer(fmt, "requests", [])
    ids = [
        part.strip() for part in (service_request_id or "").split(",") if part.strip()
    ]
    filters = {
        "start_date": _date(env, fmt, start_date, "start_date"),
        "end_date": _date(env, fmt, end_date, "end_date"),
        "status": status if status in ("open", "closed") else None,
    }
    found = tickets._grc_open311_search(user, ids=ids, service=service, filters=filters)
    return answer(fmt, "requests", [ticket._grc_open311_values() for ticket in found])


@router.get("/requests/{service_request_id}.{fmt}", summary="Get a service request")
def get_request(
    env: OdooEnv,
    service_request_id: str,
    fmt: str,
    api_key: Annotated[str | None, Query(max_length=256)] = None,
    jurisdiction_id: Jurisdiction = None,
):
    _format(env, fmt)
    _check_jurisdiction(env, fmt, jurisdiction_id)
    user = _key_user(env, fmt, api_key)
    tickets = env(user=user.id, su=False)["helpdesk.ticket"]
    found = tickets._grc_open311_search(user, ids=[service_request_id[:64]])
    if not found:
        raise Open311Error(fmt, 404, env._("No such service_request_id."))
    return answer(fmt, "requests", [found._grc_open311_values()])
