# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Database unreachable: 503 with Retry-After, then success on retry
(availability.py).

The outage is real for the request under test: the server is told to reach
PostgreSQL on a port where nothing listens, so that the connection Odoo
opens to find the request's database fails as it does when the database
server is down. The test's own database connection stays open.
"""

import json
import socket
from unittest.mock import patch

import requests

from odoo.tests import HttpCase, tagged
from odoo.tools import config, mute_logger

from odoo.addons.grc_citoyen_hardening import availability


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestDatabaseUnavailable(HttpCase):
    def _outage(self):
        # Odoo looks the database up (dbfilter) on a server that is not there.
        return patch.dict(
            config.options,
            {"db_port": _closed_port(), "dbfilter": f"^{self.env.cr.dbname}$"},
        )

    def _get(self, path, **kwargs):
        # No session cookie: Odoo must find the database by itself.
        return requests.get(
            f"{self.base_url()}{path}", timeout=60, allow_redirects=False, **kwargs
        )

    @mute_logger("odoo.addons.grc_citoyen_hardening.availability", "odoo.sql_db")
    def test_portal_page_then_success_on_retry(self):
        with self._outage():
            response = self._get("/demarches")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.headers["Retry-After"], str(availability.RETRY_AFTER))
        self.assertIn("text/html", response.headers["Content-Type"])
        self.assertIn('lang="fr"', response.text)
        self.assertIn("Service momentanément indisponible", response.text)
        self.assertIn('http-equiv="refresh"', response.text)
        # The database is back: the same request succeeds.
        response = self._get("/demarches")
        self.assertEqual(response.status_code, 200)

    @mute_logger("odoo.addons.grc_citoyen_hardening.availability", "odoo.sql_db")
    def test_api_answers_json(self):
        with self._outage():
            response = self._get("/api/grc/v1/requests")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.headers["Retry-After"], str(availability.RETRY_AFTER))
        error = response.json()["error"]
        self.assertEqual(error["code"], "service_unavailable")
        self.assertIn("indisponible", error["message"])

    @mute_logger("odoo.addons.grc_citoyen_hardening.availability", "odoo.sql_db")
    def test_form_post_is_read_and_answered(self):
        """A form sent during the outage gets the 503 page (not a reset
        connection), which tells the citizen to send it again."""
        with self._outage():
            response = requests.post(
                f"{self.base_url()}/demarches/voirie/envoyer",
                files={"photo": ("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 200000)},
                data={"description": "Nid-de-poule"},
                timeout=60,
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 503)
        self.assertNotIn('http-equiv="refresh"', response.text)
        self.assertIn("renvoyez", response.text)

    @mute_logger("odoo.addons.grc_citoyen_hardening.availability", "odoo.sql_db")
    def test_health_and_static_files_still_answer(self):
        with self._outage():
            self.assertEqual(self._get("/web/health").status_code, 200)
            static = self._get("/web/static/img/favicon.ico")
        self.assertEqual(static.status_code, 200)

    def test_reachable_database_keeps_404(self):
        """Only an unreachable database turns an error into a 503."""
        with mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http"):
            response = self._get("/no-such-page-grc")
        self.assertEqual(response.status_code, 404)

    def test_json_body_shape(self):
        response = availability.unavailable_response(
            {"PATH_INFO": "/api/grc/v1/requests", "REQUEST_METHOD": "POST"}
        )
        self.assertEqual(response.status_code, 503)
        body = json.loads(response.get_data())
        self.assertEqual(set(body["error"]), {"code", "message", "field", "details"})
