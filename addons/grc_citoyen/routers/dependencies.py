# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Authentication of the mobile app: a bearer token bound to a portal account."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from odoo.api import Environment

from odoo.addons.base.models.res_partner import Partner
from odoo.addons.fastapi.dependencies import odoo_env

from .errors import SCOPE_ENV_KEY, GrcApiError

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="citizenToken",
    description="Token of the citizen's portal account (`grc_...`), issued by an "
    "agent or by the citizen. Send it as `Authorization: Bearer <token>`.",
)


def citizen_env(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    env: Annotated[Environment, Depends(odoo_env)],
) -> Environment:
    """The environment of the citizen whose token was sent: their record
    rules apply and messages speak their language."""
    token = credentials.credentials if credentials else None
    user = env["grc.api.token"].sudo()._grc_authenticate(token)
    if not user:
        if token:
            raise GrcApiError(
                401,
                "invalid_token",
                env._("Your session has expired or was closed: sign in again."),
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        raise GrcApiError(
            401,
            "authentication_required",
            env._("Sign in to use this service."),
            headers={"WWW-Authenticate": "Bearer"},
        )
    # The endpoint's company is not necessarily the citizen's.
    context = {
        key: value for key, value in env.context.items() if key != "allowed_company_ids"
    }
    if user.lang:
        context["lang"] = user.lang
    user_env = env(user=user.id, su=False, context=context)
    request.scope[SCOPE_ENV_KEY] = user_env
    return user_env


def citizen_partner(
    env: Annotated[Environment, Depends(citizen_env)],
) -> Partner:
    """The authenticated citizen (overrides fastapi's authenticated_partner_impl)."""
    return env.user.partner_id
