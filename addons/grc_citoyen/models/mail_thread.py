# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import codecs
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    # Records on which citizens write (requests, complaints): what they post
    # there by any other path than their portal pages may be checked against
    # the intake's rules (see grc_citoyen_hardening).
    _grc_citizen_chatter = False

    def _message_parse_extract_payload(
        self, message, message_dict, save_original=False
    ):
        """A text part in a charset Python does not know is read as UTF-8,
        unreadable bytes replaced, instead of failing the whole mail (and
        losing it)."""
        for part in message.walk():
            charset = part.get_param("charset") if not part.is_multipart() else None
            if not charset or not isinstance(charset, str):
                continue
            try:
                codecs.lookup(charset)
            except LookupError:
                _logger.info(
                    "Incoming mail %s: unknown charset %r read as UTF-8",
                    message.get("Message-Id"),
                    charset,
                )
                part.set_param("charset", "utf-8")
        return super()._message_parse_extract_payload(
            message, message_dict, save_original=save_original
        )

    @api.model
    def message_route(
        self, message, message_dict, model=None, thread_id=None, custom_values=None
    ):
        """Drop auto-replies and delivery reports sent to a service's alias.

        Odoo already drops real bounces; out-of-office answers and reports sent
        by other servers would otherwise file requests (and get acknowledged,
        looping with the sender's auto-responder).
        """
        routes = super().message_route(
            message,
            message_dict,
            model=model,
            thread_id=thread_id,
            custom_values=custom_values,
        )
        if not any(route[0] == "helpdesk.ticket" for route in routes):
            return routes
        if not self.env["helpdesk.ticket"]._grc_is_automatic_email(
            message, message_dict
        ):
            return routes
        _logger.info(
            "Ignored automatic mail from %s to %s with Message-Id %s: "
            "auto-reply or delivery report, no request filed",
            message_dict.get("email_from"),
            message_dict.get("to"),
            message_dict.get("message_id"),
        )
        return [route for route in routes if route[0] != "helpdesk.ticket"]
