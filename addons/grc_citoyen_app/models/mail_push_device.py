# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The phones of citizens are Odoo's own push devices (``mail.push.device``,
VAPID keys of ``mail``), marked as the app's and named for the citizen."""

import json
import re
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import UserError

# Push services answer on https only; keys of a subscription are base64url.
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,200}={0,2}")
MAX_ENDPOINT = 1000
# A citizen keeps a few phones and browsers, not a farm of them.
MAX_DEVICES_PER_CITIZEN = 10


def grc_device_label(user_agent):
    """A name the citizen recognises their phone by, from its user agent."""
    agent = user_agent or ""
    system = next(
        (
            name
            for pattern, name in (
                (r"Android", "Android"),
                (r"iPhone|iPad|iPod", "iOS"),
                (r"Windows", "Windows"),
                (r"Mac OS X", "macOS"),
                (r"Linux", "Linux"),
            )
            if re.search(pattern, agent)
        ),
        "",
    )
    browser = next(
        (
            name
            for pattern, name in (
                (r"Edg/", "Edge"),
                (r"SamsungBrowser", "Samsung Internet"),
                (r"Firefox/", "Firefox"),
                (r"Chrome/|Chromium/", "Chrome"),
                (r"Safari/", "Safari"),
            )
            if re.search(pattern, agent)
        ),
        "",
    )
    return " · ".join(part for part in (system, browser) if part)


class MailPushDevice(models.Model):
    _inherit = "mail.push.device"

    grc_app_device = fields.Boolean(
        string="Citizen's app",
        index=True,
        help="Registered from the citizen's app: receives the steps of the "
        "citizen's requests, not the notifications of Odoo's inbox.",
    )
    grc_device_name = fields.Char(string="Device")

    @api.model
    def _grc_check_subscription(self, subscription):
        """The browser's push subscription, checked: (endpoint, keys)."""
        subscription = subscription if isinstance(subscription, dict) else {}
        endpoint = subscription.get("endpoint")
        keys = subscription.get("keys")
        parts = urlsplit(endpoint) if isinstance(endpoint, str) else None
        if (
            not parts
            or parts.scheme != "https"
            or not parts.netloc
            or len(endpoint) > MAX_ENDPOINT
            or not isinstance(keys, dict)
            or not all(
                isinstance(keys.get(name), str) and KEY_PATTERN.fullmatch(keys[name])
                for name in ("p256dh", "auth")
            )
        ):
            raise UserError(
                self.env._("This phone's notification subscription is not valid.")
            )
        return endpoint, {"p256dh": keys["p256dh"], "auth": keys["auth"]}

    @api.model
    def _grc_register_app_device(self, partner, subscription, user_agent=""):
        """Register (or hand over) the phone of ``partner`` behind the push
        ``subscription`` the browser gave, and turn their notifications on.
        The subscription was made with the database's VAPID public key."""
        endpoint, keys = self._grc_check_subscription(subscription)
        # sudo: devices are administrators' records; the citizen registers
        # their own phone, found by its endpoint (a secret of that phone).
        devices = self.sudo()
        device = devices.search([("endpoint", "=", endpoint)], limit=1)
        values = {
            "partner_id": partner.id,
            "keys": json.dumps(keys),
            "grc_app_device": True,
            "grc_device_name": grc_device_label(user_agent),
        }
        if device:
            device.write(values)
        else:
            if (
                devices.search_count(
                    [("partner_id", "=", partner.id), ("grc_app_device", "=", True)]
                )
                >= MAX_DEVICES_PER_CITIZEN
            ):
                raise UserError(
                    self.env._(
                        "You already receive notifications on %(count)s devices: "
                        "remove one from your account first.",
                        count=MAX_DEVICES_PER_CITIZEN,
                    )
                )
            device = devices.create(dict(values, endpoint=endpoint))
        if not partner.consent_push:
            # sudo: the citizen turns on their own notifications.
            partner.sudo().consent_push = True
        return device

    @api.model
    def _grc_app_devices(self, partner):
        """The phones of ``partner`` registered from the app."""
        # sudo: devices are administrators' records, read for their owner only.
        return self.sudo().search(
            [("partner_id", "=", partner.id), ("grc_app_device", "=", True)],
            order="create_date desc, id desc",
        )

    @api.model
    def _grc_revoke(self, partner, device_id=None, endpoint=None):
        """Remove a phone of ``partner``, by id (account page) or by its
        endpoint (the phone itself); another person's phone is never found."""
        domain = [("partner_id", "=", partner.id), ("grc_app_device", "=", True)]
        if device_id:
            domain.append(("id", "=", device_id))
        elif (
            isinstance(endpoint, str)
            and endpoint
            and len(endpoint) <= MAX_ENDPOINT
            and "\x00" not in endpoint
        ):
            domain.append(("endpoint", "=", endpoint))
        else:
            return self.browse()
        # sudo: devices are administrators' records; the domain keeps to the
        # citizen's own.
        devices = self.sudo().search(domain)
        devices.unlink()
        return devices
