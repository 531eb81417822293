# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import html2plaintext

from odoo.addons.grc_citoyen.models.helpdesk_ticket_intake import MAX_DESCRIPTION_LENGTH


class MailThread(models.AbstractModel):
    """Citizens write on their requests and complaints through the portal
    pages, which check the message and post it as superuser. A portal or
    public account calling message_post itself (JSON-RPC, XML-RPC) gets no
    more than those pages give: a comment of its own, sent to the followers
    of the record only. Otherwise a citizen could have the town hall's mail
    server write to any contact by id, or sign as the town hall."""

    _inherit = "mail.thread"

    def message_post(self, **kwargs):
        if not self.env.su and self.env.user.share:
            self._grc_check_share_user_post(kwargs)
            if self._grc_citizen_chatter:
                # Odoo files a comment without subtype as a note.
                if not kwargs.get("subtype_xmlid") and not kwargs.get("subtype_id"):
                    kwargs["subtype_xmlid"] = "mail.mt_comment"
                self._grc_check_citizen_post(kwargs)
        return super().message_post(**kwargs)

    def _grc_check_share_user_post(self, kwargs):
        self.ensure_one()
        user_partner = self.env.user.partner_id
        refused = (
            kwargs.get("message_type", "notification") != "comment"
            or kwargs.get("author_id") not in (None, False, user_partner.id)
            or kwargs.get("email_from")
        )
        partner_ids = set(kwargs.get("partner_ids") or [])
        if not refused and partner_ids:
            # sudo: the followers of a record its reader can post on.
            followers = self.sudo().message_partner_ids
            refused = not partner_ids <= set(followers.ids)
        if refused:
            raise self._grc_post_refusal()

    def _grc_post_refusal(self):
        """The error refusing a post: it names the record only to whoever may
        read it (this check runs before message_post checks access, so the
        caller may hold no right on the record)."""
        if not self.has_access("read"):
            return AccessError(
                self.env._("Write from the page of your online account.")
            )
        return AccessError(
            self.env._(
                "Write on %(record)s from its page of your online account.",
                record=self.display_name,
            )
        )

    def _grc_check_citizen_post(self, post):
        """What a citizen or a visitor holding a link posts on a request or
        a complaint, whatever the path (portal page, Odoo's chatter routes,
        RPC): a comment to the service, never an internal note; of the length
        the request form accepts; with files the intake accepts (the same
        allow-list read from the content, size and count limits).

        ``post`` holds message_post's arguments. Raises AccessError or
        ValidationError."""
        self.ensure_one()
        comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        subtype_xmlid = post.get("subtype_xmlid")
        subtype_id = post.get("subtype_id")
        if (
            post.get("message_type", "notification") != "comment"
            or post.get("is_internal")
            or (subtype_xmlid and subtype_xmlid != "mail.mt_comment")
            or (subtype_id and subtype_id != comment)
            or (not subtype_xmlid and not subtype_id)
        ):
            raise self._grc_post_refusal()
        body = post.get("body") or ""
        if len(html2plaintext(str(body)).strip()) > MAX_DESCRIPTION_LENGTH:
            raise ValidationError(
                self.env._(
                    "The message is too long (%(max)s characters at most).",
                    max=MAX_DESCRIPTION_LENGTH,
                )
            )
        files = self._grc_citizen_files(
            post.get("attachment_ids"), post.get("attachments")
        )
        errors = files and self.env["helpdesk.ticket"]._grc_attachment_errors(files)
        if errors:
            raise ValidationError(" ".join(errors))

    def _grc_citizen_files(self, attachment_ids=None, attachments=None):
        """(name, content, mimetype) of the files of a message, for the
        intake's upload policy."""
        # sudo: the caller's right on these files was checked by the route.
        ids = [i for i in attachment_ids or [] if isinstance(i, int)]
        records = self.env["ir.attachment"].sudo().browse(ids)
        files = [(a.name, a.raw or b"", a.mimetype) for a in records.exists()]
        for attachment in attachments or []:
            data = attachment[1]
            if isinstance(data, str):
                data = data.encode()
            files.append((attachment[0], data or b"", None))
        return files
