# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import logging
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

TOKEN_PREFIX = "grc_"
# Days an expired or revoked token is kept (to see which device was signed
# out, and when) before the daily cron deletes it.
DEFAULT_PURGE_DAYS = 90
# Shown in lists to tell tokens apart; far too short to be guessed from.
VISIBLE_CHARS = 10
# The last-use date is written at most once in this interval, so that a busy
# app does not turn every read into a write on the same row.
LAST_USE_PRECISION = timedelta(hours=1)


class GrcApiToken(models.Model):
    """Bearer token of the mobile app, bound to a citizen's portal account.

    Only a SHA-256 hash of the token is stored: the token itself is shown once,
    to the citizen who issued it on the portal (password asked again); nobody
    else can issue one. Tokens expire, die with a change of password or a
    "log out from all devices", and can be revoked by the citizen or by an
    agent."""

    _name = "grc.api.token"
    _description = "Mobile app access token"
    _order = "create_date desc, id desc"

    name = fields.Char(
        string="Device",
        required=True,
        default=lambda self: self.env._("Mobile app"),
        help="What the token is for (phone, tablet...), to recognise it later.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Portal account",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    partner_id = fields.Many2one(
        related="user_id.partner_id", string="Citizen", store=True, index=True
    )
    company_id = fields.Many2one(related="user_id.company_id", store=True)
    token_hash = fields.Char(
        required=True, readonly=True, copy=False, groups="base.group_system"
    )
    token_start = fields.Char(
        string="Token starts with",
        readonly=True,
        copy=False,
        help="First characters of the token, to tell it apart from the others.",
    )
    expiry_date = fields.Datetime(string="Expires on", required=True, index=True)
    revoked_date = fields.Datetime(string="Revoked on", readonly=True, copy=False)
    revoked_by_id = fields.Many2one(
        comodel_name="res.users", string="Revoked by", readonly=True, copy=False
    )
    last_use_date = fields.Datetime(string="Last used", readonly=True, copy=False)
    # OAuth 2.0 (grc.oauth.code): the app it was issued to, the sign-in it
    # belongs to (every refresh of it), its refresh token.
    oauth_client_id = fields.Many2one(
        comodel_name="grc.oauth.client",
        string="App",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    oauth_family = fields.Char(
        readonly=True, index="btree_not_null", groups="base.group_system"
    )
    refresh_hash = fields.Char(
        readonly=True, copy=False, index="btree_not_null", groups="base.group_system"
    )
    refresh_expiry_date = fields.Datetime(readonly=True, copy=False)
    state = fields.Selection(
        selection=[
            ("valid", "Valid"),
            ("expired", "Expired"),
            ("revoked", "Revoked"),
        ],
        compute="_compute_state",
    )

    _sql_constraints = [
        ("token_hash_uniq", "unique(token_hash)", "This token already exists."),
    ]

    @api.depends("expiry_date", "revoked_date")
    def _compute_state(self):
        now = fields.Datetime.now()
        for token in self:
            if token.revoked_date:
                token.state = "revoked"
            elif token.expiry_date and token.expiry_date <= now:
                token.state = "expired"
            else:
                token.state = "valid"

    @api.constrains("user_id")
    def _check_user_id(self):
        for token in self:
            if not token.user_id._is_portal():
                raise ValidationError(
                    self.env._(
                        "Mobile app tokens are for citizens' portal accounts only, "
                        "not for %(user)s.",
                        user=token.user_id.name,
                    )
                )

    @api.model
    def _grc_hash(self, token):
        return hashlib.sha256(token.encode()).hexdigest()

    @api.model
    def _grc_validity_days(self):
        # sudo: only administrators read settings; a citizen issues tokens too.
        params = self.env["ir.config_parameter"].sudo()
        return int(params.get_param("grc_citoyen.api_token_validity_days", 365))

    @api.model
    def _grc_purge_days(self):
        """Days after their expiry or revocation before tokens are deleted
        (``grc_citoyen.api_token_purge_days``, at least one)."""
        # sudo: only administrators read settings; the purge cron needs this one.
        params = self.env["ir.config_parameter"].sudo()
        value = params.get_param("grc_citoyen.api_token_purge_days")
        try:
            return max(int(value), 1) if value else DEFAULT_PURGE_DAYS
        except ValueError:
            _logger.info(
                "grc_citoyen.api_token_purge_days is not a number (%r): "
                "keeping tokens %s days",
                value,
                DEFAULT_PURGE_DAYS,
            )
            return DEFAULT_PURGE_DAYS

    @api.model
    def _grc_purgeable_domain(self, now=None):
        cutoff = (now or fields.Datetime.now()) - timedelta(days=self._grc_purge_days())
        return ["|", ("revoked_date", "<", cutoff), ("expiry_date", "<", cutoff)]

    @api.model
    def _cron_purge_tokens(self, batch_size=1000):
        """Delete the tokens expired or revoked for longer than the purge delay.

        Batched: when tokens are left, the cron reports it and runs again at
        once; a run that stops halfway is resumed by the next one.
        """
        # sudo: the cron deletes the old tokens of every company, whoever runs it.
        tokens = self.sudo().with_context(active_test=False)
        domain = self._grc_purgeable_domain()
        purged = tokens.search(domain, order="id", limit=batch_size)
        purged.unlink()
        remaining = tokens.search_count(domain) if len(purged) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(purged), remaining=remaining)
        return len(purged)

    @api.model
    def _grc_issue(self, user, name=None, validity_days=None, validity=None):
        """Create a token for ``user`` (a portal account); return the token
        record and the token itself, which is never stored nor shown again.
        ``validity`` (a timedelta) is for the short-lived tokens of OAuth."""
        if not user or not user.active:
            raise ValidationError(self.env._("This citizen has no active account."))
        validity = validity or timedelta(
            days=validity_days or self._grc_validity_days()
        )
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        # sudo: no group may create tokens; the citizen issues their own.
        record = self.sudo().create(
            {
                "name": name or self.env._("Mobile app"),
                "user_id": user.id,
                "token_hash": self._grc_hash(token),
                "token_start": token[:VISIBLE_CHARS],
                "expiry_date": fields.Datetime.now() + validity,
            }
        )
        return record, token

    @api.model
    def _grc_authenticate(self, token):
        """The portal account of a valid token, or an empty recordset.

        Unknown, expired and revoked tokens, and tokens of archived or no longer
        portal accounts, all give nothing: the caller cannot tell them apart.

        Called as superuser by the API's authentication (routers/dependencies.py):
        nobody else may read the tokens' hashes."""
        users = self.env["res.users"].browse()
        if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 256:
            return users
        now = fields.Datetime.now()
        record = self.with_context(active_test=False).search(
            [
                ("token_hash", "=", self._grc_hash(token)),
                ("revoked_date", "=", False),
                ("expiry_date", ">", now),
            ],
            limit=1,
        )
        user = record.user_id
        if not user or not user.active or not user._is_portal():
            return users
        if not record.last_use_date or record.last_use_date < now - LAST_USE_PRECISION:
            record.write({"last_use_date": now})
        return user

    def action_grc_revoke(self):
        """Revoke the tokens: the app using them is signed out at once.

        Whoever may see a token may revoke it; nobody writes on tokens
        otherwise (an agent must not extend a credential of a citizen)."""
        self.check_access("read")
        # sudo: tokens are read-only for every group; revoking is the one
        # change allowed, to those who can see the token.
        self.sudo().filtered(lambda token: not token.revoked_date).write(
            {"revoked_date": fields.Datetime.now(), "revoked_by_id": self.env.uid}
        )
        return True
