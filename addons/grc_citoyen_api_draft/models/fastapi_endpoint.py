# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Any

from fastapi import APIRouter

from odoo import models

from ..routers import grc_drafts_router


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    def _get_fastapi_routers(self) -> list[APIRouter]:
        routers = super()._get_fastapi_routers()
        if self.app == "grc":
            routers = [*routers, grc_drafts_router]
        return routers

    def _prepare_fastapi_app_params(self) -> dict[str, Any]:
        params = super()._prepare_fastapi_app_params()
        if self.app == "grc":
            params["openapi_tags"] = [
                *params.get("openapi_tags", []),
                {"name": "drafts", "description": "The citizen's saved démarches."},
            ]
        return params
