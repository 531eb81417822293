# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Any

from fastapi import APIRouter
from starlette.middleware import Middleware

from odoo import fields, models

from odoo.addons.fastapi.dependencies import authenticated_partner_impl

from ..routers import grc_api_v1_public_router, grc_api_v1_router
from ..routers.dependencies import citizen_partner
from ..routers.errors import GrcApiErrorMiddleware

API_VERSION = "1.0.0"


class FastapiEndpoint(models.Model):
    """The mobile app's REST API, served by Odoo through the OCA fastapi addon
    (record grc_citoyen_api.fastapi_endpoint_grc_v1, mounted on /api/grc/v1)."""

    _inherit = "fastapi.endpoint"

    app = fields.Selection(
        selection_add=[("grc", "GRC Citoyenne mobile app")],
        ondelete={"grc": "cascade"},
    )

    def _get_fastapi_routers(self) -> list[APIRouter]:
        if self.app == "grc":
            return [grc_api_v1_public_router, grc_api_v1_router]
        return super()._get_fastapi_routers()

    def _get_app_dependencies_overrides(self):
        overrides = super()._get_app_dependencies_overrides()
        if self.app == "grc":
            overrides[authenticated_partner_impl] = citizen_partner
        return overrides

    def _get_fastapi_app_middlewares(self) -> list[Middleware]:
        middlewares = super()._get_fastapi_app_middlewares()
        if self.app == "grc":
            middlewares.append(Middleware(GrcApiErrorMiddleware))
        return middlewares

    def _prepare_fastapi_app_params(self) -> dict[str, Any]:
        params = super()._prepare_fastapi_app_params()
        if self.app == "grc":
            params["version"] = API_VERSION
            params["openapi_tags"] = [
                {"name": "catalogue", "description": "Request types."},
                {"name": "requests", "description": "The citizen's requests."},
                {"name": "profile", "description": "The citizen's details."},
                {
                    "name": "public",
                    "description": "The public catalogue, without token: "
                    "published request types, their categories, contact channels.",
                },
            ]
        return params
