# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A fake OpenID provider, in the test process: ES256 keys made with
``cryptography``, tokens and signed userinfo made with ``jose``, and the
provider's three HTTP endpoints (token, userinfo, JWKS) answered through
``unittest.mock`` on ``requests``. Nothing leaves the machine."""

import base64
import hashlib
import json
import time
from contextlib import contextmanager
from unittest import mock
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jose import jwk, jwt

import odoo
from odoo.tests import HttpCase
from odoo.tools import html_escape

from ..models.auth_oauth_provider import grc_oidc_messages

ISSUER = "https://fc.example.test/api/v2"
CLIENT_ID = "grc-test-client"


def _pem(private_key):
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


class FakeProvider:
    """Issues what a FranceConnect v2 provider would, and records calls."""

    def __init__(self, kid="fc-key-1"):
        self.kid = kid
        self.ec_key = ec.generate_private_key(ec.SECP256R1())
        self.ec_pem = _pem(self.ec_key)
        public = jwk.construct(self.ec_pem, "ES256").public_key().to_dict()
        self.jwks = {"keys": [dict(public, kid=kid, use="sig", alg="ES256")]}
        self.codes = {}
        self.used_codes = set()
        self.token_requests = []
        self.userinfo_claims = {}
        self.userinfo_signed = True

    # What the provider signs ------------------------------------------------

    def sign(self, claims, alg="ES256", key=None, kid=None):
        return jwt.encode(
            claims,
            key or self.ec_pem,
            algorithm=alg,
            headers={"kid": kid or self.kid},
        )

    def other_ec_pem(self):
        return _pem(ec.generate_private_key(ec.SECP256R1()))

    @staticmethod
    def rsa_pem():
        return _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))

    def id_token_claims(self, request_nonce, sub, **overrides):
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": sub,
            "nonce": request_nonce,
            "iat": now,
            "exp": now + 60,
            "acr": "eidas1",
        }
        claims.update(overrides)
        return claims

    # The authorisation step ---------------------------------------------------

    def authorize(
        self,
        auth_url,
        sub,
        code="code-1",
        identity=None,
        sign_alg="ES256",
        sign_key=None,
        **id_overrides,
    ):
        """Play the provider's login page: read the authorisation request,
        prepare the code's tokens; return the callback's parameters."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(auth_url).query).items()}
        self.last_authorize = query
        access_token = f"at-{code}"
        self.codes[code] = {
            "verifier_challenge": query.get("code_challenge"),
            "access_token": access_token,
            "id_token": self.sign(
                self.id_token_claims(query.get("nonce"), sub, **id_overrides),
                alg=sign_alg,
                key=sign_key,
            ),
        }
        identity = dict(identity or {}, sub=sub)
        self.userinfo_claims[access_token] = identity
        return {"code": code, "state": query["state"]}

    # HTTP ------------------------------------------------------------------

    def _response(self, status, body, content_type="application/json"):
        response = mock.Mock()
        response.status_code = status
        response.ok = status < 400
        response.headers = {"Content-Type": content_type}
        if isinstance(body, dict | list):
            response.text = json.dumps(body)
            response.json.return_value = body
        else:
            response.text = body
            response.json.side_effect = ValueError("not JSON")
        response.raise_for_status.side_effect = None
        return response

    def post(self, url, data=None, **kw):
        self.token_requests.append(dict(data or {}))
        code = (data or {}).get("code")
        entry = self.codes.get(code)
        if not entry or code in self.used_codes:
            return self._response(400, {"error": "invalid_grant"})
        challenge = (
            base64.urlsafe_b64encode(
                hashlib.sha256(data["code_verifier"].encode()).digest()
            )
            .rstrip(b"=")
            .decode()
        )
        if challenge != entry["verifier_challenge"]:
            return self._response(400, {"error": "invalid_grant"})
        self.used_codes.add(code)
        return self._response(
            200,
            {
                "access_token": entry["access_token"],
                "id_token": entry["id_token"],
                "token_type": "Bearer",
            },
        )

    def get(self, url, headers=None, **kw):
        if url.endswith("/jwks"):
            return self._response(200, self.jwks)
        token = (headers or {}).get("Authorization", "").removeprefix("Bearer ")
        identity = self.userinfo_claims.get(token)
        if identity is None:
            return self._response(401, {"error": "invalid_token"})
        now = int(time.time())
        claims = dict(identity, iss=ISSUER, aud=CLIENT_ID, iat=now)
        if not self.userinfo_signed:
            return self._response(200, claims)
        return self._response(200, self.sign(claims), "application/jwt")

    @contextmanager
    def serving(self):
        path = "odoo.addons.grc_citoyen_identity.models.auth_oauth_provider.requests"
        oidc = "odoo.addons.auth_oidc.models.auth_oauth_provider.requests"
        with mock.patch(path) as ours, mock.patch(oidc) as theirs:
            for fake in (ours, theirs):
                fake.post.side_effect = self.post
                fake.get.side_effect = self.get
                fake.RequestException = requests.RequestException
            yield


