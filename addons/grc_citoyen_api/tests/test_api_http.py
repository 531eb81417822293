# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import http
from odoo.tests import HttpCase, tagged

from .common_api import PNG, GrcApiCommon

ROOT = "/api/grc/v1"
# Operations that bridges (installed by themselves with this addon) add to
# the API: operationId -> function(test) giving one valid call, filled by the
# bridges' test modules (grc_citoyen_forms_api), so that every documented
# operation is called below.
BRIDGE_SAMPLES = {}
JSON_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def schema_errors(doc, schema, value, where="$"):
    """What in ``value`` does not conform to the JSON schema ``schema`` of the
    OpenAPI document ``doc`` (the subset FastAPI generates)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return schema_errors(doc, doc["components"]["schemas"][name], value, where)
    if "anyOf" in schema or "oneOf" in schema:
        options = schema.get("anyOf") or schema["oneOf"]
        if any(not schema_errors(doc, option, value, where) for option in options):
            return []
        return [f"{where}: {value!r} matches none of {options}"]
    errors = []
    for sub in schema.get("allOf", []):
        errors += schema_errors(doc, sub, value, where)
    kind = schema.get("type")
    if kind:
        expected = JSON_TYPES[kind]
        if not isinstance(value, expected) or (
            kind in ("integer", "number") and isinstance(value, bool)
        ):
            return errors + [f"{where}: {value!r} is not {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} != {schema['const']!r}")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{where}: {name} is missing")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                errors += schema_errors(doc, sub, value[name], f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(doc, schema["items"], item, f"{where}[{index}]")
    return errors


@tagged("post_install", "-at_install")
class TestApiHttp(GrcApiCommon, HttpCase):
    """The API as Odoo serves it: mounted on /api/grc/v1, with its OpenAPI
    document, errors answered and rolled back by Odoo's dispatcher."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.endpoint._handle_registry_sync()

    def _request(self, method, path, token=None, headers=None, **kwargs):
        return self.opener.request(
            method,
            f"{self.base_url()}{ROOT}{path}",
            headers=self._headers(token, **(headers or {})),
            timeout=30,
            allow_redirects=False,
            **kwargs,
        )

    def _openapi(self):
        response = self._request("GET", "/openapi.json")
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def _assert_error(self, response, status, code):
        self.assertEqual(response.status_code, status, response.text)
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        self.assertEqual(response.json()["error"]["code"], code)

    def test_openapi_document(self):
        """The OpenAPI 3 document and the interactive docs are served."""
        doc = self._openapi()
        self.assertTrue(doc["openapi"].startswith("3."))
        self.assertEqual(doc["servers"], [{"url": ROOT}])
        self.assertEqual(doc["info"]["version"], "1.0.0")
        self.assertEqual(
            doc["components"]["securitySchemes"]["citizenToken"],
            {
                "type": "http",
                "scheme": "bearer",
                "description": doc["components"]["securitySchemes"]["citizenToken"][
                    "description"
                ],
            },
        )
        for path, operations in doc["paths"].items():
            for method, operation in operations.items():
                with self.subTest(method=method, path=path):
                    self.assertTrue(operation.get("operationId"))
                    if path.startswith("/public/"):
                        # The public catalogue, and it alone, needs no token.
                        self.assertEqual(operation["security"], [])
                        self.assertIn("public", operation["tags"])
                        self.assertNotIn("401", operation["responses"])
                        continue
                    self.assertEqual(operation["security"], [{"citizenToken": []}])
                    self.assertIn("401", operation["responses"])
        public = doc["paths"]["/public/request-types"]["get"]
        parameters = {param["name"]: param for param in public["parameters"]}
        self.assertEqual(parameters["page_size"]["schema"]["maximum"], 50)
        self.assertEqual(parameters["lang"]["schema"]["anyOf"][0]["enum"], ["fr", "en"])
        docs = self._request("GET", "/docs")
        self.assertEqual(docs.status_code, 200)
        self.assertIn("swagger", docs.text.lower())

    def test_submit_through_odoo(self):
        """A submission with a photo and its retry go through Odoo's server once."""
        headers = {"Idempotency-Key": "http-retry-key-0001"}
        files = [("photos", ("lampadaire.png", PNG, "image/png"))]
        data = {
            "request_type_id": self.type_lamp.id,
            "description": "Éteint depuis lundi",
        }
        first = self._request(
            "POST", "/requests", self.token_a, headers, data=data, files=files
        )
        self.assertEqual(first.status_code, 201, first.text)
        second = self._request(
            "POST", "/requests", self.token_a, headers, data=data, files=files
        )
        self.assertEqual(second.status_code, 201, second.text)
        self.assertEqual(second.headers.get("Idempotent-Replayed"), "true")
        self.assertEqual(second.json()["reference"], first.json()["reference"])
        tickets = self._requests_of(self.citizen)
        self.assertEqual(len(tickets), 1)
        self.assertEqual(tickets.number, first.json()["reference"])
        self.assertEqual(tickets.attachment_ids.mapped("name"), ["lampadaire.png"])

    def test_typed_markup_rendered_escaped(self):
        """Markup sent through the API is shown as text on the citizen's page."""
        script = '<script>alert("api")</script>'
        response = self._request(
            "POST",
            "/requests",
            self.token_a,
            data={"request_type_id": self.type_lamp.id, "description": script},
        )
        self.assertEqual(response.status_code, 201, response.text)
        self.authenticate("citizen_a", "citizen_a")
        page = self.url_open(f"/my/requests/{response.json()['id']}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(script, page.text)
        self.assertIn("&lt;script&gt;alert(", page.text)

    def test_errors_through_odoo(self):
        """Errors come back as JSON and roll the whole call back."""
        response = self._request("GET", "/requests")
        self._assert_error(response, 401, "authentication_required")
        self.assertEqual(response.headers["WWW-Authenticate"], "Bearer")
        self._assert_error(
            self._request("GET", "/nowhere", self.token_a), 404, "not_found"
        )
        self._assert_error(
            self._request("DELETE", "/me", self.token_a), 405, "method_not_allowed"
        )
        # The last use of the token is written during authentication: an error
        # later in the call must undo it, like everything else.
        self.assertFalse(self.token_a_record.last_use_date)
        response = self._request(
            "POST", "/requests", self.token_a, data={"request_type_id": "abc"}
        )
        self._assert_error(response, 422, "validation_error")
        response = self._request(
            "POST",
            "/requests",
            self.token_a,
            data={"request_type_id": self.type_hidden.id, "description": "x"},
        )
        self._assert_error(response, 422, "validation_error")
        self.token_a_record.invalidate_recordset()
        self.assertFalse(self.token_a_record.last_use_date)
        self.assertFalse(self._requests_of(self.citizen))
        self.assertEqual(self._request("GET", "/me", self.token_a).status_code, 200)
        self.token_a_record.invalidate_recordset()
        self.assertTrue(self.token_a_record.last_use_date)

    # ------------------------------------------------------------------
    # Every documented operation, called and checked against the document
    # ------------------------------------------------------------------

    def _samples(self):
        """One valid call per operation of the document, by operationId."""
        mine = self._create_request()
        return {
            "list_public_request_types": {
                "path": "/public/request-types",
                "params": {"lang": "fr", "page_size": 5},
            },
            "list_public_categories": {"path": "/public/categories"},
            "list_public_contact_channels": {"path": "/public/contact-channels"},
            "list_request_types": {"path": "/request-types"},
            "list_my_requests": {"path": "/requests", "params": {"state": "open"}},
            "create_request": {
                "path": "/requests",
                "headers": {"Idempotency-Key": "openapi-sample-0001"},
                "data": {
                    "request_type_id": self.type_lamp.id,
                    "description": "Trou dans la chaussée",
                    "location_city": "Lyon",
                },
                "files": [("photos", ("trou.png", PNG, "image/png"))],
            },
            "get_request": {"path": f"/requests/{mine.id}"},
            "add_message": {
                "path": f"/requests/{mine.id}/messages",
                "headers": {"Idempotency-Key": "openapi-sample-0002"},
                "data": {"body": "Merci"},
            },
            "cancel_request": {"path": f"/requests/{self._create_request().id}/cancel"},
            "reopen_request": {
                "path": f"/requests/{self._resolve(self._create_request()).id}/reopen"
            },
            "get_profile": {"path": "/me"},
            "update_profile": {"path": "/me", "json": {"preferred_channel": "email"}},
        } | {operation: sample(self) for operation, sample in BRIDGE_SAMPLES.items()}

    def _assert_conforms(self, doc, operation, response):
        status = str(response.status_code)
        self.assertIn(status, operation["responses"], response.text)
        content = operation["responses"][status].get("content", {})
        self.assertIn("application/json", content)
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        errors = schema_errors(
            doc, content["application/json"]["schema"], response.json()
        )
        self.assertFalse(errors, "\n".join(errors))

    def test_every_documented_operation(self):
        """Each operation of openapi.json is called, answers as documented, and
        refuses a call without token as documented (but the public ones)."""
        doc = self._openapi()
        samples = self._samples()
        # The operations of this addon; bridges (complaints...) test theirs.
        documented = {
            operation["operationId"]: (method, path)
            for path, operations in doc["paths"].items()
            for method, operation in operations.items()
            if set(operation["tags"]) <= {"catalogue", "requests", "profile", "public"}
        }
        # A new route needs a sample here, and a sample a documented route.
        self.assertEqual(set(documented), set(samples))
        for operation_id, (method, template) in documented.items():
            operation = doc["paths"][template][method]
            call = dict(samples[operation_id])
            path = call.pop("path")
            with self.subTest(operation=operation_id):
                pattern = re.sub(r"\{[^}]+\}", "[^/]+", template)
                self.assertRegex(path, f"^{pattern}$")
                response = self._request(method.upper(), path, self.token_a, **call)
                self.assertLess(response.status_code, 300, response.text)
                self._assert_conforms(doc, operation, response)
                anonymous = self._request(method.upper(), path, **call)
                if operation["security"] == []:
                    self.assertEqual(anonymous.status_code, 200, anonymous.text)
                else:
                    self.assertEqual(anonymous.status_code, 401)
                self._assert_conforms(doc, operation, anonymous)


@tagged("post_install", "-at_install")
class TestApiTokenPortal(GrcApiCommon, HttpCase):
    """Citizens issue and revoke their mobile app tokens from the portal."""

    def _post(self, url, **data):
        self.authenticate("citizen_a", "citizen_a")
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, allow_redirects=False)

    def test_security_page_lists_tokens(self):
        """The security page lists the citizen's own valid tokens only."""
        self.token_b_record.name = "Phone of Bruno"
        _revoked, _token = self.env["grc.api.token"]._grc_issue(
            self.user_a, "Old phone"
        )
        _revoked.action_grc_revoke()
        self.authenticate("citizen_a", "citizen_a")
        page = self.url_open("/my/security")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Phone A", page.text)
        self.assertNotIn("Old phone", page.text)
        self.assertNotIn("Phone of Bruno", page.text)
        self.assertNotIn(self.token_a, page.text)

    def test_issue_token_from_portal(self):
        """With their password, a citizen gets a token that opens the API."""
        response = self._post(
            "/my/security/mobile-app", name="<b>Mon téléphone</b>", password="citizen_a"
        )
        self.assertEqual(response.status_code, 200)
        token = re.search(r'id="grc_api_token">([^<]+)<', response.text).group(1)
        record = self.env["grc.api.token"].search(
            [("user_id", "=", self.user_a.id), ("name", "=", "<b>Mon téléphone</b>")]
        )
        self.assertEqual(record.token_hash, record._grc_hash(token))
        self.assertNotIn("<b>Mon téléphone</b>", response.text)
        api = self.url_open(f"{ROOT}/me", headers={"Authorization": f"Bearer {token}"})
        self.assertEqual(api.json()["name"], self.citizen.name)

    def test_issue_token_needs_password(self):
        """A wrong password issues nothing."""
        before = self.env["grc.api.token"].search_count([])
        response = self._post("/my/security/mobile-app", name="x", password="wrong")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Wrong password", response.text)
        self.assertEqual(self.env["grc.api.token"].search_count([]), before)

    def test_revoke_own_token_only(self):
        """A citizen revokes their token, never another citizen's."""
        response = self._post(
            f"/my/security/mobile-app/{self.token_b_record.id}/revoke"
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.token_b_record.revoked_date)
        response = self._post(
            f"/my/security/mobile-app/{self.token_a_record.id}/revoke"
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.token_a_record.state, "revoked")
        self.assertEqual(self.token_a_record.revoked_by_id, self.user_a)
