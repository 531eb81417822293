# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tools.translate import code_translations

from .common_api import PNG, GrcApiCommon

ROOT = "/api/grc/v1"
MARK = "[fr] "


class MarkedCatalogue(dict):
    """A French catalogue that translates every message of the module, so
    that a message that skipped the translation shows at once."""

    def get(self, key, default=None):
        return MARK + key


@tagged("post_install", "-at_install")
class TestApiLanguage(GrcApiCommon, HttpCase):
    """Every error is in the language the app asks for (Accept-Language),
    through Odoo's own dispatcher."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.endpoint._handle_registry_sync()
        cls.ticket = cls._create_request()

    def _request(self, method, path, token=None, lang="fr-FR,fr;q=0.9", **kwargs):
        headers = self._headers(token, **kwargs.pop("headers", {}))
        if lang:
            headers["Accept-Language"] = lang
        with patch.dict(
            code_translations.python_translations,
            {
                ("grc_citoyen", "fr_FR"): MarkedCatalogue(),
                ("grc_citoyen_api", "fr_FR"): MarkedCatalogue(),
            },
        ):
            return self.opener.request(
                method,
                f"{self.base_url()}{ROOT}{path}",
                headers=headers,
                timeout=30,
                allow_redirects=False,
                **kwargs,
            )

    def assertFrench(self, response, status):
        self.assertEqual(response.status_code, status, response.text)
        error = response.json()["error"]
        self.assertTrue(error["message"].startswith(MARK), error)
        for detail in error["details"]:
            self.assertTrue(detail["message"].startswith(MARK), detail)
        return error

    def test_errors_in_french(self):
        """Every kind of error is in French when the app asks for it."""
        self.assertEqual(self.user_a.lang, "en_US")
        messages = f"/requests/{self.ticket.id}/messages"
        self._request(
            "POST",
            messages,
            self.token_a,
            headers={"Idempotency-Key": "lang-key-0001"},
            data={"body": "Premier"},
        )
        for method, path, token, kwargs, status in (
            ("GET", "/requests", None, {}, 401),
            ("GET", "/me", "grc_unknown", {}, 401),
            ("GET", "/nowhere", self.token_a, {}, 404),
            ("DELETE", "/me", self.token_a, {}, 405),
            ("GET", "/requests/999999", self.token_a, {}, 404),
            ("GET", "/requests", self.token_a, {"params": {"page": 0}}, 422),
            ("POST", "/requests", self.token_a, {"data": {"title": "x"}}, 422),
            (
                "POST",
                "/requests",
                self.token_a,
                {"data": {"request_type_id": self.type_hidden.id, "description": "x"}},
                422,
            ),
            ("PATCH", "/me", self.token_a, {"json": {"email": "nope"}}, 422),
            # A malformed JSON body (400) is checked in test_api_requests: through
            # Odoo's dispatcher, OCA fastapi sometimes gets no response at all
            # from the app for it and answers 500 (OCA/rest-framework#487).
            ("POST", messages, self.token_a, {"data": {"body": " "}}, 422),
            (
                "POST",
                messages,
                self.token_a,
                {"data": {"body": "x"}, "files": [("photos", ("a.exe", b"MZ", ""))]},
                422,
            ),
            (
                "POST",
                messages,
                self.token_a,
                {
                    "data": {"body": "Autre"},
                    "headers": {"Idempotency-Key": "lang-key-0001"},
                },
                409,
            ),
            ("GET", "/public/request-types", None, {"params": {"page_size": 500}}, 422),
        ):
            with self.subTest(method=method, path=path, status=status):
                self.assertFrench(self._request(method, path, token, **kwargs), status)

    def test_header_wins_over_account_language(self):
        """The app's language wins over the account's, which applies otherwise."""
        self.user_a.lang = "fr_FR"
        english = self._request("GET", "/requests/999999", self.token_a, lang="en")
        self.assertEqual(
            english.json()["error"]["message"], "This request was not found."
        )
        account = self._request("GET", "/requests/999999", self.token_a, lang=None)
        self.assertFrench(account, 404)

    def test_public_catalogue_language(self):
        """The catalogue's `lang` parameter also sets the language of its errors."""
        response = self._request(
            "GET", "/public/request-types", lang="en", params={"lang": "fr", "page": 0}
        )
        self.assertFrench(response, 422)
        response = self._request(
            "GET", "/public/request-types", params={"lang": "en", "page": 0}
        )
        self.assertFalse(response.json()["error"]["message"].startswith(MARK))

    def test_message_retry_through_odoo(self):
        """A message and its retry with a photo go through Odoo's server once."""
        path = f"/requests/{self.ticket.id}/messages"
        headers = {"Idempotency-Key": "http-msg-retry-0001"}
        files = [("photos", ("photo.png", PNG, "image/png"))]
        first = self._request(
            "POST",
            path,
            self.token_a,
            headers=headers,
            data={"body": "Vu"},
            files=files,
        )
        self.assertEqual(first.status_code, 201, first.text)
        second = self._request(
            "POST",
            path,
            self.token_a,
            headers=headers,
            data={"body": "Vu"},
            files=files,
        )
        self.assertEqual(second.status_code, 201, second.text)
        self.assertEqual(second.headers.get("Idempotent-Replayed"), "true")
        self.assertEqual(second.json()["id"], first.json()["id"])
        self.assertEqual(
            self.env["mail.message"].search_count(
                [
                    ("model", "=", "helpdesk.ticket"),
                    ("res_id", "=", self.ticket.id),
                    ("message_type", "=", "comment"),
                ]
            ),
            1,
        )
