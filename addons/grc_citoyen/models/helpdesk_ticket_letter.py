# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models
from odoo.exceptions import UserError

from .helpdesk_ticket_stage_notification import LETTER_KINDS

_logger = logging.getLogger(__name__)

LETTER_REPORT = "grc_citoyen.action_report_grc_request_letter"


class HelpdeskTicket(models.Model):
    """Letters to citizens who prefer post, and letters received by post."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Outgoing letters
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
        """Generate the letter ``kind`` and post it on the chatter, where the
        mail room finds it to print and send. Returns the attachment.

        A letter that cannot be generated must not undo what caused it (a
        stage change, a new request): the agent is told on the chatter and
        prints it from the request later.
        """
        self.ensure_one()
        data = {"kind": kind}
        if message:
            data["message_id"] = message.id
        kind_label = dict(LETTER_KINDS).get(kind, kind)
        ticket = self.sudo()
        try:
            with self.env.cr.savepoint():
                content, report_format = (
                    self.env["ir.actions.report"]
                    .sudo()
                    ._render_qweb_pdf(LETTER_REPORT, ticket.ids, data=data)
                )
        except UserError as error:
            _logger.info("Letter %s of %s not generated: %s", kind, self.number, error)
            ticket.message_post(
                body=self.env._(
                    "The letter (%(kind)s) could not be generated: print it from "
                    "the request. %(error)s",
                    kind=kind_label,
                    error=error,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            return self.env["ir.attachment"]
        filename = f"{kind_label} - {self.number}.{report_format}"
        message = ticket.message_post(
            body=self.env._(
                "Letter to print and send: %(kind)s, to %(citizen)s.",
                kind=kind_label,
                citizen=self.partner_id.display_name,
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachments=[(filename, content)],
        )
        return message.attachment_ids

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
    # Back-office intake (letters registered by an agent)
    # ------------------------------------------------------------------

    @api.model
    def _grc_intake_errors(self, values):
        """Agents may register a request of a type not offered online (a
        letter asks for whatever it wants)."""
        errors = super()._grc_intake_errors(values)
        if (
            "request_type_id" in errors
            and self.env.context.get("grc_backoffice_intake")
            and values.get("request_type_id")
        ):
            request_type = (
                self.env["grc.request.type"]
                .sudo()
                .browse(int(values["request_type_id"]))
                .exists()
            )
            if request_type.active:
                errors.pop("request_type_id")
        return errors

    @api.model
    def _grc_intake_ticket_values(self, values, partner, company):
        """A letter registered days after it arrived keeps its arrival date."""
        vals = super()._grc_intake_ticket_values(values, partner, company)
        if values.get("received_date"):
            vals["received_date"] = values["received_date"]
        return vals
