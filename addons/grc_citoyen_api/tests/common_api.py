# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from contextlib import contextmanager

from starlette.responses import JSONResponse

from odoo.addons.fastapi.tests.common import FastAPITransactionCase
from odoo.addons.grc_citoyen.tests.common import GrcAccountsCommon

from ..routers.errors import GrcApiError

# A 1x1 PNG, enough for the content sniffing of the intake.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4DwABAQEABRjYTgAA"
    "AABJRU5ErkJggg=="
)


def grc_error_handler(request, exc):
    """What Odoo's dispatcher answers for a GrcApiError, for the test client."""
    if not isinstance(exc, GrcApiError):
        raise exc
    return JSONResponse(exc.to_dict(), status_code=exc.code, headers=exc.headers)


class GrcApiCommon(GrcAccountsCommon):
    """Two citizens with portal accounts and tokens, a published request type."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.endpoint = cls.env.ref("grc_citoyen_api.fastapi_endpoint_grc_v1")
        tokens = cls.env["grc.api.token"]
        cls.token_a_record, cls.token_a = tokens._grc_issue(cls.user_a, "Phone A")
        cls.token_b_record, cls.token_b = tokens._grc_issue(cls.user_b, "Phone B")

    @classmethod
    def _headers(cls, token=None, **extra):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        headers.update(extra)
        return headers

    @classmethod
    def _requests_of(cls, partner):
        return cls.env["helpdesk.ticket"].search([("partner_id", "=", partner.id)])


class GrcApiClientCase(GrcApiCommon, FastAPITransactionCase):
    """API tests through fastapi's test client on the real app of the
    endpoint (its middleware, dependencies and routes), run by the endpoint's
    user, inside the test transaction."""

    @contextmanager
    def _client(self):
        app = self.endpoint._get_app()
        # As when Odoo serves the app (fastapi.endpoint.get_app): FastAPI's own
        # handlers are removed, exceptions go to the dispatcher, which answers
        # GrcApiError with its own response.
        app.exception_handlers = {Exception: grc_error_handler}
        with self._create_test_client(
            app=app,
            user=self.endpoint.user_id,
            dependency_overrides=dict(app.dependency_overrides),
            raise_server_exceptions=False,
        ) as client:
            yield client

    def _call(self, method, path, token=None, headers=None, **kwargs):
        with self._client() as client:
            return client.request(
                method, path, headers=self._headers(token, **(headers or {})), **kwargs
            )

    def assertApiError(self, response, status, code, field=None):
        self.assertEqual(response.status_code, status, response.text)
        error = response.json()["error"]
        self.assertEqual(error["code"], code)
        self.assertTrue(error["message"])
        if field:
            self.assertEqual(error["field"], field)
        return error
