# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import time
from unittest.mock import patch
from urllib.parse import parse_qs, urlencode, urlsplit

from odoo.exceptions import AccessDenied
from odoo.tests import tagged

from .common import CLIENT_ID, OidcCase

IDENTITY = {
    "given_name": "Angela Claire Louise",
    "family_name": "Dubois",
    "birthdate": "1962-08-24",
    "birthplace": "75107",
    "birthcountry": "99100",
    "email": "angela.dubois@example.test",
}


@tagged("post_install", "-at_install")
class TestOidcChecks(OidcCase):
    def _query(self, url):
        return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}

    def test_authorization_request(self):
        """Each click draws its own state, nonce and PKCE challenge, and asks
        for the eIDAS level."""
        first = self._query(self.start(self.fc, redirect="/demarches"))
        second = self._query(self.start(self.fc))
        self.assertTrue(first["redirect_uri"].endswith("/auth_oauth/signin"))
        self.assertEqual(first["client_id"], CLIENT_ID)
        self.assertEqual(first["response_type"], "code")
        self.assertEqual(first["acr_values"], "eidas1")
        self.assertEqual(first["code_challenge_method"], "S256")
        self.assertIn("openid", first["scope"].split())
        for key in ("nonce", "code_challenge"):
            self.assertGreaterEqual(len(first[key]), 32)
            self.assertNotEqual(first[key], second[key])
        state = json.loads(first["state"])
        self.assertNotEqual(state["s"], json.loads(second["state"])["s"])
        self.assertTrue(state["r"].endswith("demarches"))
        # An address of another site is not followed after the sign-in.
        outside = self._query(self.start(self.fc, redirect="https://evil.test/"))
        self.assertNotIn("evil", json.loads(outside["state"])["r"])

    def test_sign_in_creates_then_finds_the_citizen(self):
        users = self.env["res.users"].with_context(active_test=False)
        count = users.search_count([])
        response = self.sign_in(self.fc, "fc-sub-1", identity=IDENTITY)
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertNotIn("grc_oidc_error", response.headers["Location"])
        user = users.search([("oauth_uid", "=", "fc-sub-1")])
        self.assertEqual(len(user), 1)
        self.assertTrue(user.share, "FranceConnect creates portal accounts only")
        self.assertEqual(self.session_uid(), user.id)
        partner = user.partner_id
        self.assertTrue(partner.grc_identity_certified)
        self.assertTrue(partner.is_citizen)
        self.assertEqual(partner.name, "Angela Claire Louise Dubois")
        self.assertEqual(str(partner.birthdate), "1962-08-24")
        self.assertEqual(partner.grc_certified_birthplace, "75107")
        self.assertEqual(partner.email, "angela.dubois@example.test")
        # The PKCE verifier sent is this sign-in's (the fake provider checks
        # it against the challenge of the authorisation request).
        self.assertEqual(len(self.provider.token_requests), 1)
        self.assertEqual(self.provider.token_requests[0]["client_secret"], "secret")

        # A second sign-in, in a new browser, comes back to the same citizen.
        self.opener.cookies.clear()
        response = self.sign_in(self.fc, "fc-sub-1", identity=IDENTITY, code="code-2")
        self.assertNotIn("grc_oidc_error", response.headers["Location"])
        self.assertEqual(self.session_uid(), user.id)
        self.assertEqual(users.search_count([]), count + 1)
        self.assertEqual(
            self.env["res.partner"].search_count(
                [("email_normalized", "=", "angela.dubois@example.test")]
            ),
            1,
        )

    def test_two_tabs_each_have_their_verifier(self):
        """Two sign-ins started together: each finishes with its own nonce
        and verifier (one per login, not per provider, which the fake
        provider checks against each authorisation's challenge)."""
        first = self.start(self.fc)
        second = self.start(self.fc)
        params_second = self.provider.authorize(
            second,
            "fc-sub-2",
            code="c2",
            identity=dict(IDENTITY, email="b@example.test"),
        )
        params_first = self.provider.authorize(
            first,
            "fc-sub-3",
            code="c1",
            identity=dict(IDENTITY, email="c@example.test"),
        )
        for params, sub in ((params_first, "fc-sub-3"), (params_second, "fc-sub-2")):
            response = self.callback(params)
            self.assertNotIn("grc_oidc_error", response.headers["Location"])
            user = self.env["res.users"].search([("oauth_uid", "=", sub)])
            self.assertEqual(self.session_uid(), user.id)
        verifiers = [data["code_verifier"] for data in self.provider.token_requests]
        self.assertEqual(len(set(verifiers)), 2)

    def test_provider_not_in_use_is_never_asked(self):
        """Odoo.com's provider is disabled, and a callback naming a provider
        that is not enabled is refused before any request leaves."""
        odoo_com = self.env.ref("auth_oauth.provider_openerp")
        self.assertFalse(odoo_com.enabled)
        state = json.dumps({"d": self.env.cr.dbname, "p": odoo_com.id, "r": "/my"})
        with patch("requests.get") as get, patch("requests.post") as post:
            response = self.url_open(
                "/auth_oauth/signin?"
                + urlencode({"state": state, "access_token": "forged"}),
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 303)
        self.assertIn("oauth_error=2", response.headers["Location"])
        get.assert_not_called()
        post.assert_not_called()

    def test_bad_state(self):
        auth_url = self.start(self.fc)
        params = self.provider.authorize(auth_url, "fc-sub-1", identity=IDENTITY)
        state = json.loads(params["state"])
        state["s"] = "forged-" + state["s"]
        params["state"] = json.dumps(state)
        self.assertRefused(self.callback(params), "state")
        self.assertFalse(self.provider.token_requests, "no code was exchanged")

    def test_replayed_code(self):
        auth_url = self.start(self.fc)
        params = self.provider.authorize(auth_url, "fc-sub-1", identity=IDENTITY)
        response = self.callback(params)
        self.assertNotIn("grc_oidc_error", response.headers["Location"])
        self.url_open("/web/session/logout", allow_redirects=False)
        # The same callback again: its state was used.
        self.assertRefused(self.callback(params), "state")
        # The same code with a fresh state: the provider refuses it.
        fresh = self._query(self.start(self.fc))
        replay = dict(params, state=fresh["state"])
        self.assertRefused(self.callback(replay), "token")

    def test_wrong_nonce(self):
        response = self.sign_in(self.fc, "fc-sub-1", identity=IDENTITY, nonce="x" * 43)
        self.assertRefused(response, "nonce")

    def test_wrong_algorithm(self):
        """A token signed with the client secret (HS256) is refused, and so
        is RS256 when only ES256 is accepted."""
        response = self.sign_in(
            self.fc, "fc-sub-1", identity=IDENTITY, sign_alg="HS256", sign_key="secret"
        )
        self.assertRefused(response, "alg")
        self.fc.grc_algorithms = "ES256"
        response = self.sign_in(
            self.fc,
            "fc-sub-1",
            identity=IDENTITY,
            code="code-2",
            sign_alg="RS256",
            sign_key=self.provider.rsa_pem(),
        )
        self.assertRefused(response, "alg")

    def test_bad_signature(self):
        response = self.sign_in(
            self.fc,
            "fc-sub-1",
            identity=IDENTITY,
            sign_key=self.provider.other_ec_pem(),
        )
        self.assertRefused(response, "signature")

    def test_wrong_audience(self):
        response = self.sign_in(
            self.fc, "fc-sub-1", identity=IDENTITY, aud="another-service"
        )
        self.assertRefused(response, "audience")

    def test_wrong_issuer(self):
        response = self.sign_in(
            self.fc, "fc-sub-1", identity=IDENTITY, iss="https://evil.test"
        )
        self.assertRefused(response, "issuer")

    def test_expired_token(self):
        now = int(time.time())
        response = self.sign_in(
            self.fc, "fc-sub-1", identity=IDENTITY, iat=now - 600, exp=now - 300
        )
        self.assertRefused(response, "expired")

    def test_level_of_assurance(self):
        response = self.sign_in(self.fc, "fc-sub-1", identity=IDENTITY, acr="eidas0")
        self.assertRefused(response, "acr")

    def test_unsigned_userinfo(self):
        self.provider.userinfo_signed = False
        response = self.sign_in(self.fc, "fc-sub-1", identity=IDENTITY)
        self.assertRefused(response, "userinfo")

    def test_cancelled_at_the_provider(self):
        auth_url = self.start(self.fc)
        state = self._query(auth_url)["state"]
        response = self.callback({"error": "access_denied", "state": state})
        self.assertRefused(response, "cancelled")

    def test_auth_oauth_cannot_be_called_directly(self):
        """Our providers sign in only through the checked callback."""
        with self.assertRaises(AccessDenied):
            self.env["res.users"].sudo().auth_oauth(
                self.fc.id, {"access_token": "x", "state": "{}"}
            )

    def test_logout_at_the_provider(self):
        response = self.sign_in(self.fc, "fc-sub-1", identity=IDENTITY)
        id_token = self.provider.codes["code-1"]["id_token"]
        self.assertTrue(self.session_uid())
        response = self.url_open(
            "/web/session/logout?redirect=/", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        location = response.headers["Location"]
        self.assertTrue(
            location.startswith("https://fc.example.test/api/v2/session/end?")
        )
        query = self._query(location)
        self.assertEqual(query["id_token_hint"], id_token)
        self.assertTrue(query["state"])
        self.assertTrue(query["post_logout_redirect_uri"].startswith("http"))
        self.assertFalse(self.session_uid())

    def test_login_page_shows_the_button(self):
        page = self.url_open("/web/login").text
        self.assertIn("grc_fc_button", page)
        self.assertIn(f"/grc_identity/authorize/{self.fc.id}", page)
        self.assertIn("https://franceconnect.gouv.fr/", page)
        self.assertIn(f"/grc_identity/authorize/{self.pc.id}", page)
        signup = self.url_open("/web/signup")
        if signup.status_code == 200 and "o_login_auth" in signup.text:
            self.assertIn("grc_fc_button", signup.text)

    def test_disabled_provider(self):
        self.fc.enabled = False
        response = self.url_open(
            f"/grc_identity/authorize/{self.fc.id}?" + urlencode({"redirect": "/"}),
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("grc_fc_button", self.url_open("/web/login").text)

    def test_request_form_offers_franceconnect(self):
        """A visitor on the form of a démarche may sign in with FranceConnect
        and come back to the form."""
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Voirie FC", "code": "VFC"}
        )
        request_type = self.env["grc.request.type"].create(
            {
                "name": "Nid de poule",
                "team_id": team.id,
                "is_published": True,
                "location_required": False,
            }
        )
        page = self.url_open(f"/demarches/{request_type.id}/nouvelle").text
        self.assertIn("grc_form_franceconnect", page)
        self.assertIn(
            f"/grc_identity/authorize/{self.fc.id}?redirect=/demarches/"
            f"{request_type.id}/nouvelle",
            page,
        )
        state = json.loads(
            self._query(
                self.start(self.fc, redirect=f"/demarches/{request_type.id}/nouvelle")
            )["state"]
        )
        self.assertIn(f"demarches%2F{request_type.id}%2Fnouvelle", state["r"])
