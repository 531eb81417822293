# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Security headers sent by Odoo itself (models/ir_http.py), not left to the
reverse proxy: no framing by other sites, a Content-Security-Policy on the
pages of citizens and visitors, no caching of pages opened by a token."""

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon

READY = "document.readyState === 'complete'"
# Run in the browser on a citizen's page: the page works under the policy
# (Odoo's inline scripts and Owl ran, no image blocked, no violation).
CSP_CHECK = """
(async () => {
    const violations = [];
    document.addEventListener("securitypolicyviolation", (ev) =>
        violations.push(`${ev.violatedDirective} ${ev.blockedURI}`)
    );
    const response = await fetch(location.href);
    const csp = response.headers.get("content-security-policy") || "";
    if (!csp.includes("object-src 'none'")) {
        throw new Error(`No Content-Security-Policy on the page: ${csp}`);
    }
    if (!odoo.loader.modules.size) {
        throw new Error(
            `Odoo's frontend did not start: ${Object.keys(odoo)} ${violations}`
        );
    }
    const broken = [...document.images].filter(
        (img) => img.complete && img.naturalWidth === 0
    );
    if (broken.length) {
        throw new Error(`Images blocked: ${broken.map((img) => img.src)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (violations.length) {
        throw new Error(`Content-Security-Policy violations: ${violations}`);
    }
})().then(
    () => console.log("test successful"),
    (error) => console.error(error.message)
);
"""


@tagged("post_install", "-at_install")
class TestSecurityHeaders(HttpCase, GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.helene, cls.marc = cls._create_portal_users("headers")
        cls.request = cls._create_request()
        cls.token = cls.request._portal_ensure_token()
        cls.agent = new_test_user(
            cls.env,
            login="agent-headers",
            groups="base.group_user,grc_citoyen.group_grc_agent",
        )

    def assertPortalPolicy(self, response):
        csp = response.headers.get("Content-Security-Policy", "")
        for directive in (
            "default-src 'self'",
            "frame-ancestors 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ):
            self.assertIn(directive, csp)
        self.assertEqual(response.headers.get("X-Frame-Options"), "SAMEORIGIN")
        self.assertEqual(response.headers.get("X-Content-Type-Options"), "nosniff")

    def test_public_page(self):
        """The catalogue: the policy, and nothing against caching."""
        response = self.url_open("/demarches")
        self.assertEqual(response.status_code, 200)
        self.assertPortalPolicy(response)
        self.assertNotIn("no-store", response.headers.get("Cache-Control", ""))

    def test_citizen_pages_not_stored(self):
        """A signed-in citizen's pages carry the policy and are never stored."""
        self.authenticate(self.helene.login, self.helene.login)
        for url in ("/my", "/my/requests", f"/my/requests/{self.request.id}"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertPortalPolicy(response)
                self.assertEqual(response.headers.get("Cache-Control"), "no-store")

    def test_token_page_not_stored(self):
        """A page opened by its access token is never stored."""
        response = self.url_open(
            f"/my/requests/{self.request.id}?access_token={self.token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.request.number, response.text)
        self.assertPortalPolicy(response)
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")

    def test_follow_up_result_not_stored(self):
        """The follow-up page without an account is never stored."""
        response = self.url_open("/suivi")
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        self.assertPortalPolicy(response)

    def test_staff_keep_the_website_builder(self):
        """Staff pages are not framed by other sites, without the citizens'
        policy (the website builder loads what it offers); the back office
        keeps Odoo's DENY."""
        self.authenticate(self.agent.login, self.agent.login)
        response = self.url_open("/demarches")
        self.assertEqual(response.headers.get("X-Frame-Options"), "SAMEORIGIN")
        self.assertEqual(
            response.headers.get("Content-Security-Policy"), "frame-ancestors 'self'"
        )
        response = self.url_open("/odoo")
        self.assertEqual(response.headers.get("X-Frame-Options"), "DENY")

    def test_pages_work_under_the_policy(self):
        """In Chromium, the token page and a citizen's page run under the
        policy without any violation."""
        self.browser_js(
            f"/my/requests/{self.request.id}?access_token={self.token}",
            CSP_CHECK,
            ready=READY,
        )
        self.browser_js("/my/requests", CSP_CHECK, ready=READY, login=self.helene.login)
