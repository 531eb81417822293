# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta

from odoo import api, fields, models

# An SMTP reply in 4xx asks to try again later ("(421, b'...')" as Odoo
# records the exception).
SMTP_TEMPORARY_REPLY = re.compile(r"\(4\d\d,")
DEFAULT_MAX_RETRIES = 8
DEFAULT_FIRST_DELAY_MINUTES = 5


class MailMail(models.Model):
    """Mails the outgoing server refused for a while are sent again.

    Odoo moves a mail to *Delivery failed* on the first refusal, whatever its
    cause, and never tries it again: while the mail server is down, every
    acknowledgement and answer to citizens waits for a person. A transient
    failure (no connection to the server, a 4xx reply) is queued again with
    an exponential backoff (5, 10, 20... minutes) up to a ceiling of tries;
    then the mail stays failed and the GRC administrators are told, once.
    Permanent failures (invalid address, 5xx) stay failed and visible.
    """

    _inherit = "mail.mail"

    grc_retry_count = fields.Integer(
        string="Delivery retries",
        copy=False,
        readonly=True,
        help="Times the mail was queued again after a temporary failure of the "
        "outgoing mail server.",
    )
    grc_retry_alerted = fields.Boolean(
        string="Retries exhausted, administrators told",
        copy=False,
        readonly=True,
    )

    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        # No connection to the server: Odoo records the reason on the mails
        # and the type on their notifications only; the type on the mail is
        # what tells a transient failure here (and in the list of mails).
        if failure_type == "mail_smtp":
            self.filtered(
                lambda mail: mail.state == "exception" and not mail.failure_type
            ).failure_type = "mail_smtp"
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )

    @api.model
    def _grc_retry_settings(self):
        """(ceiling of retries, first delay in minutes), system parameters
        ``grc_citoyen.mail_retry_max`` and ``grc_citoyen.mail_retry_delay_minutes``."""
        # sudo: settings, read by the cron.
        params = self.env["ir.config_parameter"].sudo()
        return (
            int(params.get_param("grc_citoyen.mail_retry_max", DEFAULT_MAX_RETRIES)),
            int(
                params.get_param(
                    "grc_citoyen.mail_retry_delay_minutes", DEFAULT_FIRST_DELAY_MINUTES
                )
            ),
        )

    def _grc_is_transient_failure(self):
        self.ensure_one()
        if self.failure_type == "mail_smtp":
            return True
        return self.failure_type == "unknown" and bool(
            SMTP_TEMPORARY_REPLY.search(self.failure_reason or "")
        )

    @api.model
    def _cron_grc_retry_failed_mails(self):
        """Queue again the mails whose transient failure's delay has passed;
        tell the administrators about those past the ceiling."""
        max_retries, first_delay = self._grc_retry_settings()
        now = fields.Datetime.now()
        # sudo: the cron handles every mail of the queue.
        failed = (
            self.sudo()
            .search(
                [
                    ("state", "=", "exception"),
                    ("failure_type", "in", ("mail_smtp", "unknown")),
                    ("grc_retry_alerted", "=", False),
                ]
            )
            .filtered(lambda mail: mail._grc_is_transient_failure())
        )
        exhausted = failed.filtered(lambda mail: mail.grc_retry_count >= max_retries)
        due = (failed - exhausted).filtered(
            lambda mail: mail.write_date
            + timedelta(minutes=first_delay * 2**mail.grc_retry_count)
            <= now
        )
        for count in set(due.mapped("grc_retry_count")):
            due.filtered(lambda mail, count=count: mail.grc_retry_count == count).write(
                {
                    "state": "outgoing",
                    "failure_type": False,
                    "failure_reason": False,
                    "grc_retry_count": count + 1,
                }
            )
        if due:
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        if exhausted:
            exhausted.grc_retry_alerted = True
            self._grc_alert_retries_exhausted(exhausted, max_retries)
        return True

    @api.model
    def _grc_alert_retries_exhausted(self, mails, max_retries):
        """Tell the GRC administrators, in their Odoo inbox (the mail server
        is what fails), that ``mails`` will not be tried again."""
        admins = self.env.ref("grc_citoyen.group_grc_admin").users.filtered(
            lambda user: user.active and not user.share
        )
        if not admins:
            return
        body = self.env._(
            "%(count)s mails could not be sent after %(tries)s tries: the outgoing "
            "mail server refused them. Check the server, then send them again "
            "from Settings > Technical > Emails (filter: Delivery Failed). Last "
            "error: %(reason)s",
            count=len(mails),
            tries=max_retries + 1,
            reason=mails[-1:].failure_reason or "",
        )
        # sudo: the cron posts on the company's partner, which it may not write.
        self.env.company.partner_id.sudo().message_notify(
            partner_ids=admins.partner_id.ids,
            subject=self.env._("Mails not sent"),
            body=body,
        )
