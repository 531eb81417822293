# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import email
import email.policy
import logging
import traceback
import xmlrpc.client
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import clean_context

_logger = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_FIRST_DELAY_MINUTES = 15
# What is kept of the error of a failed processing (the traceback's end).
MAX_ERROR_LENGTH = 4000


def raw_bytes(message):
    """The raw mail as bytes, whatever form ``message_process`` got it in
    (bytes from a fetch, ``xmlrpc.client.Binary`` or text from the mailgate
    script)."""
    if isinstance(message, xmlrpc.client.Binary):
        message = message.data
    if isinstance(message, str):
        message = message.encode("utf-8", "surrogateescape")
    return bytes(message or b"")


def error_summary(error):
    """The error first, then the end of its traceback (what an administrator
    or a developer needs, within a bounded length)."""
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    head = f"{type(error).__name__}: {error}"[: MAX_ERROR_LENGTH // 4]
    return f"{head}\n\n{trace[-MAX_ERROR_LENGTH:]}"


class GrcMailFailure(models.Model):
    """An incoming mail whose processing failed, kept raw.

    Odoo's mail gateway loses such a mail: a fetch over IMAP marks it read
    and POP deletes it, whatever happened. Here the mail is kept as received,
    tried again with a backoff (5 tries by default), then left for an
    administrator to handle by hand: download it, fix what failed, try again
    or mark it handled.
    """

    _name = "grc.mail.failure"
    _description = "Incoming mail not processed"
    _order = "create_date desc, id desc"
    _rec_name = "subject"

    message_id = fields.Char(string="Message-Id", readonly=True, index=True)
    email_from = fields.Char(string="From", readonly=True)
    email_to = fields.Char(string="To", readonly=True)
    subject = fields.Char(readonly=True)
    raw = fields.Binary(
        string="Raw mail",
        attachment=True,
        readonly=True,
        help="The mail exactly as it was received (.eml).",
    )
    raw_filename = fields.Char(compute="_compute_raw_filename")
    model = fields.Char(
        string="Default model",
        readonly=True,
        help="The model the gateway would file the mail on when no alias matched.",
    )
    thread_id = fields.Integer(string="Default record", readonly=True)
    save_original = fields.Boolean(readonly=True)
    strip_attachments = fields.Boolean(readonly=True)
    source = fields.Char(
        readonly=True,
        help="The incoming mail server that fetched it, or the mailgate script.",
    )
    error = fields.Text(string="Last error", readonly=True)
    attempts = fields.Integer(
        string="Tries",
        readonly=True,
        default=1,
        help="Times its processing was tried, the first one included.",
    )
    next_try = fields.Datetime(string="Next try", readonly=True, index=True)
    state = fields.Selection(
        [
            ("retry", "Will be tried again"),
            ("manual", "To handle by hand"),
            ("done", "Processed"),
            ("dismissed", "Handled by hand"),
        ],
        default="retry",
        required=True,
        readonly=True,
        index=True,
    )
    res_model = fields.Char(string="Filed on model", readonly=True)
    res_id = fields.Integer(string="Filed on record", readonly=True)

    @api.depends("message_id")
    def _compute_raw_filename(self):
        for failure in self:
            failure.raw_filename = f"mail-{failure.id or 'new'}.eml"

    @api.model
    def _grc_retry_settings(self):
        """(ceiling of tries, first delay in minutes): system parameters
        ``grc_citoyen.mail_failure_max_attempts`` and
        ``grc_citoyen.mail_failure_delay_minutes``."""
        # sudo: settings, read by the gateway and the cron.
        params = self.env["ir.config_parameter"].sudo()
        return (
            int(
                params.get_param(
                    "grc_citoyen.mail_failure_max_attempts", DEFAULT_MAX_ATTEMPTS
                )
            ),
            int(
                params.get_param(
                    "grc_citoyen.mail_failure_delay_minutes",
                    DEFAULT_FIRST_DELAY_MINUTES,
                )
            ),
        )

    @api.model
    def _grc_headers(self, raw):
        """Message-Id, From, To and Subject of ``raw``, as far as they can be
        read (the mail may be broken: that may be why it failed)."""
        try:
            message = email.message_from_bytes(raw, policy=email.policy.SMTP)
            return {
                name: str(message.get(header) or "")[:1000]
                for name, header in (
                    ("message_id", "Message-Id"),
                    ("email_from", "From"),
                    ("email_to", "To"),
                    ("subject", "Subject"),
                )
            }
        except Exception:  # noqa: BLE001 -- a broken header must not lose the mail
            return {}

    @api.model
    def _grc_keep(self, message, error, model=None, thread_id=None, **options):
        """Keep ``message`` whose processing raised ``error``: a new record,
        or one more try on the record of the same Message-Id still waiting
        (a mail server that hands the mail again)."""
        raw = raw_bytes(message)
        headers = self._grc_headers(raw)
        error_text = error_summary(error)
        # sudo: the gateway runs as whoever fetches or posts the mail; the
        # failures are an administrators' list.
        # Without the gateway's default_* keys (fetchmail's server id...).
        failures = self.with_env(self.env(context=clean_context(self.env.context)))
        failures = failures.sudo()  # sudo: see above, an administrators' list.
        known = headers.get("message_id") and failures.search(
            [
                ("message_id", "=", headers["message_id"]),
                ("state", "in", ("retry", "manual")),
            ],
            limit=1,
        )
        if known:
            known._grc_failed_again(error_text)
            return known
        _, first_delay = self._grc_retry_settings()
        fetchmail_server = self.env.context.get("default_fetchmail_server_id")
        source = (
            # sudo: the server's name, whoever runs the gateway.
            self.env["fetchmail.server"].sudo().browse(fetchmail_server).exists().name
            if fetchmail_server
            else self.env._("Mailgate script or RPC call")
        )
        failure = failures.create(
            {
                **headers,
                "raw": base64.b64encode(raw),
                "model": model or False,
                "thread_id": thread_id or 0,
                "save_original": bool(options.get("save_original")),
                "strip_attachments": bool(options.get("strip_attachments")),
                "source": source,
                "error": error_text,
                "next_try": fields.Datetime.now() + timedelta(minutes=first_delay),
            }
        )
        _logger.warning(
            "Incoming mail %s from %s could not be processed; kept as "
            "grc.mail.failure %s for a new try: %s",
            headers.get("message_id"),
            headers.get("email_from"),
            failure.id,
            error,
        )
        return failure

    def _grc_failed_again(self, error_text):
        """One more failed try: a later next try, or to handle by hand past
        the ceiling (administrators told once)."""
        max_attempts, first_delay = self._grc_retry_settings()
        exhausted = self.browse()
        for failure in self:
            attempts = failure.attempts + 1
            values = {"attempts": attempts, "error": error_text}
            if attempts >= max_attempts:
                values.update(state="manual", next_try=False)
                exhausted |= failure
            else:
                values["next_try"] = fields.Datetime.now() + timedelta(
                    minutes=first_delay * 2 ** (attempts - 1)
                )
            failure.write(values)
        if exhausted:
            self._grc_alert_administrators(exhausted)

    def _grc_try_again(self):
        """Process each mail again; returns the ones processed."""
        processed = self.browse()
        for failure in self:
            raw = base64.b64decode(failure.with_context(bin_size=False).raw or b"")
            try:
                with self.env.cr.savepoint():
                    thread_id = (
                        self.env["mail.thread"]
                        .with_context(grc_mail_failure_raise=True)
                        .message_process(
                            failure.model or None,
                            raw,
                            save_original=failure.save_original,
                            strip_attachments=failure.strip_attachments,
                            thread_id=failure.thread_id or None,
                        )
                    )
            except Exception as error:  # noqa: BLE001 -- kept, tried later
                failure._grc_failed_again(error_summary(error))
                continue
            values = {"state": "done", "next_try": False}
            if thread_id:
                message = self.env["mail.message"].search(
                    [("message_id", "=", failure.message_id)], limit=1
                )
                values.update(
                    res_model=message.model or False, res_id=message.res_id or 0
                )
            failure.write(values)
            processed |= failure
        return processed

    def action_try_again(self):
        """Button: process the mail again now."""
        waiting = self.filtered(lambda failure: failure.state in ("retry", "manual"))
        if not waiting:
            raise UserError(self.env._("This mail is already processed or handled."))
        processed = waiting._grc_try_again()
        if not processed:
            raise UserError(
                self.env._(
                    "The mail could not be processed this time either; see the "
                    "last error. Download it, then file it by hand or mark it "
                    "handled."
                )
            )
        return True

    def action_dismiss(self):
        """Button: the mail was handled by hand (filed, answered or ignored)."""
        self.filtered(lambda failure: failure.state in ("retry", "manual")).write(
            {"state": "dismissed", "next_try": False}
        )
        return True

    def action_open_record(self):
        self.ensure_one()
        if not (self.res_model and self.res_id):
            raise UserError(self.env._("The mail was not filed on a record."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    @api.model
    def _cron_try_again(self, limit=100):
        """Process again the kept mails whose next try is due."""
        due = self.search(
            [("state", "=", "retry"), ("next_try", "<=", fields.Datetime.now())],
            order="next_try",
            limit=limit,
        )
        due._grc_try_again()
        return True

    @api.model
    def _grc_alert_administrators(self, failures):
        """Tell the GRC administrators, in their Odoo inbox, that these mails
        will not be tried again."""
        admins = self.env.ref("grc_citoyen.group_grc_admin").users.filtered(
            lambda user: user.active and not user.share
        )
        if not admins:
            return
        body = self.env._(
            "%(count)s incoming mails could not be processed after several "
            "tries. They are kept in Settings > Technical > Emails > Incoming "
            "mails not processed: download each one, file it by hand or try "
            "again, then mark it handled. Last error: %(error)s",
            count=len(failures),
            error=((failures[-1:].error or "").strip().splitlines() or [""])[-1],
        )
        # sudo: the cron posts on the company's partner, which it may not write.
        self.env.company.partner_id.sudo().message_notify(
            partner_ids=admins.partner_id.ids,
            subject=self.env._("Incoming mails not processed"),
            body=body,
        )
