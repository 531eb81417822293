# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Public routes of the mobile app API, version 1: the catalogue, no token.

What an app needs to show the submission form before the citizen signs in:
published, non-confidential request types, their categories and the ways a
citizen can be contacted. Nothing personal, pages of bounded size, run as
Odoo's public user, and cacheable by any proxy in front of Odoo.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi import Response as FastAPIResponse

from odoo.api import Environment

from ..schemas.grc_api_v1 import (
    CategoryOut,
    CategoryPage,
    ChoiceOut,
    ErrorResponse,
    RequestTypeOut,
    RequestTypePage,
)
from .dependencies import public_env

MAX_PAGE = 1000
MAX_PAGE_SIZE = 50
# The catalogue changes a few times a year: five minutes of cache spare the
# server from apps (or scripts) asking for it in a loop.
CACHE_CONTROL = "public, max-age=300"

router = APIRouter(
    prefix="/public",
    tags=["public"],
    responses={
        422: {
            "model": ErrorResponse,
            "description": "Invalid parameters: `error.details` lists each of them.",
        }
    },
)

PublicEnv = Annotated[Environment, Depends(public_env)]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
# No token: said explicitly in the OpenAPI document.
NO_TOKEN = {"security": []}


def _cacheable(env, response):
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.headers["Vary"] = "Accept-Language"
    response.headers["Content-Language"] = (env.lang or "en_US").split("_")[0]


@router.get(
    "/request-types",
    operation_id="list_public_request_types",
    summary="Published request types, without token",
    description="Request types anyone may see, page by page; confidential "
    "types are never listed. Submitting one needs a citizen's token.",
    openapi_extra=NO_TOKEN,
)
def list_public_request_types(
    env: PublicEnv,
    response: FastAPIResponse,
    category_id: Annotated[
        int | None,
        Query(ge=1, le=2**31 - 1, description="Only this category and those below."),
    ] = None,
    page: Page = 1,
    page_size: PageSize = 20,
) -> RequestTypePage:
    request_types = env["grc.request.type"]
    domain = request_types._grc_public_domain(category_id)
    found = request_types.search(domain, limit=page_size, offset=(page - 1) * page_size)
    _cacheable(env, response)
    return RequestTypePage(
        total=request_types.search_count(domain),
        page=page,
        page_size=page_size,
        # sudo: found with the visitor's rules; the company rule may hide a category.
        items=[RequestTypeOut.from_record(rt) for rt in found.sudo()],
    )


@router.get(
    "/categories",
    operation_id="list_public_categories",
    summary="Categories of the published request types, without token",
    description="The categories of the public request types and those above "
    "them, to show the catalogue as a tree (`parent_id`).",
    openapi_extra=NO_TOKEN,
)
def list_public_categories(
    env: PublicEnv,
    response: FastAPIResponse,
    page: Page = 1,
    page_size: PageSize = 50,
) -> CategoryPage:
    domain = env["grc.request.type"]._grc_public_category_domain()
    # sudo: the company rule may hide a category from the visitor; the domain keeps
    # those of the published types and the ones above them.
    categories = env["helpdesk.ticket.category"].sudo()
    found = categories.search(
        domain, order="parent_path, id", limit=page_size, offset=(page - 1) * page_size
    )
    _cacheable(env, response)
    return CategoryPage(
        total=categories.search_count(domain),
        page=page,
        page_size=page_size,
        items=[CategoryOut.from_record(category) for category in found],
    )


@router.get(
    "/contact-channels",
    operation_id="list_public_contact_channels",
    summary="How a citizen can ask to be contacted, without token",
    description="Values of `preferred_channel` when submitting a request.",
    openapi_extra=NO_TOKEN,
)
def list_public_contact_channels(
    env: PublicEnv, response: FastAPIResponse
) -> list[ChoiceOut]:
    field = env["res.partner"]._fields["preferred_channel"]
    _cacheable(env, response)
    return [
        ChoiceOut(code=code, label=label)
        for code, label in field._description_selection(env)
    ]
