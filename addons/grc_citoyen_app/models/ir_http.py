# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import re
from urllib.parse import urlsplit

from odoo import models
from odoo.http import request


def grc_app_csp_with_tiles(csp, tile_url):
    """``csp`` letting the maps load the tiles of ``tile_url``: its origin
    added to ``img-src`` when a policy (grc_citoyen_hardening's) lists it."""
    parts = urlsplit(tile_url or "")
    # One https host, as grc_citoyen_hardening accepts it: no wildcard, no
    # plain http, nothing that could end the directive.
    if (
        not csp
        or parts.scheme != "https"
        or not re.fullmatch(r"[a-z0-9.-]+(:[0-9]{1,5})?", parts.netloc)
    ):
        return csp
    origin = f"https://{parts.netloc}"
    directives = [directive.strip() for directive in csp.split(";")]
    for index, directive in enumerate(directives):
        name, _sep, sources = directive.partition(" ")
        if name == "img-src" and origin not in sources.split():
            directives[index] = f"{directive} {origin}"
    return "; ".join(directives)


def grc_app_user_key():
    """Who a page was made for, as the app's service worker sees it: an opaque
    key per account and session ("public" for visitors), so that the pages
    kept for offline use are never served to someone else on a shared phone."""
    user = request.env.user
    if user._is_public():
        return "public"
    secret = request.session.sid or ""
    return hashlib.sha256(f"{user.id}:{secret}".encode()).hexdigest()[:16]


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _post_dispatch(cls, response):
        res = super()._post_dispatch(response)
        headers = getattr(response, "headers", None)
        if (
            headers is not None
            and getattr(request, "is_frontend", False)
            and request.env
            and headers.get("Content-Type", "").startswith("text/html")
        ):
            headers["X-Grc-App-User"] = grc_app_user_key()
            if headers.get("Content-Security-Policy"):
                # sudo: the tile server, a setting read for every visitor.
                params = request.env["ir.config_parameter"].sudo()
                tile_url = params.get_param("grc_citoyen.map_tile_url")
                headers["Content-Security-Policy"] = grc_app_csp_with_tiles(
                    headers["Content-Security-Policy"], tile_url
                )
        return res
