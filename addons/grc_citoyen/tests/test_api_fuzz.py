# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hostile values on every operation of the mobile app API: no server error
(5xx), every error in the API's format."""

import logging
import re
import time
from urllib.parse import quote

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common_api import GrcApiCommon

_logger = logging.getLogger(__name__)

# Huge and negative ids, text where an id is expected, NUL and control
# characters, a 10 kB string, a right-to-left override.
HOSTILE_VALUES = [
    "99999999999",
    "-1",
    "abc",
    "\x00",
    "x\x01\x1b\x7f",
    "A" * 10000,
    "\u202egnp.exe",
]
MUTED = (
    "odoo.addons.mail",
    "odoo.addons.base.models.ir_qweb",
    "py.warnings",
    "odoo.http",
    "odoo.addons.base.models.ir_http",
    "odoo.addons.http_routing.models.ir_http",
    "odoo.addons.website",
    "odoo.addons.web",
    "odoo.addons.portal",
    "odoo.addons.auth_signup",
    "odoo.addons.grc_citoyen",
    "odoo.addons.grc_reclamations",
    "werkzeug",
)


@tagged("post_install", "-at_install")
class TestApiFuzz(GrcApiCommon, HttpCase):
    """Every operation of the mobile app API, each field of its parameters
    and request body given hostile values: no 5xx, every error in the API's
    format."""

    ROOT = "/api/grc/v1"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.endpoint._handle_registry_sync()

    def _request(self, method, path, token=None, **kwargs):
        return self.opener.request(
            method,
            f"{self.base_url()}{self.ROOT}{path}",
            headers=self._headers(token),
            timeout=60,
            allow_redirects=False,
            **kwargs,
        )

    @staticmethod
    def _schema(doc, schema):
        while "$ref" in schema:
            schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    @staticmethod
    def _json_values(value):
        """``value`` as JSON would carry it: numbers stay numbers."""
        try:
            return int(value) if value.lstrip("-").isdigit() else value
        except ValueError:
            return value

    def _calls(self, doc):
        for path, operations in doc["paths"].items():
            for method, operation in operations.items():
                params = operation.get("parameters", [])
                body = operation.get("requestBody", {}).get("content", {})
                for value in HOSTILE_VALUES:
                    url = re.sub(
                        r"\{(\w+)\}", lambda _m, v=value: quote(v, safe=""), path
                    )
                    query = {p["name"]: value for p in params if p["in"] == "query"}
                    # HTTP clients refuse control characters in headers.
                    headers = {
                        p["name"]: value
                        for p in params
                        if p["in"] == "header"
                        and value.isascii()
                        and value.isprintable()
                    }
                    kwargs = {"params": query, "headers": headers}
                    for content_type, content in body.items():
                        schema = self._schema(doc, content["schema"])
                        fields = {
                            name: value
                            for name, prop in schema.get("properties", {}).items()
                            if self._schema(doc, prop).get("format") != "binary"
                            and "items" not in prop
                        }
                        if content_type == "application/json":
                            kwargs["json"] = {
                                name: self._json_values(v) for name, v in fields.items()
                            }
                        else:
                            kwargs["data"] = fields
                    yield method.upper(), path, url, kwargs, value

    def test_operations_answer_hostile_values_in_api_format(self):
        doc = self._request("GET", "/openapi.json").json()
        self.assertGreaterEqual(len(doc["paths"]), 5)
        failures = []
        count = 0
        start = time.time()
        with mute_logger(*MUTED, "odoo.addons.fastapi"):
            for method, path, url, kwargs, value in self._calls(doc):
                for token in (None, self.token_a):
                    count += 1
                    call = dict(kwargs)
                    call["headers"] = dict(self._headers(token), **kwargs["headers"])
                    response = self.opener.request(
                        method,
                        f"{self.base_url()}{self.ROOT}{url}",
                        timeout=60,
                        allow_redirects=False,
                        **call,
                    )
                    where = f"{method} {path} [{value[:12]!r}] token={bool(token)}"
                    if response.status_code >= 500:
                        failures.append(
                            f"{where}: {response.status_code} {response.text[:200]!r}"
                        )
                    elif response.status_code >= 400:
                        try:
                            error = response.json()["error"]
                            assert error["code"] and error["message"]
                        except Exception:  # noqa: BLE001
                            failures.append(
                                f"{where}: {response.status_code} outside the "
                                f"API's error format: {response.text[:120]!r}"
                            )
        _logger.info("API fuzz: %s calls in %.0fs", count, time.time() - start)
        self.assertFalse(failures, "Hostile values:\n" + "\n".join(failures))
