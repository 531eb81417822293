# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import copy

from fastapi import APIRouter, FastAPI

from odoo import models

from odoo.addons.fastapi.context import odoo_env_ctx

from ..routers import forms_router


def _with_forms(openapi):
    """``openapi`` (the app's document builder, which caches the routes'
    part) completed on each call with the forms of the public démarches as
    they are now: forms change without the app being built again."""

    def build():
        document = copy.deepcopy(openapi())
        env = odoo_env_ctx.get(None)
        if env is None:
            return document
        # The catalogue as the public catalogue shows it: the public user's
        # rules, in the language of the call (the endpoint's company is not
        # necessarily the public user's).
        context = {
            key: value
            for key, value in env.context.items()
            if key != "allowed_company_ids"
        }
        public = env(user=env.ref("base.public_user").id, su=False, context=context)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(public["grc.request.type"]._grc_api_openapi_schemas())
        return document

    return build


class FastapiEndpoint(models.Model):
    """The démarches' forms in the mobile app's API: the routes of
    ``routers/forms.py`` and a JSON Schema per public démarche in the
    OpenAPI document (``components/schemas/RequestTypeForm<id>``)."""

    _inherit = "fastapi.endpoint"

    def _get_fastapi_routers(self) -> list[APIRouter]:
        routers = super()._get_fastapi_routers()
        if self.app == "grc":
            routers = [*routers, forms_router]
        return routers

    def _get_app(self) -> FastAPI:
        app = super()._get_app()
        if self.app == "grc":
            app.openapi = _with_forms(app.openapi)
        return app
