# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Errors of the mobile app API: one JSON shape, French for French citizens.

Every error is answered as ``{"error": {"code", "message", "field", "details"}}``.
The OCA ``fastapi`` addon lets exceptions bubble up to Odoo's dispatcher, which
rolls the transaction back: ``GrcApiError`` is a werkzeug ``HTTPException``
carrying its own response, so Odoo answers it as is, without logging it as a
server failure. The middleware turns FastAPI's and Odoo's own exceptions into
``GrcApiError`` (a bug becomes a logged 500 ``internal_error``); concurrency
errors go on untouched to Odoo, which retries the call.

Messages are always the API's own, translated ones: never the text of an
exception raised by a library or the database (table, constraint, field
names), which tells the caller about the server and nothing they can act on.
"""

import json
import logging

import psycopg2
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError

from odoo.addons.fastapi.context import odoo_env_ctx

_logger = logging.getLogger(__name__)

# Where a dependency leaves the citizen's environment, so that errors raised
# after authentication speak the citizen's language.
SCOPE_ENV_KEY = "grc.env"
# Sections of FastAPI's error locations that are not part of the field name.
LOCATION_SECTIONS = ("body", "query", "path", "header", "cookie")


class GrcApiError(HTTPException):
    """An API error answered as ``{"error": {...}}`` with its HTTP status."""

    def __init__(self, status, code, message, field=None, details=None, headers=None):
        super().__init__(description=message)
        self.code = status
        self.error_code = code
        self.field = field
        self.details = details or []
        self.headers = dict(headers or {})
        # Odoo's dispatcher answers with this response when it is set.
        self.error_response = self.get_response()

    def to_dict(self):
        return {
            "error": {
                "code": self.error_code,
                "message": self.description,
                "field": self.field,
                "details": self.details,
            }
        }

    def get_response(self, environ=None, scope=None):
        return Response(
            json.dumps(self.to_dict(), ensure_ascii=False),
            status=self.code,
            headers=self.headers,
            content_type="application/json; charset=utf-8",
        )


def _field_name(location):
    """ "description" for ("body", "description"); list indexes are dropped
    ("photos" for ("body", "photos", 0)), as are JSON positions."""
    parts = [str(part) for part in location if not isinstance(part, int)]
    if parts and parts[0] in LOCATION_SECTIONS:
        parts = parts[1:]
    return ".".join(parts) or None


def _validation_message(env, error):
    """Message for one of pydantic's errors: its own texts are English only."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return env._("This field is required.")
    if kind.startswith("int_"):
        return env._("A whole number is expected.")
    if kind.startswith("float_"):
        return env._("A number is expected.")
    if kind.startswith("bool_"):
        return env._("Yes or no (true or false) is expected.")
    if kind == "string_too_long":
        return env._(
            "This text is too long (%(max)s characters at most).",
            max=ctx.get("max_length"),
        )
    if kind == "string_too_short":
        return env._("This text is too short.")
    if kind == "string_pattern_mismatch":
        return env._("This value does not have the expected form.")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return env._("This value is out of the allowed range.")
    if kind in ("literal_error", "enum"):
        return env._("This value is not one of the allowed choices.")
    if kind == "extra_forbidden":
        return env._("This field is not expected.")
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return env._("An object is expected.")
    if kind == "json_invalid":
        return env._("The request body is not valid JSON.")
    if "UploadFile" in error.get("msg", "") or "file" in kind:
        return env._("A file is expected.")
    if kind in ("string_type", "list_type"):
        return env._("This value does not have the expected type.")
    return env._("This value is not valid.")


def validation_error(env, exc):
    """422 (400 for a body that cannot be read) listing every invalid field."""
    details = [
        {
            "field": _field_name(error.get("loc") or ()),
            "message": _validation_message(env, error),
        }
        for error in exc.errors()
    ]
    if any(error.get("type") == "json_invalid" for error in exc.errors()):
        return GrcApiError(
            400,
            "malformed_request",
            env._("The request body is not valid JSON."),
            details=details,
        )
    return invalid_error(env, details)


def invalid_error(env, details, default_message=None):
    """422 for invalid fields: ``details`` lists ``{"field", "message"}``;
    the main message and field are the first ones."""
    first = details[0] if details else {"field": None, "message": default_message}
    return GrcApiError(
        422,
        "validation_error",
        first["message"] or env._("This value is not valid."),
        field=first["field"],
        details=details,
    )


def _http_error(env, status, headers=None):
    """The error for an HTTP status raised by starlette or werkzeug: their
    texts are English only and may describe the server, so they are not used."""
    if status == 404:
        return GrcApiError(404, "not_found", env._("Nothing was found here."))
    if status == 405:
        return GrcApiError(
            405,
            "method_not_allowed",
            env._("This operation is not allowed on this address."),
            headers=headers,
        )
    if status == 400:
        return GrcApiError(
            400, "malformed_request", env._("The request could not be read.")
        )
    if status == 413:
        return GrcApiError(413, "payload_too_large", env._("What you sent is too big."))
    if status >= 500:
        return GrcApiError(
            status,
            "internal_error",
            env._("Something went wrong on our side: please try again later."),
            headers=headers,
        )
    return GrcApiError(
        status,
        "http_error",
        env._("This request cannot be processed."),
        headers=headers,
    )


def api_error_from_exception(exc, env):
    """The ``GrcApiError`` answering ``exc``, or None to let Odoo handle it
    (concurrency errors, which it retries)."""
    if isinstance(exc, GrcApiError):
        return exc
    if isinstance(exc, RequestValidationError):
        return validation_error(env, exc)
    if isinstance(exc, StarletteHTTPException):
        return _http_error(env, exc.status_code, exc.headers)
    if isinstance(exc, HTTPException):
        return _http_error(env, exc.code or 500)
    if isinstance(exc, MissingError):
        return GrcApiError(404, "not_found", env._("Nothing was found here."))
    if isinstance(exc, AccessDenied | AccessError):
        return GrcApiError(403, "forbidden", env._("You are not allowed to do this."))
    if isinstance(exc, UserError):
        message = exc.args[0] if exc.args else str(exc)
        return GrcApiError(422, "invalid", message)
    if isinstance(exc, psycopg2.IntegrityError):
        # Odoo would answer its own validation error, which names the table
        # and the field; the transaction is rolled back all the same.
        _logger.info("Mobile app API: constraint violation: %s", exc)
        return GrcApiError(
            422,
            "invalid",
            env._(
                "What you sent conflicts with existing data: check it and try again."
            ),
        )
    if isinstance(exc, psycopg2.Error):
        # Odoo retries the call on a concurrency error: let it.
        return None
    _logger.exception("Mobile app API: unexpected error")
    return GrcApiError(
        500,
        "internal_error",
        env._("Something went wrong on our side: please try again later."),
    )


class GrcApiErrorMiddleware:
    """ASGI middleware turning the app's exceptions into ``GrcApiError``."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            env = scope.get(SCOPE_ENV_KEY) or odoo_env_ctx.get()
            error = api_error_from_exception(exc, env)
            if error is None or error is exc:
                raise
            raise error from exc
