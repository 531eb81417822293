# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hostile input gets a 4xx, never a server error, and server errors show
visitors and citizens no traceback, in debug mode or not."""

import binascii
import logging
from contextlib import contextmanager

import psycopg2
import werkzeug.exceptions

from odoo import models
from odoo.http import request

from odoo.addons.base.models.ir_http import SignedIntConverter
from odoo.addons.grc_citoyen.models.grc_text import MAX_ID

_logger = logging.getLogger(__name__)

# What code that trusts its parameters raises on a hostile value (text for a
# number, a negative size, a missing field, an unknown reference or file, a
# value the database refuses).
BAD_INPUT_ERRORS = (
    AssertionError,
    AttributeError,
    FileNotFoundError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    binascii.Error,
    psycopg2.DataError,
)


class GrcIntConverter(SignedIntConverter):
    """``<int:...>`` beyond a PostgreSQL integer matches no route (404)
    instead of reaching the database, which fails (500)."""

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, *args, **kwargs)
        if self.max is None:
            self.max = MAX_ID
        if self.min is None:
            self.min = -MAX_ID - 1


def _has_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_converters(cls):
        return dict(super()._get_converters(), int=GrcIntConverter)

    @classmethod
    @contextmanager
    def _grc_bad_input_is_bad_request(cls, routing):
        """On the pages of visitors and citizens, a hostile value that makes
        a route (ours, Odoo's or OCA's) fail is a bad request (400), not a
        server error (500). Staff keep the server error and its traceback;
        the log keeps it for everybody."""
        # auth="none" routes have no user: they serve visitors.
        user = request.env.user if request.env else None
        if routing.get("type") != "http" or (user and user._is_internal()):
            yield
            return
        try:
            yield
        except BAD_INPUT_ERRORS as error:
            _logger.warning(
                "Bad request on %s: %s", request.httprequest.path, error, exc_info=True
            )
            raise werkzeug.exceptions.BadRequest() from error

    @classmethod
    def _dispatch(cls, endpoint):
        with cls._grc_bad_input_is_bad_request(endpoint.routing):
            return super()._dispatch(endpoint)

    @classmethod
    def _pre_dispatch(cls, rule, args):
        """PostgreSQL cannot store a NUL character: a form or an address
        holding one is refused before any route writes it (400)."""
        # After super(): the upload size limit it sets applies to the form.
        with cls._grc_bad_input_is_bad_request(rule.endpoint.routing):
            res = super()._pre_dispatch(rule, args)
        if rule.endpoint.routing.get("type") == "http":
            httprequest = request.httprequest
            pairs = [
                *httprequest.args.lists(),
                *httprequest.form.lists(),
                *args.items(),
            ]
            if any(_has_nul(key) or _has_nul(value) for key, value in pairs):
                raise werkzeug.exceptions.BadRequest()
        return res

    @classmethod
    def _serve_fallback(cls):
        """Addresses no route matched are looked up as pages, redirects and
        attachments in the database, which cannot compare a NUL character:
        such an address is simply not found."""
        if "\x00" in request.httprequest.path:
            return None
        return super()._serve_fallback()

    @classmethod
    def _get_error_html(cls, env, code, values):
        """The debug part of error pages (traceback, template expression)
        tells about the server: staff only."""
        if not env.user._is_internal():
            values = dict(values, traceback=False)
            values.pop("qweb_exception", None)
        return super()._get_error_html(env, code, values)
