# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The installable portal: web app manifest, icons, service worker, offline
page, and the small session answer the offline reports need."""

import hashlib
import json

from odoo import http
from odoo.http import request
from odoo.tools import file_open

from ..models.ir_http import grc_app_user_key
from ..models.res_company import ICON_SIZES

SERVICE_WORKER = "grc_citoyen_app/static/src/sw/grc_app_sw.js"
# The app: the citizen portal, from its catalogue of démarches.
APP_START_URL = "/demarches"
APP_SCOPE = "/"


class GrcAppController(http.Controller):
    def _grc_app_manifest(self):
        company = request.env.company
        lang = (request.env.lang or "fr_FR").replace("_", "-")
        name = company._grc_app_name()
        return {
            "id": APP_START_URL,
            "name": name,
            "short_name": company._grc_app_short_name(),
            "description": request.env._(
                "Report a problem, follow your requests and contact the services "
                "of %(authority)s.",
                authority=company.name,
            ),
            "lang": lang,
            "dir": "ltr",
            "start_url": APP_START_URL,
            "scope": APP_SCOPE,
            "display": "standalone",
            "orientation": "portrait",
            "theme_color": company.grc_app_theme_color or "#000091",
            "background_color": company.grc_app_background_color or "#ffffff",
            "prefer_related_applications": False,
            "icons": [
                {
                    "src": f"/grc-app/icon-{size}.png",
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "any maskable",
                }
                for size in ICON_SIZES
                if size != 180
            ],
            "shortcuts": [
                {"name": request.env._("Online services"), "url": "/demarches"},
                {"name": request.env._("My requests"), "url": "/my/requests"},
                {"name": request.env._("Map of reports"), "url": "/carte"},
            ],
        }

    @http.route(
        "/grc-app/manifest.webmanifest",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def grc_app_manifest(self, **kw):
        return request.make_response(
            json.dumps(self._grc_app_manifest(), ensure_ascii=False),
            headers=[
                ("Content-Type", "application/manifest+json; charset=utf-8"),
                ("Cache-Control", "public, max-age=3600"),
            ],
        )

    @http.route(
        "/grc-app/icon-<int:size>.png",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def grc_app_icon(self, size, **kw):
        if size not in ICON_SIZES:
            raise request.not_found()
        return request.make_response(
            request.env.company._grc_app_icon(size),
            headers=[
                ("Content-Type", "image/png"),
                ("Cache-Control", "public, max-age=86400"),
            ],
        )

    def _grc_service_worker(self):
        with file_open(SERVICE_WORKER) as script:
            body = script.read()
        # A new version of the script (or of the app's name) empties the
        # old caches on activation.
        version = hashlib.sha256(body.encode()).hexdigest()[:12]
        return body.replace("__GRC_APP_VERSION__", version)

    @http.route(
        "/grc-app-sw.js",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def grc_app_service_worker(self, **kw):
        return request.make_response(
            self._grc_service_worker(),
            headers=[
                ("Content-Type", "text/javascript; charset=utf-8"),
                ("Service-Worker-Allowed", APP_SCOPE),
                # Browsers check for a new worker on each visit.
                ("Cache-Control", "no-cache"),
            ],
        )

    @http.route(
        "/grc-app/offline",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
    )
    def grc_app_offline(self, **kw):
        return request.render("grc_citoyen_app.app_offline_page")

    @http.route(
        "/application",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=True,
    )
    def grc_app_install_page(self, **kw):
        return request.render(
            "grc_citoyen_app.app_install_page", {"company": request.env.company}
        )

    @http.route(
        "/grc-app/session",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
    )
    def grc_app_session(self, **kw):
        """What the offline reports need to be sent: a fresh CSRF token and
        whether someone is signed in (never cached)."""
        user = request.env.user
        return request.make_response(
            json.dumps(
                {
                    "csrf_token": request.csrf_token(),
                    "signed_in": not user._is_public(),
                    "uid": False if user._is_public() else user.id,
                    "user": grc_app_user_key(),
                }
            ),
            headers=[
                ("Content-Type", "application/json"),
                ("Cache-Control", "no-store"),
            ],
        )
