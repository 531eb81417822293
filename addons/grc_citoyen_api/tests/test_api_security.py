# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hostile values on every operation of the mobile app API: no server error
(5xx), every error in the API's format. Who may read the tokens."""

import logging
import re
import time
from urllib.parse import quote

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.common import (
    HOSTILE_MUTED,
    HOSTILE_VALUES,
    GrcCommon,
)

from .common_api import GrcApiCommon

_logger = logging.getLogger(__name__)

MUTED = (*HOSTILE_MUTED, "werkzeug")


@tagged("post_install", "-at_install")
class TestApiTokenRights(GrcCommon):
    def test_citizen_cannot_list_api_tokens(self):
        """Mobile app tokens are not readable by portal accounts."""
        user = new_test_user(self.env, login="rights_marc", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.env["grc.api.token"].with_user(user).search([])


@tagged("post_install", "-at_install")
class TestApiNul(GrcApiCommon, HttpCase):
    """A NUL character sent to the API is an invalid field (422), answered in
    the API's error format."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.endpoint._handle_registry_sync()

    def _request(self, method, path, **kwargs):
        return self.opener.request(
            method,
            f"{self.base_url()}/api/grc/v1{path}",
            headers=self._headers(self.token_a),
            timeout=30,
            **kwargs,
        )

    def test_patch_me_with_nul(self):
        for field, value in (
            ("phone", "06\x0012"),
            ("mobile", "\x00"),
            ("email", "helene\x00@example.fr"),
            ("preferred_channel", "email\x00"),
        ):
            with self.subTest(field=field):
                response = self._request("PATCH", "/me", json={field: value})
                self.assertEqual(response.status_code, 422, response.text)
                self.assertEqual(response.json()["error"]["field"], field)

    def test_request_and_message_with_nul(self):
        response = self._request(
            "POST",
            "/requests",
            data={"request_type_id": self.type_lamp.id, "description": "a\x00b"},
        )
        self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual(response.json()["error"]["field"], "description")
        ticket = self._create_request(partner_id=self.citizen.id)
        response = self._request(
            "POST", f"/requests/{ticket.id}/messages", data={"body": "a\x00b"}
        )
        self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual(response.json()["error"]["field"], "body")


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
        with mute_logger(*MUTED, "odoo.addons.fastapi", "odoo.addons.grc_citoyen_api"):
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


@tagged("post_install", "-at_install")
class TestApiRouteInventory(TransactionCase):
    """The portal pages of the addon are the citizen's own (the hardening
    addon's route inventory gives each route of the suite its verdict); the
    API itself is served by fastapi's dispatcher, outside Odoo's controllers,
    and answers with its own authentication."""

    def test_portal_routes(self):
        modules = sorted(self.env.registry._init_modules)
        rules = http._generate_routing_rules(
            modules, False, self.env["ir.http"]._get_converters()
        )
        routes = {}
        for url, endpoint in rules:
            name = endpoint.func.__name__
            owners = type(endpoint.func.__self__).mro()
            if any(
                name in cls.__dict__
                and cls.__module__.startswith("odoo.addons.grc_citoyen_api")
                for cls in owners
            ):
                routes[url] = endpoint.routing
        self.assertIn("/my/security/mobile-app", routes)
        # OAuth: the authorization page sends visitors to the sign-in itself;
        # apps call the token and revocation endpoints without a session.
        oauth = {"/oauth/authorize", "/oauth/token", "/oauth/revoke"}
        self.assertLessEqual(oauth, set(routes))
        for url in oauth:
            self.assertEqual(routes.pop(url)["auth"], "public")
        for url, routing in routes.items():
            with self.subTest(url=url):
                self.assertEqual(routing["auth"], "user")
                if url.endswith("/revoke"):
                    self.assertEqual(routing.get("methods"), ["POST"])
