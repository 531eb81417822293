# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Any

from fastapi import APIRouter

from odoo import fields, models

from ..routers import open311_router

GEOREPORT_VERSION = "2.0"


class FastapiEndpoint(models.Model):
    """Open311 GeoReport v2, served by the OCA fastapi addon (record
    grc_citoyen_open311.fastapi_endpoint_open311, on /open311/v2)."""

    _inherit = "fastapi.endpoint"

    app = fields.Selection(
        selection_add=[("open311", "Open311 GeoReport v2")],
        ondelete={"open311": "cascade"},
    )

    def _get_fastapi_routers(self) -> list[APIRouter]:
        if self.app == "open311":
            return [open311_router]
        return super()._get_fastapi_routers()

    def _prepare_fastapi_app_params(self) -> dict[str, Any]:
        params = super()._prepare_fastapi_app_params()
        if self.app == "open311":
            params["version"] = GEOREPORT_VERSION
        return params
