# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hostile values on every public and portal route: a visitor gets a 4xx,
never a server error (5xx).

The routes come from the routing map, as in test_security_route_inventory:
a new route is walked without anybody adding it here. Each path and query
parameter gets each hostile value in turn (one request per value, every
parameter at once: bounded, not a cartesian product)."""

import inspect
import logging
import re
import time
from urllib.parse import quote, urlencode

import odoo
from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.common import HOSTILE_MUTED, HOSTILE_VALUES

from .test_security_route_inventory import TestRouteInventory

_logger = logging.getLogger(__name__)

# Huge and negative ids, text where an id is expected, NUL and control
# characters, a 10 kB string, a right-to-left override.
CONVERTER = re.compile(r"<(?:(\w+)(?:\([^>]*\))?:)?(\w+)>")
# Not walked, and why.
SKIPPED_ROUTES = {
    "/web/session/logout": "ends the session of the walk",
    "/websocket": "websocket upgrade, not an HTTP page",
    "/web/health": "status only, no parameter",
}
SKIPPED_VERDICTS = {
    # auth="user" backend routes: ORM rights checked; staff-only.
    "staff": "staff-only backend route",
    # Refused by the server configuration (list_db = False).
    "closed": "closed by configuration",
}
# Fields of forms whose route reads them from ``**post``.
FORM_FIELDS = {
    "/demarches/<int:type_id>/nouvelle": (
        "description",
        "name",
        "location_street",
        "location_zip",
        "location_latitude",
        "location_longitude",
        "preferred_channel",
        "citizen_name",
        "citizen_email",
        "citizen_phone",
        "idempotency_key",
    ),
    "/my/reclamation/new": (
        "subject",
        "description",
        "reason_id",
        "ticket_id",
        "request_id",
        "submission_token",
    ),
}
MUTED = (
    *HOSTILE_MUTED,
    "odoo.addons.grc_citoyen_hardening.models.ir_http_errors",
    "odoo.addons.grc_citoyen_hardening",
    "odoo.addons.grc_reclamations",
    "werkzeug",
)


def _fill(url, value):
    """The URL of a route with each of its converters replaced by ``value``."""
    return CONVERTER.sub(lambda _match: quote(value, safe=""), url)


@tagged("post_install", "-at_install")
class TestRouteFuzz(HttpCase):
    """Every public and portal route with hostile path and query values, as
    a visitor and as a citizen, GET and (where allowed) POST: no 5xx."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request_type = cls.env["grc.request.type"].create(
            {"name": "Lampadaire", "is_published": True}
        )
        cls.citizen_user = odoo.tests.new_test_user(
            cls.env, login="fuzz_citizen", groups="base.group_portal"
        )

    def _walked_routes(self):
        """{url: (query and form parameters, methods, auth)}"""
        registry = self.env.registry
        modules = sorted(registry._init_modules | set(odoo.conf.server_wide_modules))
        rules = http._generate_routing_rules(
            modules, False, self.env["ir.http"]._get_converters()
        )
        routes = {}
        for url, endpoint in rules:
            routing = endpoint.routing
            if routing["auth"] not in ("public", "none", "user"):
                continue
            if routing["type"] != "http" or url in SKIPPED_ROUTES:
                continue
            if TestRouteInventory._verdict(url) in SKIPPED_VERDICTS:
                continue
            in_path = {match.group(2) for match in CONVERTER.finditer(url)}
            params = [
                name
                for name, param in inspect.signature(endpoint.func).parameters.items()
                if param.kind in (param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY)
                and name not in in_path
                and name != "self"
            ]
            params += [name for name in FORM_FIELDS.get(url, ()) if name not in params]
            # Routes open to any method are walked with GET; POST where a
            # route says it takes it (its form).
            methods = routing.get("methods") or ["GET"]
            routes[url] = (params, methods, routing["auth"])
        return routes

    def _cases(self, url, params, values):
        """(URL, parameters) of each request made on a route."""
        slots = len(CONVERTER.findall(url)) + len(params)
        for value in values:
            if len(value) * slots > 40000:
                # Servers refuse a request line over 64 kB: the long value is
                # shared out between the parameters.
                value = value[: 40000 // slots]
            yield value, _fill(url, value), {name: value for name in params}
        if url in FORM_FIELDS:
            # The form behind a valid address, each field hostile.
            target = _fill(url, str(self.request_type.id))
            for value in values:
                value = value[: 40000 // max(len(params), 1)]
                yield value, target, {name: value for name in params}

    def _walk(self, routes, login):
        self.authenticate(login, login)
        failures = []
        count = 0
        for url, (params, methods, auth) in sorted(routes.items()):
            verdict = TestRouteInventory._verdict(url)
            if login and auth != "user" and verdict not in ("citizen", "narrowed"):
                # Served the same to visitors and citizens: walked once.
                continue
            # A visitor is sent to the login page: one value is enough.
            anonymous_only = login is None and auth == "user"
            values = HOSTILE_VALUES[:1] if anonymous_only else HOSTILE_VALUES
            for value, target, query in self._cases(url, params, values):
                for method in ("GET", "POST"):
                    if method not in methods:
                        continue
                    count += 1
                    if method == "GET":
                        separator = "&" if "?" in target else "?"
                        response = self.url_open(
                            f"{target}{separator}{urlencode(query)}"
                            if query
                            else target,
                            allow_redirects=False,
                            timeout=60,
                        )
                    else:
                        data = dict(query, csrf_token=http.Request.csrf_token(self))
                        response = self.url_open(
                            target, data=data, allow_redirects=False, timeout=60
                        )
                    if response.status_code >= 500:
                        failures.append(
                            f"{method} {url} {value[:12]!r} as {login or 'visitor'}:"
                            f" {response.status_code}"
                        )
                if url.startswith("/web/login") or "session" in url:
                    # Whatever the route did to the session, walk on as the
                    # same user.
                    self.authenticate(login, login)
        return count, failures

    def test_routes_answer_hostile_values_without_server_error(self):
        routes = self._walked_routes()
        self.assertGreater(len(routes), 50, "the routing map was not walked")
        self.assertIn("/demarches/<int:type_id>/nouvelle", routes)
        start = time.time()
        failures = []
        count = 0
        with mute_logger(*MUTED):
            for login in (None, self.citizen_user.login):
                walked, failed = self._walk(routes, login)
                count += walked
                failures += failed
        _logger.info(
            "Route fuzz: %s routes, %s requests in %.0fs",
            len(routes),
            count,
            time.time() - start,
        )
        self.assertFalse(failures, "Server errors:\n" + "\n".join(failures))
