# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who runs a call of the mobile app API, and in which language.

Citizens' calls run as their portal account (a bearer token); calls to the
public catalogue run as Odoo's public user. Both speak the language the app
asks for (``Accept-Language``, or ``lang`` on the catalogue), else the
citizen's own.
"""

from typing import Annotated, Literal

from fastapi import Depends, Query, Request
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


def _context_without_company(env):
    # The endpoint's company is not necessarily the caller's.
    return {
        key: value for key, value in env.context.items() if key != "allowed_company_ids"
    }


def _lang_from_header(env, request):
    """The installed language ``Accept-Language`` asks for, if any. Odoo's
    dispatcher already applies it to the endpoint's environment; it is read
    again here so that it also wins over the citizen's own language."""
    header = request.headers.get("Accept-Language")
    if not header:
        return None
    # sudo: the API's runner user may read no language; only a code is looked up.
    return env["res.lang"].sudo()._get_lang_from_accept_language(header)


def citizen_env(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    env: Annotated[Environment, Depends(odoo_env)],
) -> Environment:
    """The environment of the citizen whose token was sent: their record
    rules apply and messages speak their language."""
    token = credentials.credentials if credentials else None
    # sudo: the runner user may not read tokens; finding the token's account is
    # the one thing done before the call switches to that citizen.
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
    context = _context_without_company(env)
    lang = _lang_from_header(env, request) or user.lang
    if lang:
        context["lang"] = lang
    user_env = env(user=user.id, su=False, context=context)
    request.scope[SCOPE_ENV_KEY] = user_env
    return user_env


def citizen_partner(
    env: Annotated[Environment, Depends(citizen_env)],
) -> Partner:
    """The authenticated citizen (overrides fastapi's authenticated_partner_impl)."""
    return env.user.partner_id


def public_env(
    request: Request,
    env: Annotated[Environment, Depends(odoo_env)],
    lang: Annotated[
        Literal["fr", "en"] | None,
        Query(
            description="Language of the names and descriptions (and of the "
            "errors); without it, `Accept-Language` decides."
        ),
    ] = None,
) -> Environment:
    """The environment of an anonymous caller of the public catalogue: Odoo's
    public user, whose record rules show the published catalogue only."""
    context = _context_without_company(env)
    # sudo: the runner user may read no language nor user; only the language of
    # the call is looked up, before it switches to the public user.
    code = (
        lang and env["res.lang"].sudo()._get_lang_from_accept_language(lang)
    ) or _lang_from_header(env, request)
    public_user = env.ref("base.public_user")
    context["lang"] = code or public_user.sudo().lang or "en_US"
    public = env(user=public_user.id, su=False, context=context)
    request.scope[SCOPE_ENV_KEY] = public
    return public
