# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MailMail(models.Model):
    """A request's acknowledgement is recorded as sent when its mail leaves
    the queue, not when it is queued (a mail server down for a while sends
    it later; grc_citoyen_mail_retry sends again what it refused)."""

    _inherit = "mail.mail"

    grc_acknowledges = fields.Selection(
        [
            ("registration", "Acknowledgement of registration"),
            ("receipt", "Acknowledgement of receipt"),
        ],
        string="Acknowledges",
        copy=False,
        readonly=True,
        help="The acknowledgement this mail carries: the request records it "
        "as sent when the mail leaves, not when it is queued.",
    )

    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        # Read before Odoo deletes the sent mails.
        acknowledgements = self.filtered(
            lambda mail: mail.state == "sent"
            and mail.grc_acknowledges
            and mail.model == "helpdesk.ticket"
            and mail.res_id
        )
        # sudo: the mail queue records on the request that its mail left.
        tickets = self.env["helpdesk.ticket"].sudo()
        for kind, mark in (
            ("registration", "_grc_mark_ack_registration_sent"),
            ("receipt", "_grc_mark_ack_receipt_sent"),
        ):
            sent = acknowledgements.filtered(
                lambda mail, kind=kind: mail.grc_acknowledges == kind
            )
            if sent:
                getattr(tickets.browse(sent.mapped("res_id")).exists(), mark)()
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