class OidcCase(HttpCase):
    """A FranceConnect provider pointing at the fake one, and helpers to
    run a whole sign-in through the real routes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fc = cls.env.ref("grc_citoyen_identity.provider_franceconnect")
        cls.fc.write(cls._provider_values("fc"))
        cls.pc = cls.env.ref("grc_citoyen_identity.provider_proconnect")
        cls.pc.write(cls._provider_values("pc"))

    @staticmethod
    def _provider_values(prefix):
        base = f"https://{prefix}.example.test/api/v2"
        return {
            "enabled": True,
            "client_id": CLIENT_ID,
            "client_secret": "secret",
            "grc_issuer": ISSUER,
            "auth_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "data_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "end_session_endpoint": f"{base}/session/end",
        }

    def setUp(self):
        super().setUp()
        self.provider = FakeProvider()
        # auth_oidc caches the keys per JWKS URL: each test has its own keys.
        self.env.registry.clear_cache()

    def start(self, provider, redirect=None, link=False):
        """Click the button: return the provider's authorisation URL."""
        params = {}
        if redirect:
            params["redirect"] = redirect
        if link:
            params["link"] = "1"
        url = f"/grc_identity/authorize/{provider.id}"
        if params:
            url += "?" + urlencode(params)
        response = self.url_open(url, allow_redirects=False)
        self._drop_stale_session_cookie(response)
        self.assertEqual(response.status_code, 303, response.text[:500])
        return response.headers["Location"]

    def _drop_stale_session_cookie(self, response):
        """When the server sets the session cookie (a new or rotated
        session), the one HttpCase.authenticate() set without a domain
        goes: the browser would send only the new one."""
        if response.cookies.get("session_id"):
            for cookie in list(self.opener.cookies):
                if cookie.name == "session_id" and not cookie.domain:
                    self.opener.cookies.clear(cookie.domain, cookie.path, cookie.name)

    def callback(self, params):
        """The provider sends the browser back."""
        with self.provider.serving():
            response = self.url_open(
                "/auth_oauth/signin?" + urlencode(params), allow_redirects=False
            )
        self._drop_stale_session_cookie(response)
        return response

    def sign_in(self, provider, sub, identity=None, **kw):
        auth_url = self.start(provider)
        params = self.provider.authorize(auth_url, sub, identity=identity, **kw)
        return self.callback(params)

    def assertRefused(self, response, code, uid=False):
        """Refused with ``code``: back on the login page, which shows the
        message of that code; nobody signed in (or still ``uid``)."""
        self.assertEqual(response.status_code, 303, response.text[:300])
        location = response.headers["Location"]
        self.assertIn(f"grc_oidc_error={code}", location)
        self.assertEqual(self.session_uid() or False, uid)
        page = self.url_open(location)
        message = grc_oidc_messages(self.env)[code]
        self.assertIn(html_escape(message), page.text)

    def session_uid(self):
        sids = [c.value for c in self.opener.cookies if c.name == "session_id"]
        self.assertLessEqual(len(sids), 1, "one session cookie at most")
        sid = sids and sids[0]
        session = sid and odoo.http.root.session_store.get(sid)
        return session and session.uid
