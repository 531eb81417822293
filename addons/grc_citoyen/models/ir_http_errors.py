# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hostile input gets a 4xx, never a server error, and server errors show
visitors and citizens no traceback, in debug mode or not."""

import werkzeug.exceptions

from odoo import models
from odoo.http import request

from odoo.addons.base.models.ir_http import SignedIntConverter

from .grc_text import MAX_ID


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
    def _pre_dispatch(cls, rule, args):
        """PostgreSQL cannot store a NUL character: a form or an address
        holding one is refused before any route writes it (400)."""
        # After super(): the upload size limit it sets applies to the form.
        super()._pre_dispatch(rule, args)
        if rule.endpoint.routing.get("type") == "http":
            httprequest = request.httprequest
            pairs = [
                *httprequest.args.lists(),
                *httprequest.form.lists(),
                *args.items(),
            ]
            if any(_has_nul(key) or _has_nul(value) for key, value in pairs):
                raise werkzeug.exceptions.BadRequest()

    @classmethod
    def _get_error_html(cls, env, code, values):
        """The debug part of error pages (traceback, template expression)
        tells about the server: staff only."""
        if not env.user._is_internal():
            values = dict(values, traceback=False)
            values.pop("qweb_exception", None)
        return super()._get_error_html(env, code, values)
