# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.misc import hmac

HMAC_SCOPE = "grc_citoyen.tracking_failure"

# Throttled actions of anonymous visitors: (setting prefix, default maximum,
# default window in minutes). "tracking" counts failed look-ups on /suivi;
# the others count every anonymous post that makes the town hall send a mail,
# per client address ("mail_ip") and per recipient address ("mail_address"),
# whatever the form (online request, "I am affected too", sign-up, password
# reset, contact form).
THROTTLE_SCOPES = {
    "tracking": ("grc_citoyen.tracking", 5, 15),
    "mail_ip": ("grc_citoyen.throttle_mail_ip", 10, 60),
    "mail_address": ("grc_citoyen.throttle_mail_address", 3, 60),
}


class GrcTrackingFailure(models.Model):
    """One throttled action of an anonymous visitor (a failed look-up on
    /suivi, a form that sends a mail), kept in the database so that every
    worker (and a restarted server) counts the same actions.

    The client (an IP address, an e-mail address) is stored as an HMAC keyed
    with the database secret: the value itself is never kept, and nobody
    without the secret can tell which value a row belongs to. Rows older than
    their window are useless and are deleted by the daily autovacuum."""

    _name = "grc.tracking.failure"
    _description = "Throttled anonymous action"
    _order = "failure_date desc, id desc"
    _log_access = False

    scope = fields.Char(required=True, index=True, readonly=True, default="tracking")
    client_hash = fields.Char(required=True, index=True, readonly=True)
    failure_date = fields.Datetime(
        required=True, index=True, readonly=True, default=fields.Datetime.now
    )

    @api.model
    def _grc_limits(self, scope="tracking"):
        """Actions allowed per client, and the sliding window (minutes)."""
        prefix, default_max, default_window = THROTTLE_SCOPES[scope]
        # sudo: only administrators read settings; limits apply to visitors.
        params = self.env["ir.config_parameter"].sudo()
        max_key = "max_attempts" if scope == "tracking" else "max"
        max_attempts = int(params.get_param(f"{prefix}_{max_key}", default_max))
        window = int(params.get_param(f"{prefix}_window_minutes", default_window))
        return max(max_attempts, 1), max(window, 1)

    @api.model
    def _grc_client_hash(self, client, scope="tracking"):
        value = (client or "unknown").strip().lower()
        if scope != "tracking":
            # Same value, other scope: another hash (rows cannot be linked).
            value = f"{scope}:{value}"
        return hmac(self.env(su=True), HMAC_SCOPE, value)

    @api.model
    def _grc_is_blocked(self, client, scope="tracking"):
        """True when this client acted too often within the window."""
        max_attempts, window = self._grc_limits(scope)
        since = fields.Datetime.now() - timedelta(minutes=window)
        # sudo: only GRC administrators read counter rows; visitors are counted.
        count = self.sudo().search_count(
            [
                ("scope", "=", scope),
                ("client_hash", "=", self._grc_client_hash(client, scope)),
                ("failure_date", ">", since),
            ],
            limit=max_attempts,
        )
        return count >= max_attempts

    @api.model
    def _grc_register(self, client, scope="tracking"):
        """Count one action of this client. One row per action: an insert
        never conflicts with another worker's, so concurrent actions are all
        counted without locks."""
        # sudo: the throttled visitor may not create counter rows; the system does.
        return self.sudo().create(
            {"scope": scope, "client_hash": self._grc_client_hash(client, scope)}
        )

    @api.model
    def _grc_throttle(self, clients):
        """Check and count one action of several clients at once, e.g.
        ``{"mail_ip": ip, "mail_address": email}``: True (and nothing
        counted) when any of them is over its limit, else False once each
        one is counted. Empty clients (no address typed) are not counted."""
        clients = {scope: client for scope, client in clients.items() if client}
        if any(self._grc_is_blocked(c, scope) for scope, c in clients.items()):
            return True
        for scope, client in clients.items():
            self._grc_register(client, scope)
        return False

    @api.autovacuum
    def _gc_expired_failures(self):
        """Actions older than their window no longer count: delete them."""
        now = fields.Datetime.now()
        windows = {scope: self._grc_limits(scope)[1] for scope in THROTTLE_SCOPES}
        # sudo: only GRC administrators may delete counter rows; expired ones go.
        expired = self.sudo().search(
            [
                "|",
                ("scope", "not in", list(windows)),
                ("failure_date", "<=", now - timedelta(minutes=min(windows.values()))),
            ]
        )
        expired.filtered(
            lambda row: row.scope not in windows
            or row.failure_date <= now - timedelta(minutes=windows[row.scope])
        ).unlink()
