# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib

from odoo import models
from odoo.http import request


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
        return res
