# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's push queue, made to retry: a push service out of reach makes Odoo's
sender raise and roll its batch back, which would hold the whole queue. The
batch is kept and tried again later, behind the newer notifications, and
given up after a few tries."""

import logging
from datetime import timedelta

from requests.exceptions import RequestException

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_MINUTES = 5


class MailPush(models.Model):
    _inherit = "mail.push"
    # Odoo's sender takes the first rows of the queue: the ones that failed
    # come after the others.
    _order = "grc_attempts, id"

    grc_attempts = fields.Integer(string="Failed tries", default=0)

    @api.model
    def _push_notification_to_endpoint(self, batch_size=50):
        try:
            with self.env.cr.savepoint():
                return super()._push_notification_to_endpoint(batch_size=batch_size)
        except (RequestException, OSError) as error:
            # The same rows Odoo's sender took (same order, same size).
            # sudo: the queue is read by the cron, like Odoo's sender does.
            batch = self.sudo().search([], limit=batch_size)
            given_up = batch.filtered(
                lambda push: push.grc_attempts + 1 >= MAX_ATTEMPTS
            )
            _logger.info(
                "Push service out of reach (%s): %s notifications kept for "
                "later, %s given up",
                error.__class__.__name__,
                len(batch - given_up),
                len(given_up),
            )
            given_up.unlink()
            for push in batch - given_up:
                push.grc_attempts += 1
            if batch - given_up:
                self.env.ref("mail.ir_cron_web_push_notification")._trigger(
                    at=fields.Datetime.now() + timedelta(minutes=RETRY_MINUTES)
                )
