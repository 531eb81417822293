# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

IDEMPOTENCY_INDEX = "mail_message_grc_idempotency_key_uniq"


class MailMessage(models.Model):
    """Messages written by citizens from the mobile app carry the idempotency
    key of their submission, like requests do (helpdesk_ticket_intake.py): a
    retry finds the message posted the first time instead of posting again."""

    _inherit = "mail.message"

    grc_idempotency_key = fields.Char(
        string="Idempotency key",
        copy=False,
        readonly=True,
        groups="base.group_system",
        help="Key sent by the app with the message (scoped to the citizen's "
        "account): a retry with the same key returns this message.",
    )

    def init(self):
        res = super().init()
        # Partial: almost no message carries a key. Unique, so that two
        # concurrent retries cannot both post.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS mail_message_grc_idempotency_key_uniq
            ON mail_message (grc_idempotency_key)
            WHERE grc_idempotency_key IS NOT NULL
            """
        )
        return res

    @api.model
    def _grc_find_by_idempotency_key(self, key):
        # sudo: the key is a field of administrators; a citizen's retry is matched.
        return self.sudo().search([("grc_idempotency_key", "=", key)], limit=1)
