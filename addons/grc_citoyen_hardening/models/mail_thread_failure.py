# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_process(
        self,
        model,
        message,
        custom_values=None,
        save_original=False,
        strip_attachments=False,
        thread_id=None,
    ):
        """A mail whose processing fails is kept (``grc.mail.failure``) and
        tried again later instead of being lost: a fetch over IMAP marks it
        read and POP deletes it whatever happened, and the mailgate script's
        error bounces it to the citizen. What the failed processing wrote is
        rolled back; the caller is answered False, as for a mail not filed."""
        try:
            with self.env.cr.savepoint():
                return super().message_process(
                    model,
                    message,
                    custom_values=custom_values,
                    save_original=save_original,
                    strip_attachments=strip_attachments,
                    thread_id=thread_id,
                )
        except Exception as error:  # noqa: BLE001 -- every failure is kept
            if self.env.context.get("grc_mail_failure_raise"):
                raise
            self.env["grc.mail.failure"]._grc_keep(
                message,
                error,
                model=model,
                thread_id=thread_id,
                save_original=save_original,
                strip_attachments=strip_attachments,
            )
            return False
