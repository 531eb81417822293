# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import json

from PIL import Image

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon

from ..models.ir_http import grc_app_csp_with_tiles

REQUIRED_MEMBERS = {
    "name",
    "short_name",
    "start_url",
    "scope",
    "display",
    "icons",
    "theme_color",
    "background_color",
}


def png(width, height, color):
    output = io.BytesIO()
    Image.new("RGB", (width, height), color).save(output, format="PNG")
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestAppInstall(HttpCase, GrcCommon):
    """The portal installs as an app: a valid manifest drawn from the
    authority's settings, its icons, a service worker for the whole site."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("website.default_website").company_id
        cls.company.write(
            {
                "name": "Ville de Saint-Exemple",
                "grc_app_name": "Saint-Exemple & moi",
                "grc_app_short_name": "St-Exemple",
                "grc_app_theme_color": "#123456",
                "grc_app_background_color": "#fedcba",
                # A wide logo: fitted in the square, never cut.
                "logo": base64.b64encode(png(300, 100, "#00ff00")),
            }
        )

    def test_manifest_is_valid_and_from_settings(self):
        response = self.url_open("/grc-app/manifest.webmanifest")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            response.headers["Content-Type"].startswith("application/manifest+json")
        )
        manifest = json.loads(response.content)
        self.assertFalse(REQUIRED_MEMBERS - manifest.keys())
        self.assertEqual(manifest["name"], "Saint-Exemple & moi")
        self.assertEqual(manifest["short_name"], "St-Exemple")
        self.assertEqual(manifest["theme_color"], "#123456")
        self.assertEqual(manifest["background_color"], "#fedcba")
        self.assertEqual(manifest["display"], "standalone")
        self.assertTrue(manifest["start_url"].startswith(manifest["scope"]))
        self.assertEqual(manifest["start_url"], "/demarches")
        sizes = {icon["sizes"] for icon in manifest["icons"]}
        self.assertLessEqual({"192x192", "512x512"}, sizes)
        for shortcut in manifest["shortcuts"]:
            self.assertTrue(shortcut["url"].startswith(manifest["scope"]))

    def test_manifest_name_defaults_to_the_authority(self):
        self.company.write({"grc_app_name": False, "grc_app_short_name": False})
        manifest = self.url_open("/grc-app/manifest.webmanifest").json()
        self.assertEqual(manifest["name"], "Ville de Saint-Exemple")
        self.assertEqual(manifest["short_name"], "Ville de Sai")

    def test_icons_are_the_logo_resized_on_the_background(self):
        for size in (180, 192, 512):
            response = self.url_open(f"/grc-app/icon-{size}.png")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.headers["Content-Type"], "image/png")
            icon = Image.open(io.BytesIO(response.content)).convert("RGB")
            self.assertEqual(icon.size, (size, size))
            # The corner is the background; the centre is the logo.
            self.assertEqual(icon.getpixel((0, 0)), (0xFE, 0xDC, 0xBA))
            self.assertEqual(icon.getpixel((size // 2, size // 2)), (0, 255, 0))
        self.assertEqual(self.url_open("/grc-app/icon-64.png").status_code, 404)

    def test_service_worker_served_for_the_whole_site(self):
        response = self.url_open("/grc-app-sw.js")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/javascript"))
        self.assertEqual(response.headers["Service-Worker-Allowed"], "/")
        self.assertEqual(response.headers["Cache-Control"], "no-cache")
        self.assertNotIn("__GRC_APP_VERSION__", response.text)
        self.assertIn("grc-app-shell-", response.text)
        # Personal pages are never stored: they are listed as never cached.
        self.assertIn("my(\\/|$)", response.text)
        self.assertIn("suivi", response.text)

    def test_pages_link_the_manifest_and_say_for_whom(self):
        response = self.url_open("/demarches")
        for expected in (
            'rel="manifest" href="/grc-app/manifest.webmanifest"',
            'name="theme-color" content="#123456"',
            'rel="apple-touch-icon" href="/grc-app/icon-180.png"',
            "grc_app_install_banner",
        ):
            self.assertIn(expected, response.text)
        self.assertEqual(response.headers["X-Grc-App-User"], "public")
        new_test_user(self.env, login="app-citizen", groups="base.group_portal")
        self.authenticate("app-citizen", "app-citizen")
        signed_in = self.url_open("/demarches").headers["X-Grc-App-User"]
        self.assertNotEqual(signed_in, "public")
        session = self.url_open("/grc-app/session")
        self.assertEqual(session.headers["Cache-Control"], "no-store")
        self.assertEqual(session.json()["user"], signed_in)
        self.assertTrue(session.json()["signed_in"])
        self.authenticate(None, None)
        self.assertFalse(self.url_open("/grc-app/session").json()["signed_in"])

    def test_install_and_offline_pages(self):
        page = self.url_open("/application")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Add to Home Screen", page.text)
        self.assertEqual(self.url_open("/grc-app/offline").status_code, 200)

    def test_colors_are_checked(self):
        with self.assertRaises(ValidationError):
            self.company.grc_app_theme_color = "blue"


class TestTilesPolicy(GrcCommon):
    """With a content security policy (grc_citoyen_hardening), the maps may
    load the tiles of the server the authority chose, and nothing else."""

    def test_tile_origin_added_to_img_src(self):
        csp = "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'self'"
        self.assertEqual(
            grc_app_csp_with_tiles(
                csp, "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
            ),
            "default-src 'self'; img-src 'self' data: blob: "
            "https://tile.openstreetmap.org; frame-ancestors 'self'",
        )
        # One https host only: no wildcard of subdomains, no plain http.
        for refused in (
            "https://{s}.tile.example.fr/{z}/{x}/{y}.png",
            "http://tile.example.fr/{z}/{x}/{y}.png",
            "https://a.example; script-src *",
        ):
            with self.subTest(tile_url=refused):
                self.assertEqual(grc_app_csp_with_tiles(csp, refused), csp)
        # Local tiles, or no img-src: the policy is kept as it is.
        self.assertEqual(grc_app_csp_with_tiles(csp, "/tiles/{z}/{x}/{y}.png"), csp)
        self.assertEqual(
            grc_app_csp_with_tiles("default-src 'self'", "https://t.fr/{z}"),
            "default-src 'self'",
        )
