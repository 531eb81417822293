# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Database unreachable: answer 503 with Retry-After, not Odoo's 404.

When Odoo cannot connect to PostgreSQL, it serves the request without a
database: listing the databases fails silently (no database: no route but
Odoo's own) and a loaded registry that cannot get a connection falls back to
the same. Every portal page and API call then answers 404, which tells
browsers and apps that the address is wrong, and uploads are cut before
their body is read. Retrying is the right thing to do: an app resends with
its idempotency key, a citizen sends the form again.

So every connection attempt that fails is noted for the request being
served (``ConnectionPool.borrow``, where every connection of the process is
opened), and a response that is not a success (2xx, 304: static files and
``/web/health`` still answer) becomes a 503 with ``Retry-After``: JSON in the
API's error shape for ``/api/`` and JSON requests, a French page otherwise.
No ``ir.http`` here: without a database there is no registry to extend.
Installed by ``post_load``; listing the addon in ``server_wide_modules``
installs it when the server starts, before any database is loaded (see
readme/CONFIGURE.md).
"""

import json
import logging
import threading

import psycopg2
from markupsafe import escape
from werkzeug.wrappers import Response

from odoo import http, sql_db
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)

# Seconds a client should wait before trying again: the time a database
# server restart or a failover usually takes.
RETRY_AFTER = 15
# A request body is read (and dropped) up to this size before answering, so
# that the client gets the answer instead of a connection reset.
DRAIN_LIMIT = 64 * 1024 * 1024
LANG = "fr_FR"

TITLE = _lt("Service temporarily unavailable")
MESSAGE = _lt(
    "Our service is unavailable for a moment. Please try again in a few minutes."
)
GET_HINT = _lt("This page will reload by itself.")
POST_HINT = _lt(
    "What you sent has not been received: go back and send it again in a few "
    "minutes, nothing will be counted twice."
)

_state = threading.local()


def database_unreachable():
    """Whether a connection to the database failed while serving this request."""
    return getattr(_state, "unreachable", False)


def _borrow(original):
    def borrow(self, connection_info):
        try:
            return original(self, connection_info)
        except psycopg2.OperationalError:
            _state.unreachable = True
            raise

    borrow.grc_unreachable_noted = True
    return borrow


def _keeps(status):
    code = int(status.split(" ", 1)[0])
    return 200 <= code < 300 or code == 304


def _wants_json(environ):
    path = environ.get("PATH_INFO") or ""
    content_type = environ.get("CONTENT_TYPE") or ""
    accept = environ.get("HTTP_ACCEPT") or ""
    return (
        path.startswith("/api/")
        or content_type.startswith("application/json")
        or (accept.startswith("application/json") and "text/html" not in accept)
    )


def _drain(environ):
    """Read the request's body, up to ``DRAIN_LIMIT``, and drop it."""
    stream = environ.get("wsgi.input")
    try:
        remaining = min(int(environ.get("CONTENT_LENGTH") or 0), DRAIN_LIMIT)
    except ValueError:
        remaining = 0
    while stream is not None and remaining > 0:
        chunk = stream.read(min(remaining, 65536))
        if not chunk:
            break
        remaining -= len(chunk)


def unavailable_response(environ):
    """The 503 answered while the database cannot be reached."""
    headers = {
        "Retry-After": str(RETRY_AFTER),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    message = MESSAGE._translate(LANG)
    if _wants_json(environ):
        body = {
            "error": {
                "code": "service_unavailable",
                "message": message,
                "field": None,
                "details": [],
            }
        }
        return Response(
            json.dumps(body, ensure_ascii=False),
            status=503,
            headers=headers,
            content_type="application/json; charset=utf-8",
        )
    is_get = environ.get("REQUEST_METHOD", "GET") in ("GET", "HEAD")
    hint = (GET_HINT if is_get else POST_HINT)._translate(LANG)
    # A GET page reloads itself; a form is never sent again behind the
    # citizen's back.
    refresh = f'<meta http-equiv="refresh" content="{RETRY_AFTER}">' if is_get else ""
    title = TITLE._translate(LANG)
    page = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{refresh}<title>{escape(title)}</title>
<style>body{{font-family:system-ui,sans-serif;margin:0;padding:2rem;color:#161616}}
main{{max-width:40rem;margin:auto}}h1{{font-size:1.5rem}}</style></head>
<body><main><h1>{escape(title)}</h1><p>{escape(message)}</p><p>{escape(hint)}</p>
</main></body></html>
"""
    headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
    )
    return Response(
        page, status=503, headers=headers, content_type="text/html; charset=utf-8"
    )


def _call(original):
    def __call__(self, environ, start_response):
        _state.unreachable = False
        replaced = []

        def guarded_start_response(status, headers, exc_info=None):
            if database_unreachable() and not _keeps(status):
                replaced.append(status)
                return lambda data: None
            if exc_info:
                return start_response(status, headers, exc_info)
            return start_response(status, headers)

        try:
            body = original(self, environ, guarded_start_response)
            if not replaced:
                return body
            if hasattr(body, "close"):
                body.close()
            _logger.warning(
                "Database unreachable: %s %s answered 503 (was %s)",
                environ.get("REQUEST_METHOD"),
                environ.get("PATH_INFO"),
                replaced[0],
            )
            _drain(environ)
            return unavailable_response(environ)(environ, start_response)
        finally:
            _state.unreachable = False

    __call__.grc_unavailable_answered = True
    return __call__


def install():
    """Patch Odoo's WSGI application and connection pool once per process."""
    pool = sql_db.ConnectionPool
    if not getattr(pool.borrow, "grc_unreachable_noted", False):
        pool.borrow = _borrow(pool.borrow)
    application = http.Application
    if not getattr(application.__call__, "grc_unavailable_answered", False):
        application.__call__ = _call(application.__call__)
