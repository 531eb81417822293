# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's chatter routes on requests and complaints, narrowed for citizens.

With a record's access token (or as a portal account), these routes store
files and messages as superuser: they follow here the rules of the request
form and of the portal pages (mail.thread._grc_check_citizen_post), so that
no path takes a file or a message the portal page would refuse.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.attachment import PortalAttachmentController
from odoo.addons.portal.controllers.message_reaction import (
    PortalMessageReactionController,
)
from odoo.addons.portal.controllers.thread import ThreadController

# A reaction is one emoji; a family emoji is about a dozen code points.
MAX_REACTION_LENGTH = 32
# The messages a citizen sees on the page of their request or complaint.
CITIZEN_MESSAGE_TYPES = ("comment", "email", "email_outgoing")


def _citizen_thread(thread_model, thread_id, **kwargs):
    """The request or complaint a non-internal caller may write on, or None
    when the citizens' rules do not apply (staff, other models, no access:
    Odoo's route then answers as usual)."""
    if request.env.user._is_internal():
        return None
    model = request.env.registry.get(thread_model)
    if model is None or not getattr(model, "_grc_citizen_chatter", False):
        return None
    threads = request.env[thread_model]
    try:
        thread_id = int(thread_id)
    except (TypeError, ValueError):
        return None
    return (
        threads._get_thread_with_access(
            thread_id, mode=threads._mail_post_access, **kwargs
        )
        or None
    )


class GrcChatterAttachment(PortalAttachmentController):
    @http.route("/mail/attachment/upload", methods=["POST"], type="http", auth="public")
    def mail_attachment_upload(
        self, ufile, thread_id, thread_model, is_pending=False, **kwargs
    ):
        """Files the request form would refuse are refused here too."""
        thread = _citizen_thread(thread_model, thread_id, **kwargs)
        if thread:
            data = ufile.read()
            ufile.seek(0)
            errors = request.env["helpdesk.ticket"]._grc_attachment_errors(
                [(ufile.filename, data, ufile.content_type)]
            )
            if errors:
                return request.make_json_response({"error": " ".join(errors)})
        return super().mail_attachment_upload(
            ufile, thread_id, thread_model, is_pending=is_pending, **kwargs
        )


class GrcChatterThread(ThreadController):
    @http.route("/mail/message/post", methods=["POST"], type="json", auth="public")
    def mail_message_post(
        self, thread_model, thread_id, post_data, context=None, **kwargs
    ):
        """A citizen's comment, never an internal note, checked like the
        portal page checks it."""
        thread = _citizen_thread(thread_model, thread_id, **kwargs)
        if thread:
            thread._grc_check_citizen_post(post_data)
        return super().mail_message_post(
            thread_model, thread_id, post_data, context=context, **kwargs
        )

    @http.route(
        "/mail/message/update_content",
        methods=["POST"],
        type="json",
        auth="public",
    )
    def mail_message_update_content(
        self,
        message_id,
        body,
        attachment_ids,
        attachment_tokens=None,
        partner_ids=None,
        **kwargs,
    ):
        """An edited message keeps to the rules of a new one."""
        message = request.env["mail.message"]._get_with_access(
            message_id, "create", **kwargs
        )
        # sudo: the caller may reach the message through its thread's token only.
        thread = message and _citizen_thread(
            message.sudo().model, message.sudo().res_id, **kwargs
        )
        if thread:
            thread._grc_check_citizen_post(
                {
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "body": body,
                    "attachment_ids": attachment_ids,
                }
            )
        return super().mail_message_update_content(
            message_id,
            body,
            attachment_ids,
            attachment_tokens=attachment_tokens,
            partner_ids=partner_ids,
            **kwargs,
        )


class GrcChatterReaction(PortalMessageReactionController):
    @http.route("/mail/message/reaction", methods=["POST"], type="json", auth="public")
    def mail_message_reaction(self, message_id, content, action, **kwargs):
        """Citizens react with an emoji to the messages they can see: the
        token of a request opens none of its internal notes."""
        message = request.env["mail.message"]._get_with_access(
            int(message_id), "create", **kwargs
        )
        # sudo: the caller reaches the message through its thread's token.
        message_sudo = message.sudo()
        if message and _citizen_thread(
            message_sudo.model, message_sudo.res_id, **kwargs
        ):
            if (
                message_sudo.is_internal
                or message_sudo.subtype_id.internal
                or message_sudo.message_type not in CITIZEN_MESSAGE_TYPES
                or len(content or "") > MAX_REACTION_LENGTH
            ):
                raise NotFound()
        return super().mail_message_reaction(message_id, content, action, **kwargs)
