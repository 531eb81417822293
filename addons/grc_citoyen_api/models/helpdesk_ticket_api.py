# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext, plaintext2html

from odoo.addons.grc_citoyen.models.mail_message import IDEMPOTENCY_INDEX
from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError, find_or_create

MOBILE_APP_CHANNEL = "grc_citoyen.helpdesk_ticket_channel_mobile_app"
CLOSED_STATES = ("resolved", "closed", "cancelled")
# Names of the intake values -> names of the API's fields.
API_FIELD_NAMES = {"attachments": "photos"}


class GrcIdempotencyConflict(UserError):
    """An idempotency key already used for another request or message."""


def _plain(html):
    """Text of a message body, whitespace folded, to compare two bodies."""
    return " ".join(html2plaintext(html or "").split())


class HelpdeskTicket(models.Model):
    """Requests as the mobile app's REST API sees them (routers/grc_api_v1.py):
    always those of one citizen, submitted through the common intake."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _grc_api_domain(self, partner, state="all"):
        """The citizen's own requests (``state``: open, closed or all)."""
        domain = [("partner_id", "child_of", partner.commercial_partner_id.ids)]
        if state == "open":
            domain += [
                "|",
                ("grc_state", "=", False),
                ("grc_state", "not in", CLOSED_STATES),
            ]
        elif state == "closed":
            domain += [("grc_state", "in", CLOSED_STATES)]
        return domain

    @api.model
    def _grc_api_get(self, request_id):
        """The request ``request_id`` if it is the current citizen's, read
        through their record rules; an empty recordset otherwise, whether it
        does not exist or is someone else's."""
        return self.search(
            [("id", "=", request_id)] + self._grc_api_domain(self.env.user.partner_id),
            limit=1,
        )

    @api.model
    def _grc_api_idempotency_key(self, user, key):
        # Keys are per account: a key sent by another citizen, guessed or
        # reused, never finds this citizen's request.
        return f"api:{user.id}:{key}"

    @api.model
    def _grc_api_submit(self, values, idempotency_key=None):
        """Submit a request for the current citizen from the mobile app.

        Return ``(request, replayed)``: a retry with the same idempotency key
        returns the request created the first time (``replayed`` True); the same
        key for another request type raises ``GrcIdempotencyConflict``.
        """
        user = self.env.user
        values = dict(
            values,
            partner_id=user.partner_id.id,
            channel=MOBILE_APP_CHANNEL,
            idempotency_key=False,
        )
        if idempotency_key:
            values["idempotency_key"] = self._grc_api_idempotency_key(
                user, idempotency_key
            )

        def check_replay(existing):
            if not self._grc_api_get(existing.id):
                # No longer the citizen's (moved to another citizen by an
                # agent): say nothing of it, not even its reference.
                raise GrcIdempotencyConflict(
                    self.env._(
                        "This idempotency key was already used: send your "
                        "request again with a new key."
                    )
                )
            if existing.request_type_id.id != values.get("request_type_id"):
                raise GrcIdempotencyConflict(
                    self.env._(
                        "This idempotency key was already used for another "
                        "request (%(reference)s).",
                        reference=existing.number,
                    )
                )

        try:
            return self._grc_intake(values, check_replay=check_replay)
        except GrcIntakeError as error:
            # Named as the API's fields.
            raise GrcIntakeError(
                {
                    API_FIELD_NAMES.get(key, key): msg
                    for key, msg in error.errors.items()
                }
            ) from error

    def _grc_api_post_message(self, body, attachments=None, idempotency_key=None):
        """The current citizen writes on their request (``self``, sudo, once
        their access has been checked) from the mobile app.

        Return ``(message, replayed)``. Same convention as ``_grc_api_submit``:
        a retry with the same idempotency key returns the message posted the
        first time (``replayed`` True); the same key with another text, other
        files or on another request raises ``GrcIdempotencyConflict``.
        """
        self.ensure_one()
        user = self.env.user
        attachments = attachments or []
        key = idempotency_key and self._grc_api_idempotency_key(user, idempotency_key)
        if not key:
            return self._grc_portal_post_message(
                user.partner_id, body, attachments
            ), False

        def post():
            message = self._grc_portal_post_message(user.partner_id, body, attachments)
            # sudo: citizens cannot write the key of a message.
            message.sudo().grc_idempotency_key = key
            return message

        messages = self.env["mail.message"]
        message, replayed = find_or_create(
            lambda: messages._grc_find_by_idempotency_key(key),
            post,
            IDEMPOTENCY_INDEX,
        )
        if replayed:
            return self._grc_api_replay_message(message, body, attachments), True
        return message, False

    def _grc_api_replay_message(self, message, body, attachments):
        """``message``, posted with the idempotency key sent again, if the
        retry is the same message on the same request; a conflict otherwise."""
        self.ensure_one()
        checksum = self.env["ir.attachment"]._compute_checksum
        same = (
            message.model == self._name
            and message.res_id == self.id
            and _plain(message.body)
            == _plain(plaintext2html((body or "").strip()) if body else "")
            and sorted(message.attachment_ids.mapped("checksum"))
            == sorted(checksum(data) for _name, data, _mimetype in attachments)
        )
        if not same:
            raise GrcIdempotencyConflict(
                self.env._(
                    "This idempotency key was already used for another message: "
                    "send your message again with a new key."
                )
            )
        return message

    @api.model
    def _grc_api_errors(self, values):
        """Per-field reasons to refuse ``values``, named as the API's fields."""
        values = dict(values, partner_id=self.env.user.partner_id.id)
        # sudo: the intake's checks read types and settings citizens cannot read.
        errors = self.sudo()._grc_intake_errors(values)
        return {
            API_FIELD_NAMES.get(key, key): message for key, message in errors.items()
        }
