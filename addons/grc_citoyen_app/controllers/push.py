# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Notifications on the phone: the account page where the citizen turns them
on or off and removes a phone, and the two calls of the app registering or
forgetting the phone it runs on."""

import json

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request


def _json(values, status=200):
    return request.make_response(
        json.dumps(values),
        headers=[("Content-Type", "application/json"), ("Cache-Control", "no-store")],
        status=status,
    )


class GrcAppPushController(http.Controller):
    def _grc_push_page_values(self, **extra):
        partner = request.env.user.partner_id
        devices = request.env["mail.push.device"]._grc_app_devices(partner)
        # sudo: the VAPID public key, public by nature, made by Odoo on first use.
        vapid_key = (
            request.env["mail.push.device"].sudo().get_web_push_vapid_public_key()
        )
        values = {
            "page_name": "grc_notifications",
            "partner": partner,
            "devices": devices,
            "vapid_public_key": vapid_key,
        }
        values.update(extra)
        return values

    @http.route(
        "/my/notifications", type="http", auth="user", website=True, methods=["GET"]
    )
    def grc_my_notifications(self, saved=None, removed=None, **kw):
        return request.render(
            "grc_citoyen_app.portal_my_notifications",
            self._grc_push_page_values(saved=bool(saved), removed=bool(removed)),
        )

    @http.route(
        "/my/notifications", type="http", auth="user", website=True, methods=["POST"]
    )
    def grc_my_notifications_save(self, consent_push=None, **kw):
        # sudo: citizens may not write their own partner's consents directly.
        request.env.user.partner_id.sudo().consent_push = bool(consent_push)
        return request.redirect("/my/notifications?saved=1")

    @http.route(
        "/my/notifications/devices/<int:device_id>/remove",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def grc_my_notifications_remove(self, device_id, **kw):
        removed = request.env["mail.push.device"]._grc_revoke(
            request.env.user.partner_id, device_id=device_id
        )
        if not removed:
            raise request.not_found()
        return request.redirect("/my/notifications?removed=1")

    @http.route(
        "/grc-app/push/subscribe",
        type="http",
        auth="user",
        methods=["POST"],
        sitemap=False,
    )
    def grc_app_push_subscribe(self, subscription=None, **kw):
        try:
            values = json.loads(subscription or "null")
            request.env["mail.push.device"]._grc_register_app_device(
                request.env.user.partner_id,
                values,
                request.httprequest.headers.get("User-Agent", ""),
            )
        except (ValueError, UserError) as error:
            message = (
                error.args[0]
                if isinstance(error, UserError)
                else request.env._(
                    "This phone's notification subscription is not valid."
                )
            )
            return _json({"ok": False, "error": message}, status=400)
        return _json({"ok": True})

    @http.route(
        "/grc-app/push/unsubscribe",
        type="http",
        auth="user",
        methods=["POST"],
        sitemap=False,
    )
    def grc_app_push_unsubscribe(self, endpoint=None, **kw):
        removed = request.env["mail.push.device"]._grc_revoke(
            request.env.user.partner_id, endpoint=endpoint
        )
        return _json({"ok": True, "removed": len(removed)})
