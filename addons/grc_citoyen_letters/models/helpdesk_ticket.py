# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError

from .helpdesk_ticket_stage import LETTER_KINDS

LETTER_REPORT = "grc_citoyen_letters.action_report_grc_request_letter"


class HelpdeskTicket(models.Model):
    """Letters to the citizens who prefer post, or who cannot be reached
    otherwise: the "post" channel of the core's notifications. Letters are
    PDF files posted on the request's chatter for the mail room to print and
    send."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Letters
    # ------------------------------------------------------------------

    def _grc_letter_default_kind(self):
        """The letter an agent most likely wants to print at this status."""
        self.ensure_one()
        return {
            "waiting": "information",
            "resolved": "answer",
            "closed": "closure",
            "cancelled": "cancellation",
        }.get(self.grc_state, "acknowledgement")

    def _grc_post_letter(self, kind, message=None):
        """Queue the letter ``kind``: it is generated after the commit and
        posted on the chatter, where the mail room finds it to print and send
        (``grc.letter``). The agent's click never waits for the PDF."""
        self.ensure_one()
        # sudo: a letter is the system's work, also when a citizen's filing
        # triggers it; nobody but the administrators reads the queue.
        return self.env["grc.letter"].sudo()._grc_queue(self, kind, message=message)

    def _grc_render_letter(self, kind, message=None):
        """Generate the letter ``kind`` and post it on the chatter. Returns
        the attachment; raises when the PDF cannot be made."""
        self.ensure_one()
        data = {"kind": kind}
        if message:
            data["message_id"] = message.id
        kind_label = dict(LETTER_KINDS).get(kind, kind)
        # sudo: a letter is the system's work, also when a citizen's filing triggers
        # it; citizens may neither render reports nor post notes.
        ticket = self.sudo()
        content, report_format = (
            self.env["ir.actions.report"]
            .sudo()  # sudo: as the ticket above
            ._render_qweb_pdf(LETTER_REPORT, ticket.ids, data=data)
        )
        filename = f"{kind_label} - {self.number}.{report_format}"
        posted = ticket.message_post(
            body=self.env._(
                "Letter to print and send: %(kind)s, to %(citizen)s.",
                kind=kind_label,
                citizen=self.partner_id.display_name,
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachments=[(filename, content)],
        )
        return posted.attachment_ids[:1]

    def _grc_letter_failed(self, kind, error):
        """A letter that cannot be generated must not undo what caused it (a
        stage change, a new request): the agent is told on the chatter and
        prints it from the request."""
        self.ensure_one()
        # sudo: as for the letter itself, the system's note.
        self.sudo().message_post(
            body=self.env._(
                "The letter (%(kind)s) could not be generated: print it from "
                "the request. %(error)s",
                kind=dict(LETTER_KINDS).get(kind, kind),
                error=error,
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def action_grc_print_letter(self):
        """Print the letter matching the request's status."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                self.env._(
                    "Request %(ref)s has no citizen yet: choose one, the letter "
                    "is addressed to them.",
                    ref=self.number,
                )
            )
        return self.env.ref(LETTER_REPORT).report_action(
            self, data={"kind": self._grc_letter_default_kind()}
        )

    # ------------------------------------------------------------------
    # Hooks of the core's notifications
    # ------------------------------------------------------------------

    def _grc_contact_channels(self):
        # Citizens who prefer post get letters instead of e-mails; citizens
        # who cannot be reached electronically get them too. Letters need the
        # citizen's consent and a postal address.
        channels = super()._grc_contact_channels()
        partner = self.partner_id
        if not partner:
            return channels
        prefers_post = partner.preferred_channel == "post"
        if prefers_post:
            channels.discard("email")
        if (
            partner.consent_post
            and partner.street
            and partner.city
            and (prefers_post or not channels)
        ):
            channels.add("post")
        return channels

    def _grc_acknowledgement_channels(self):
        send = super()._grc_acknowledgement_channels()
        if "post" in self._grc_contact_channels():
            send.add("post")
        return send

    def _grc_acknowledgement_plan(self):
        send, marks = super()._grc_acknowledgement_plan()
        if "post" in send:
            # The letter carries the mentions of both acknowledgements.
            marks = dict(marks, ack_receipt_date=marks["ack_registration_date"])
        return send, marks

    def _grc_acknowledge_on_channels(self, channels):
        res = super()._grc_acknowledge_on_channels(channels)
        if "post" in channels:
            self._grc_post_letter("acknowledgement")
        return res

    def _grc_acknowledge_receipt_on_channels(self, channels):
        if super()._grc_acknowledge_receipt_on_channels(channels):
            return True
        if "post" in channels:
            self._grc_post_letter("acknowledgement")
            return True
        return False

    def _grc_notify_stage(self):
        res = super()._grc_notify_stage()
        kind = self.stage_id.grc_letter_kind
        if kind and "post" in self._grc_contact_channels():
            self._grc_post_letter(kind)
        return res

    def _grc_forward_answer(self, message):
        # A citizen who reads no e-mail gets the message itself by letter.
        res = super()._grc_forward_answer(message)
        channels = self._grc_contact_channels()
        if "email" not in channels and "post" in channels:
            self._grc_post_letter("message", message=message)
        return res
