# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.misc import hmac

HMAC_SCOPE = "grc_citoyen.tracking_failure"


class GrcTrackingFailure(models.Model):
    """A failed look-up on the follow-up page (/suivi), kept in the database so
    that every worker (and a restarted server) counts the same failures.

    The client is stored as an HMAC of its IP address keyed with the database
    secret: the address itself is never kept, and nobody without the secret
    can tell which address a row belongs to. Rows older than the window are
    useless and are deleted by the daily autovacuum."""

    _name = "grc.tracking.failure"
    _description = "Failed follow-up look-up"
    _order = "failure_date desc, id desc"
    _log_access = False

    client_hash = fields.Char(required=True, index=True, readonly=True)
    failure_date = fields.Datetime(
        required=True, index=True, readonly=True, default=fields.Datetime.now
    )

    @api.model
    def _grc_limits(self):
        """Failures allowed per client, and the sliding window (minutes)."""
        params = self.env["ir.config_parameter"].sudo()
        max_attempts = int(params.get_param("grc_citoyen.tracking_max_attempts", 5))
        window = int(params.get_param("grc_citoyen.tracking_window_minutes", 15))
        return max(max_attempts, 1), max(window, 1)

    @api.model
    def _grc_client_hash(self, client_ip):
        return hmac(self.env(su=True), HMAC_SCOPE, client_ip or "unknown")

    @api.model
    def _grc_is_blocked(self, client_ip):
        """True when this client failed too often within the window."""
        max_attempts, window = self._grc_limits()
        since = fields.Datetime.now() - timedelta(minutes=window)
        failures = self.sudo().search_count(
            [
                ("client_hash", "=", self._grc_client_hash(client_ip)),
                ("failure_date", ">", since),
            ],
            limit=max_attempts,
        )
        return failures >= max_attempts

    @api.model
    def _grc_register(self, client_ip):
        """Count one failed look-up of this client. One row per failure: an
        insert never conflicts with another worker's, so concurrent failures
        are all counted without locks."""
        return self.sudo().create({"client_hash": self._grc_client_hash(client_ip)})

    @api.autovacuum
    def _gc_expired_failures(self):
        """Failures older than the window no longer count: delete them."""
        _max_attempts, window = self._grc_limits()
        since = fields.Datetime.now() - timedelta(minutes=window)
        self.sudo().search([("failure_date", "<=", since)]).unlink()
