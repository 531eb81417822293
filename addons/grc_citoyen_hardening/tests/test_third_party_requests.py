# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""No third party sees the citizens: the pages of the portal ask nothing of
another origin (fonts, scripts, images, connections opened in advance), and
their Content-Security-Policy forbids it whatever a page would ask."""

import json

from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon

# Run in Chromium on a page of the site: opens each page in a frame of the
# same origin, waits until it is loaded, then lists what the page itself
# declares towards other origins (connections opened in advance, which the
# browser's network layer does not show as requests). The requests
# themselves are seen by the test's proxy (fetch_proxy).
VISIT = """
(async () => {
    const pages = %s;
    const declared = [];
    for (const path of pages) {
        const frame = document.createElement("iframe");
        const loaded = new Promise((resolve) => {
            frame.addEventListener("load", resolve);
        });
        frame.src = path;
        document.body.appendChild(frame);
        await loaded;
        // Fonts and lazy images are asked for after the load event.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const doc = frame.contentDocument;
        for (const el of doc.querySelectorAll("[href], [src]")) {
            const isLink = el.tagName === "A" || el.tagName === "AREA";
            const url = el.getAttribute("src") || (!isLink && el.getAttribute("href"));
            if (url && new URL(url, doc.baseURI).origin !== location.origin
                && !url.startsWith("data:") && !url.startsWith("blob:")) {
                declared.push(`${path}: <${el.tagName.toLowerCase()}> ${url}`);
            }
        }
        const performance = frame.contentWindow.performance;
        for (const entry of performance.getEntriesByType("resource")) {
            if (new URL(entry.name).origin !== location.origin) {
                declared.push(`${path}: ${entry.name}`);
            }
        }
        frame.remove();
    }
    if (declared.length) {
        throw new Error(`Other origins: ${declared.join(", ")}`);
    }
})().then(
    () => console.log("test successful"),
    (error) => console.error(error.message)
);
"""


@tagged("post_install", "-at_install")
class TestThirdPartyRequests(HttpCase, GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_lamp.is_published = True
        cls.helene, cls.marc = cls._create_portal_users("third-party")
        cls.request = cls._create_request()

    def setUp(self):
        super().setUp()
        self.external_requests = []

    def fetch_proxy(self, url):
        """Every request of the browser that leaves the test server's origin
        ends here (HttpCase's proxy): noted, and answered with nothing."""
        self.external_requests.append(url)
        return super().fetch_proxy(url)

    def assertNoThirdParty(self, pages, login=None):
        # The pages' own behaviour is checked, not the policy's protection:
        # without it, anything a page asked for would reach the proxy.
        params = self.env["ir.config_parameter"]
        params.set_param(
            "grc_citoyen.content_security_policy", "frame-ancestors 'self'"
        )
        # No tile server configured (grc_citoyen_app configures
        # OpenStreetMap's): the one other origin a page may reach.
        params.set_param("grc_citoyen.map_tile_url", False)
        self.browser_js(
            "/web/login" if login is None else "/my",
            VISIT % json.dumps(pages),
            ready="document.readyState === 'complete'",
            login=login,
            timeout=180,
        )
        self.assertEqual(self.external_requests, [], "requests to other origins")

    def test_public_pages(self):
        """Home, démarches, follow-up, sign-in, password reset, contact,
        error pages: no request leaves the site."""
        slug = self.env["ir.http"]._slug(self.type_lamp)
        self.assertNoThirdParty(
            [
                "/",
                "/demarches",
                f"/demarches/{slug}",
                f"/demarches/{self.type_lamp.id}/nouvelle",
                "/suivi",
                "/web/login",
                "/web/reset_password",
                "/web/signup",
                "/contactus",
                "/no-such-page-grc",
            ]
        )

    def test_citizen_pages(self):
        """A signed-in citizen's pages: no request leaves the site."""
        self.assertNoThirdParty(
            [
                "/my",
                "/my/account",
                "/my/requests",
                f"/my/requests/{self.request.id}",
            ],
            login=self.helene.login,
        )

    def test_policy_allows_only_the_site(self):
        """The policy of the citizens' pages names no other origin, but the
        tile server the authority configured (https only)."""
        params = self.env["ir.config_parameter"]
        params.set_param("grc_citoyen.map_tile_url", False)
        response = self.url_open("/demarches")
        csp = response.headers["Content-Security-Policy"]
        self.assertIn("default-src 'self'", csp)
        self.assertNotIn("http", csp)
        self.assertNotIn("*", csp)
        params.set_param(
            "grc_citoyen.map_tile_url", "https://tuiles.ville.example/{z}/{x}/{y}.png"
        )
        csp = self.url_open("/demarches").headers["Content-Security-Policy"]
        self.assertIn("img-src 'self' data: blob: https://tuiles.ville.example;", csp)
        self.assertIn("connect-src 'self' https://tuiles.ville.example;", csp)
        self.assertNotIn("font-src 'self' data: https", csp)
        for hostile in (
            "http://tuiles.ville.example/{z}/{x}/{y}.png",
            "https://*.example/{z}.png",
            "https://a.example; script-src *",
            "https://a.example:notaport/x",
            "tuiles",
        ):
            with self.subTest(tile_url=hostile):
                params.set_param("grc_citoyen.map_tile_url", hostile)
                csp = self.url_open("/demarches").headers["Content-Security-Policy"]
                self.assertNotIn("http", csp)
                self.assertNotIn("*", csp)

    def test_no_web_font_from_google(self):
        """The website's style asks for no web font from Google, and the
        pages do not open a connection to its server in advance."""
        response = self.url_open("/demarches")
        self.assertNotIn("fonts.gstatic.com", response.text)
        self.assertNotIn("fonts.googleapis.com", response.text)
        bundle = self.env["ir.qweb"]._get_asset_bundle("web.assets_frontend")
        css = bundle.css().raw.decode()
        self.assertNotIn("A css error occured", css)
        # The website's own style is in (its font variables), Google is not.
        self.assertIn("--headings-font", css)
        self.assertNotIn("fonts.googleapis.com", css)
