# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import api, models
from odoo.tools import html2plaintext, parse_contact_from_email, plaintext2html

from .helpdesk_ticket_intake import MAX_DESCRIPTION_LENGTH

# Where the whole text of a mail too long for a request is kept.
FULL_TEXT_NAME = "message-complet.txt"

BOUNCE_SUBJECTS = (
    "delivery status notification",
    "undelivered mail returned to sender",
    "mail delivery failed",
    "undeliverable:",
)


class HelpdeskTicket(models.Model):
    """E-mail intake: a mail to a service's alias files a request, unless it
    is an automatic message. It goes through the intake's steps like the other
    channels: citizen matching, upload policy, acknowledgement (written with
    the row, sent once it exists)."""

    _inherit = "helpdesk.ticket"

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to a service's alias files a request on the E-mail channel,
        from the citizen found (or created) by the sender's address."""
        custom_values = dict(custom_values or {})
        name, email = parse_contact_from_email(msg_dict.get("email_from") or "")
        if email and not custom_values.get("partner_id"):
            partner = self._grc_find_or_create_citizen(
                {"name": name or email, "email": email}, "email"
            )
            custom_values["partner_id"] = partner.id
            custom_values.setdefault("partner_name", partner.name)
            custom_values.setdefault("partner_email", partner.email)
            # The incoming message is then posted with the citizen as author
            # (and follower), so that the agent's answers reach them. Odoo's
            # guess by address prefers accounts: an account that did not
            # prove the address must not become the author (nor follower).
            # sudo: the author's accounts are read whoever runs the mail gateway.
            author = self.env["res.partner"].sudo().browse(msg_dict.get("author_id"))
            if not author or (
                author != partner
                and not author.grc_email_verified
                and author._grc_portal_account_partners()
            ):
                msg_dict["author_id"] = partner.id
        if not custom_values.get("channel_id"):
            custom_values["channel_id"] = self._grc_intake_channel(
                "helpdesk_mgmt.helpdesk_ticket_channel_email"
            ).id
        refused = self._grc_screen_mail_attachments(msg_dict)
        self._grc_cap_mail_body(msg_dict)
        ticket = super(
            HelpdeskTicket, self.with_context(grc_acknowledge=True)
        ).message_new(msg_dict, custom_values=custom_values)
        ticket = ticket.with_context(grc_acknowledge=False)
        if refused:
            ticket._grc_note_refused_files(refused)
        return ticket

    def message_update(self, msg_dict, update_vals=None):
        """A citizen's reply by mail: its files pass the same upload policy
        as those of a new request (type read from the content, size, count):
        a broken part announced as an image is not stored as one."""
        refused = self._grc_screen_mail_attachments(msg_dict)
        res = super().message_update(msg_dict, update_vals=update_vals)
        if refused:
            for ticket in self:
                ticket._grc_note_refused_files(refused)
        return res

    @api.model
    def _grc_screen_mail_attachments(self, msg_dict):
        """Apply the upload policy to the files of an incoming mail: the
        request is always filed, refused files are dropped (the mail gateway
        then posts only the accepted ones). Return the refusal messages."""
        attachments = msg_dict.get("attachments") or []
        if not attachments:
            return []
        _max_size, max_count = self._grc_attachment_limits()
        uploads = self._grc_screen_uploads(
            [(attachment.fname, attachment.content) for attachment in attachments]
        )
        kept, refused = [], []
        for attachment, upload in zip(attachments, uploads, strict=True):
            if upload.error:
                refused.append(upload.error)
            elif len(kept) >= max_count:
                refused.append(
                    self.env._(
                        "The file %(name)s was not kept: at most %(count)s files "
                        "per request.",
                        name=upload.name,
                        count=max_count,
                    )
                )
            else:
                kept.append(attachment)
        msg_dict["attachments"] = kept
        return refused

    @api.model
    def _grc_cap_mail_body(self, msg_dict):
        """The same length rule as the portal and the API: the request's
        description (and the message posted) keep the first
        ``MAX_DESCRIPTION_LENGTH`` characters of the mail's text; the whole
        text is attached as a file, so that nothing is lost."""
        text = html2plaintext(msg_dict.get("body") or "")
        if len(text) <= MAX_DESCRIPTION_LENGTH:
            return False
        note = self.env._(
            "[Mail shortened: %(length)s characters; the whole text is in the "
            "attached file %(name)s.]",
            length=len(text),
            name=FULL_TEXT_NAME,
        )
        msg_dict["body"] = plaintext2html(f"{text[:MAX_DESCRIPTION_LENGTH]}\n\n{note}")
        msg_dict["attachments"] = list(msg_dict.get("attachments") or []) + [
            self.env["mail.thread"]._Attachment(
                FULL_TEXT_NAME, text.encode(), {"encoding": "utf-8"}
            )
        ]
        return True

    def _grc_note_refused_files(self, refused):
        """Tell the agents which files of the mail were dropped, and why."""
        self.ensure_one()
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._("Files of the citizen's mail refused by the upload policy:"),
            Markup().join(Markup("<li>%s</li>") % reason for reason in refused),
        )
        return self.message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_note"
        )

    @api.model
    def _grc_is_automatic_email(self, message, msg_dict):
        """True for auto-replies, delivery reports and bulk mail, which must
        never become requests (nor be answered: mail loops)."""
        auto_submitted = (message.get("Auto-Submitted") or "").strip().lower()
        if auto_submitted and auto_submitted != "no":
            return True
        if message.get("X-Autoreply") or message.get("X-Autorespond"):
            return True
        precedence = (message.get("Precedence") or "").strip().lower()
        if precedence in ("bulk", "auto_reply", "junk"):
            return True
        subject = (msg_dict.get("subject") or "").lower()
        return any(marker in subject for marker in BOUNCE_SUBJECTS)
