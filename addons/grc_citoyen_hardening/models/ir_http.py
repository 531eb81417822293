# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from urllib.parse import urlsplit

from odoo import models
from odoo.http import request

# What the citizens' pages load: Odoo's own assets only, so that no third
# party (font or map provider...) learns who visits the town hall's pages.
# Odoo's pages start with inline scripts (session info, translations) and Owl
# compiles its templates at run time, hence 'unsafe-inline' and 'unsafe-eval'
# for scripts; the website's snippets set inline styles. {tiles} is the
# origin of the map tile server the authority configured, if any.
PORTAL_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:{tiles}",
        "font-src 'self' data:",
        "connect-src 'self'{tiles}",
        "frame-src 'self'",
        "media-src 'self'",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "frame-ancestors 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
# A page opened with one of these carries a credential in its address.
TOKEN_PARAMS = ("access_token", "answer_token", "token", "hash")
# Pages that show a citizen's data (their account, a follow-up result, the
# confirmation of a request, the sign-up and reset-password links).
PRIVATE_PATHS = (
    "/my",
    "/suivi",
    "/demarches/confirmer/",
    "/web/signup",
    "/web/reset_password",
)


class IrHttp(models.AbstractModel):
    """Security headers sent by Odoo itself, whatever the reverse proxy adds:
    no page can be framed by another site, the pages of citizens and
    visitors load nothing but the town hall's own assets, and a page that
    shows a citizen's data is never stored by a browser or a shared cache."""

    _inherit = "ir.http"

    @classmethod
    def _post_dispatch(cls, response):
        res = super()._post_dispatch(response)
        cls._grc_security_headers(response)
        return res

    @classmethod
    def _grc_security_headers(cls, response):
        headers = getattr(response, "headers", None)
        if headers is None:
            return
        if cls._grc_is_private_page():
            headers["Cache-Control"] = "no-store"
        if not headers.get("Content-Type", "").startswith("text/html"):
            return
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if "X-Frame-Options" not in headers:
            # The website editor frames the site in the back office (same
            # origin); nothing else may frame a page (clickjacking).
            headers["X-Frame-Options"] = "SAMEORIGIN"
            if "Content-Security-Policy" not in headers:
                headers["Content-Security-Policy"] = "frame-ancestors 'self'"
        if (
            getattr(request, "is_frontend", False)
            and not request.env.user._is_internal()
        ):
            # Staff keep Odoo's defaults: the website builder loads images,
            # fonts and videos from the services it offers.
            headers["Content-Security-Policy"] = cls._grc_portal_csp()

    @classmethod
    def _grc_portal_csp(cls):
        # sudo: system parameters, read for the visitor's request.
        param = request.env["ir.config_parameter"].sudo()
        custom = param.get_param("grc_citoyen.content_security_policy")
        if custom:
            return custom
        tiles = cls._grc_tile_origin(param.get_param("grc_citoyen.map_tile_url"))
        return PORTAL_CSP.format(tiles=f" {tiles}" if tiles else "")

    @staticmethod
    def _grc_tile_origin(url):
        """The origin (https://tiles.example.fr) of the map tile server the
        authority configured (https://tiles.example.fr/{z}/{x}/{y}.png), the
        only other origin its pages may reach; nothing for anything else."""
        if not url:
            return ""
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        try:
            port = f":{parts.port}" if parts.port else ""
        except ValueError:
            return ""
        if parts.scheme != "https" or not re.fullmatch(r"[a-z0-9.-]+", host):
            return ""
        return f"https://{host}{port}"

    @classmethod
    def _grc_is_private_page(cls):
        httprequest = request.httprequest
        path = httprequest.path
        # /fr/my/requests as well as /my/requests.
        paths = {path, "/" + path.split("/", 2)[-1]}
        if any(
            candidate == prefix.rstrip("/")
            or candidate.startswith(prefix.rstrip("/") + "/")
            for candidate in paths
            for prefix in PRIVATE_PATHS
        ):
            return True
        return any(
            name in httprequest.args or name in httprequest.form
            for name in TOKEN_PARAMS
        )
