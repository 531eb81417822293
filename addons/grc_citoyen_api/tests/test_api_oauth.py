# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

from freezegun import freeze_time

from odoo import fields, http
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from ..models.grc_oauth_code import GrcOauthError, grc_pkce_challenge
from .common_api import GrcApiCommon

REDIRECT = "fr.saint-exemple.app:/oauth"


class OauthCommon(GrcApiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.env["grc.oauth.client"].create(
            {
                "name": "Saint-Exemple",
                "redirect_uris": f"{REDIRECT}\nhttps://app.example.fr/cb",
            }
        )
        cls.codes = cls.env["grc.oauth.code"]
        cls.tokens = cls.env["grc.api.token"]

    def _params(self, verifier, **values):
        params = {
            "response_type": "code",
            "client_id": self.client.client_id,
            "redirect_uri": REDIRECT,
            "code_challenge": grc_pkce_challenge(verifier),
            "code_challenge_method": "S256",
            "state": "xyz",
        }
        params.update(values)
        return params

    def _code(self, verifier):
        return self.codes._grc_authorize(self.user_a, self._params(verifier))

    def _exchange(self, code, verifier, **values):
        params = {
            "grant_type": "authorization_code",
            "client_id": self.client.client_id,
            "redirect_uri": REDIRECT,
            "code": code,
            "code_verifier": verifier,
        }
        params.update(values)
        return self.codes._grc_exchange(params)

    def _refresh(self, refresh):
        return self.codes._grc_refresh(
            {"client_id": self.client.client_id, "refresh_token": refresh}
        )

    def _user_of(self, access):
        return self.tokens.sudo()._grc_authenticate(access)

    def assertOauthError(self, code, function, *args, **kwargs):
        """As /oauth/token does: the error is caught, what was written before
        it (a spent code, revoked tokens) stays; no savepoint rolls it back."""
        try:
            function(*args, **kwargs)
        except GrcOauthError as error:
            self.assertEqual(error.code, code)
            self.assertTrue(str(error))
        else:
            self.fail(f"{code} not raised")


class TestOauth(OauthCommon):
    def test_pkce_required(self):
        verifier = secrets.token_urlsafe(48)
        for values in (
            {"code_challenge": ""},
            {"code_challenge_method": "plain"},
            {"code_challenge_method": None},
            {"code_challenge": "short"},
        ):
            with self.subTest(values=values):
                self.assertOauthError(
                    "invalid_request",
                    self.codes._grc_authorize,
                    self.user_a,
                    self._params(verifier, **values),
                )
        self.assertOauthError(
            "invalid_request",
            self.codes._grc_check_authorize,
            self._params(verifier, redirect_uri="https://evil.example/cb"),
        )
        for client_id in ("unknown", "\x00", "A" * 10000, None):
            self.assertOauthError(
                "invalid_client",
                self.codes._grc_check_authorize,
                self._params(verifier, client_id=client_id),
            )
        self.assertOauthError(
            "invalid_grant",
            self.codes._grc_refresh,
            {"client_id": "\x00", "refresh_token": "\x00"},
        )
        self.assertOauthError(
            "unsupported_response_type",
            self.codes._grc_check_authorize,
            self._params(verifier, response_type="token"),
        )

    def test_code_for_tokens_once_with_its_verifier(self):
        verifier = secrets.token_urlsafe(48)
        code = self._code(verifier)
        self.assertOauthError(
            "invalid_grant", self._exchange, code, secrets.token_urlsafe(48)
        )
        # The code is spent by the failed try: the right verifier comes too late.
        self.assertOauthError("invalid_grant", self._exchange, code, verifier)
        code = self._code(verifier)
        result = self._exchange(code, verifier)
        self.assertEqual(result["token_type"], "Bearer")
        self.assertEqual(result["expires_in"], 3600)
        self.assertEqual(self._user_of(result["access_token"]), self.user_a)
        token = self.tokens.sudo().search([("oauth_client_id", "=", self.client.id)])
        self.assertEqual(len(token), 1)
        self.assertEqual(token.name, "Saint-Exemple")
        self.assertLessEqual(
            token.expiry_date, fields.Datetime.now() + timedelta(hours=1)
        )
        # Used twice: refused, and the tokens it gave are revoked.
        self.assertOauthError("invalid_grant", self._exchange, code, verifier)
        self.assertFalse(self._user_of(result["access_token"]))

    def test_code_expires_and_stays_with_its_redirect(self):
        verifier = secrets.token_urlsafe(48)
        code = self._code(verifier)
        self.assertOauthError(
            "invalid_grant",
            self._exchange,
            code,
            verifier,
            redirect_uri="https://app.example.fr/cb",
        )
        code = self._code(verifier)
        with freeze_time(fields.Datetime.now() + timedelta(minutes=6)):
            self.assertOauthError("invalid_grant", self._exchange, code, verifier)

    def test_refresh_rotation(self):
        verifier = secrets.token_urlsafe(48)
        first = self._exchange(self._code(verifier), verifier)
        second = self._refresh(first["refresh_token"])
        self.assertNotEqual(second["refresh_token"], first["refresh_token"])
        self.assertFalse(self._user_of(first["access_token"]))
        self.assertEqual(self._user_of(second["access_token"]), self.user_a)
        # The old refresh token used again: the whole sign-in is revoked.
        self.assertOauthError("invalid_grant", self._refresh, first["refresh_token"])
        self.assertFalse(self._user_of(second["access_token"]))
        self.assertOauthError("invalid_grant", self._refresh, second["refresh_token"])
        # Refresh tokens end too.
        third = self._exchange(self._code(verifier), verifier)
        with freeze_time(fields.Datetime.now() + timedelta(days=31)):
            self.assertOauthError(
                "invalid_grant", self._refresh, third["refresh_token"]
            )

    def test_revocation_per_device(self):
        verifier = secrets.token_urlsafe(48)
        phone = self._exchange(self._code(verifier), verifier)
        tablet = self._exchange(self._code(verifier), verifier)
        self.codes._grc_revoke_token({"token": phone["refresh_token"]})
        self.assertFalse(self._user_of(phone["access_token"]))
        self.assertOauthError("invalid_grant", self._refresh, phone["refresh_token"])
        self.assertEqual(self._user_of(tablet["access_token"]), self.user_a)
        self.codes._grc_revoke_token({"token": tablet["access_token"]})
        self.assertFalse(self._user_of(tablet["access_token"]))
        self.codes._grc_revoke_token({"token": "unknown"})

    def test_redirect_uris_checked(self):
        for uri in (
            "http://app.example.fr/cb",
            "javascript:alert(1)",
            "https://a.fr/#x",
        ):
            with self.subTest(uri=uri), self.assertRaises(ValidationError):
                self.client.redirect_uris = uri
        self.client.redirect_uris = "http://127.0.0.1:8400/cb"

    def test_citizens_cannot_read_clients_nor_codes(self):
        self._code(secrets.token_urlsafe(48))
        for model in ("grc.oauth.client", "grc.oauth.code"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.user_a).search([])


@tagged("post_install", "-at_install")
class TestOauthHttp(OauthCommon, HttpCase):
    def test_sign_in_flow(self):
        """Authorize on the portal (sign-in asked first), allow, trade the
        code at /oauth/token, call the API, refresh, revoke."""
        verifier = secrets.token_urlsafe(48)
        query = urlencode(self._params(verifier))
        anonymous = self.url_open(f"/oauth/authorize?{query}", allow_redirects=False)
        self.assertEqual(anonymous.status_code, 303)
        self.assertIn("/web/login", anonymous.headers["Location"])
        evil = self.url_open(
            "/oauth/authorize?"
            + urlencode(self._params(verifier, redirect_uri="https://evil.example/cb"))
        )
        self.assertEqual(evil.status_code, 400)
        self.authenticate("citizen_a", "citizen_a")
        page = self.url_open(f"/oauth/authorize?{query}")
        self.assertIn("Saint-Exemple", page.text)
        data = dict(self._params(verifier), csrf_token=http.Request.csrf_token(self))
        denied = self.url_open(
            "/oauth/authorize", data=dict(data, decision="deny"), allow_redirects=False
        )
        self.assertIn("error=access_denied", denied.headers["Location"])
        allowed = self.url_open(
            "/oauth/authorize", data=dict(data, decision="allow"), allow_redirects=False
        )
        location = urlsplit(allowed.headers["Location"])
        self.assertEqual(f"{location.scheme}:{location.path}", REDIRECT)
        answer = parse_qs(location.query)
        self.assertEqual(answer["state"], ["xyz"])
        self.logout()
        token_data = {
            "grant_type": "authorization_code",
            "client_id": self.client.client_id,
            "redirect_uri": REDIRECT,
            "code": answer["code"][0],
            "code_verifier": verifier,
        }
        tokens = self.url_open("/oauth/token", data=token_data)
        self.assertEqual(tokens.status_code, 200, tokens.text)
        self.assertEqual(tokens.headers["Cache-Control"], "no-store")
        pair = tokens.json()
        again = self.url_open("/oauth/token", data=token_data)
        self.assertEqual(again.status_code, 400)
        self.assertEqual(again.json()["error"], "invalid_grant")
        me = self.url_open(
            "/api/grc/v1/me",
            headers={"Authorization": f"Bearer {pair['access_token']}"},
        )
        self.assertEqual(me.status_code, 401)  # the code was used twice: revoked
        verifier = secrets.token_urlsafe(48)
        code = self.codes._grc_authorize(self.user_a, self._params(verifier))
        pair = self.url_open(
            "/oauth/token", data=dict(token_data, code=code, code_verifier=verifier)
        ).json()
        me = self.url_open(
            "/api/grc/v1/me",
            headers={"Authorization": f"Bearer {pair['access_token']}"},
        )
        self.assertEqual(me.status_code, 200, me.text)
        refreshed = self.url_open(
            "/oauth/token",
            data={
                "grant_type": "refresh_token",
                "client_id": self.client.client_id,
                "refresh_token": pair["refresh_token"],
            },
        )
        self.assertEqual(refreshed.status_code, 200, refreshed.text)
        revoked = self.url_open(
            "/oauth/revoke", data={"token": refreshed.json()["refresh_token"]}
        )
        self.assertEqual(revoked.status_code, 200)
        me = self.url_open(
            "/api/grc/v1/me",
            headers={"Authorization": f"Bearer {refreshed.json()['access_token']}"},
        )
        self.assertEqual(me.status_code, 401)
        unsupported = self.url_open("/oauth/token", data={"grant_type": "password"})
        self.assertEqual(unsupported.json()["error"], "unsupported_grant_type")
