# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import email_normalize, plaintext2html

from .helpdesk_ticket_intake import MAX_DESCRIPTION_LENGTH


class HelpdeskTicket(models.Model):
    """What citizens see and do on their requests, on the portal and on the
    follow-up page without an account."""

    _inherit = "helpdesk.ticket"
    # Citizens write here: see mail.thread._grc_citizen_chatter.
    _grc_citizen_chatter = True

    # ------------------------------------------------------------------
    # Citizen portal
    # ------------------------------------------------------------------
    # What a citizen sees and does on their request (/my/requests/<id>,
    # /suivi). Records arrive sudo-ed from the controllers once access has
    # been checked, so each method states what the citizen may see.

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/my/requests/{ticket.id}"
        return res

    def _grc_portal_timeline(self):
        """Public history of the request, oldest first: messages exchanged
        with the citizen (internal notes excluded) and status changes."""
        self.ensure_one()
        # sudo: citizens cannot read messages; the domain keeps the public ones.
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("message_type", "in", ("comment", "email")),
                ]
                + self.env["mail.message"]._get_search_domain_share(),
                order="date, id",
            )
        )
        # sudo: citizens cannot read tracking values; this request's stages only.
        trackings = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", self._name),
                    ("mail_message_id.res_id", "=", self.id),
                    ("field_id.name", "=", "stage_id"),
                    ("field_id.model", "=", self._name),
                ]
            )
        )
        events = [{"date": self.received_date or self.create_date, "kind": "received"}]
        events += [
            {"date": tracking.mail_message_id.date, "kind": "status", "status": name}
            for tracking in trackings
            if (name := tracking.new_value_char)
        ]
        events += [
            {
                "date": message.date,
                "kind": "message",
                "message": message,
                "from_citizen": message.author_id == self.partner_id,
            }
            for message in messages
        ]
        return sorted(events, key=lambda event: event["date"])

    def _grc_portal_attachments(self):
        """Files the citizen may download: those they sent with the request
        and those of public messages; never those of internal notes, nor
        files an agent attached to the request without sending them."""
        self.ensure_one()
        # sudo: citizens cannot read messages; internal ones are filtered out.
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("attachment_ids", "!=", False),
                ]
            )
        )
        internal = messages.filtered(
            lambda m: m.is_internal or not m.subtype_id or m.subtype_id.internal
        )
        # sudo: citizens cannot read the request's files; notes' ones are removed.
        public = (
            self.sudo().grc_citizen_attachment_ids
            | (messages - internal).attachment_ids
        ) - internal.attachment_ids
        public = public.filtered(
            lambda a: a.res_model == self._name and a.res_id == self.id
        ).sorted("id")
        for attachment in public.filtered(lambda a: not a.access_token):
            attachment.generate_access_token()
        return public

    def _grc_portal_post_message(self, author, body, attachments=None):
        """The citizen writes to the service (and may add files)."""
        self.ensure_one()
        body = (body or "").strip()
        attachments = attachments or []
        if not body and not attachments:
            raise ValidationError(self.env._("Write a message or attach a file."))
        if len(body) > MAX_DESCRIPTION_LENGTH:
            raise ValidationError(
                self.env._(
                    "The message is too long (%(max)s characters at most).",
                    max=MAX_DESCRIPTION_LENGTH,
                )
            )
        errors = self._grc_attachment_errors(attachments)
        if errors:
            raise ValidationError(" ".join(errors))
        # sudo: citizens cannot post on requests; body and files checked above.
        return self.sudo().message_post(
            body=plaintext2html(body) if body else "",
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[
                (self._grc_clean_text(name) or "file", data)
                for name, data, _mimetype in attachments
            ],
        )

    def _grc_portal_can_cancel(self):
        self.ensure_one()
        return self.grc_state in ("new", "qualified")

    def _grc_portal_cancel(self):
        """Cancelled by the citizen, while nobody has started working on it."""
        self.ensure_one()
        if not self._grc_portal_can_cancel():
            raise ValidationError(
                self.env._("This request can no longer be cancelled online.")
            )
        return self.action_grc_cancel()

    def _grc_portal_close(self, stage):
        """The signed-in citizen closes their own request (helpdesk_mgmt's
        /ticket/close): the stage moves to one citizens may choose, and
        nothing else is written.

        Called as the citizen, never sudo-ed: reading the request is not
        enough (a follower, a contact in copy of a mail, reads it too); the
        caller must be the request's citizen or their representative.
        Raises AccessError (not theirs) or ValidationError (stage refused).
        """
        self.ensure_one()
        self.check_access("read")
        partner = self.env.user.partner_id
        # sudo: who filed the request and for whom, once it is readable.
        ticket_sudo = self.sudo()
        public = self.env.user._is_public()
        if public or not ticket_sudo._grc_portal_acts_for_citizen(partner):
            raise AccessError(self.env._("Only its citizen may close this request."))
        if stage not in ticket_sudo._grc_portal_close_stages():
            raise ValidationError(
                self.env._("This request cannot be moved to this stage online.")
            )
        # sudo: citizens have no write right on requests; the one value
        # written is the stage checked above.
        ticket_sudo.write({"stage_id": stage.id})
        return True

    def _grc_portal_acts_for_citizen(self, partner):
        """Whether ``partner`` may act on the portal as the request's citizen
        (hook: an addon adds whoever files requests on the citizen's behalf)."""
        self.ensure_one()
        return partner.commercial_partner_id == self.partner_id.commercial_partner_id

    def _grc_portal_can_reopen(self):
        """The citizen may reopen within the company's reopen window."""
        self.ensure_one()
        if self.grc_state not in ("resolved", "closed"):
            return False
        deadline = self._grc_reopen_deadline()
        return bool(deadline and fields.Datetime.now() <= deadline)

    def _grc_portal_reopen(self):
        """Reopened by the citizen within the reopen window."""
        self.ensure_one()
        if not self._grc_portal_can_reopen():
            raise ValidationError(
                self.env._("This request can no longer be reopened online.")
            )
        return self.action_grc_reopen()

    @api.model
    def _grc_find_for_tracking(self, reference, email):
        """The request of this reference when the e-mail is its citizen's;
        otherwise nothing, without telling which of the two was wrong."""
        reference = self._grc_clean_text(reference).upper()
        email = email_normalize(email or "")
        # sudo: a /suivi visitor cannot read requests; reference and e-mail must match.
        if not reference or not email:
            return self.sudo().browse()
        ticket = self.sudo().search([("number", "=", reference)], limit=1)
        emails = {
            email_normalize(address or "")
            for address in (ticket.partner_id.email, ticket.partner_email)
        }
        # sudo: no match: empty, in the same superuser env as a found request.
        return ticket if ticket and email in emails else self.sudo().browse()
