# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GrcOauthClient(models.Model):
    """An app allowed to sign citizens in with OAuth 2.0 (authorization code
    with PKCE): a public client, no secret; only its registered redirect URIs
    receive codes."""

    _name = "grc.oauth.client"
    _description = "Mobile app signing citizens in (OAuth)"
    _order = "name, id"

    name = fields.Char(
        required=True, help="Shown to the citizen when they allow the app."
    )
    client_id = fields.Char(
        string="Client ID",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: secrets.token_urlsafe(16),
    )
    redirect_uris = fields.Text(
        string="Redirect URIs",
        required=True,
        help="One per line, compared exactly: an https address, or the app's "
        "own scheme (fr.ville.app:/oauth).",
    )
    active = fields.Boolean(default=True)
    token_ids = fields.One2many(
        comodel_name="grc.api.token", inverse_name="oauth_client_id", string="Tokens"
    )

    _sql_constraints = [
        ("client_id_uniq", "unique(client_id)", "This client ID already exists."),
    ]

    def _grc_redirect_uris(self):
        self.ensure_one()
        return [
            uri.strip()
            for uri in (self.redirect_uris or "").splitlines()
            if uri.strip()
        ]

    @api.constrains("redirect_uris")
    def _check_redirect_uris(self):
        for client in self:
            for uri in client._grc_redirect_uris():
                parts = urlsplit(uri)
                # Plain http only for an app listening on the phone itself.
                loopback = parts.scheme == "http" and parts.hostname in (
                    "127.0.0.1",
                    "localhost",
                )
                unsafe = parts.scheme in ("http", "javascript", "data", "file")
                if (
                    not parts.scheme
                    or parts.fragment
                    or (unsafe and not loopback)
                    or (parts.scheme == "https" and not parts.netloc)
                ):
                    raise ValidationError(
                        self.env._(
                            "%(uri)s cannot receive codes: give an https address "
                            "or the app's own scheme, without #.",
                            uri=uri,
                        )
                    )
