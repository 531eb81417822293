# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup, escape

from odoo import fields, models
from odoo.exceptions import UserError


class GrcRequestDocument(models.Model):
    """A supporting document of a request: what the checklist asked
    (copied, so that it reads the same whatever the checklist becomes), the
    file sent and what the agent made of it. "To be replaced" asks the
    citizen for another file, by their channel; the citizen sends it from
    the portal."""

    _name = "grc.request.document"
    _description = "Supporting document of a request"
    _order = "ticket_id, sequence, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True, readonly=True
    )
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Citizen")
    document_id = fields.Many2one(
        "grc.form.document", string="Checklist item", ondelete="set null", readonly=True
    )
    sequence = fields.Integer(readonly=True)
    name = fields.Char(string="Document", required=True, readonly=True)
    attachment_id = fields.Many2one(
        "ir.attachment", string="File", readonly=True, ondelete="set null"
    )
    state = fields.Selection(
        [
            ("received", "Received, to check"),
            ("valid", "Valid"),
            ("to_replace", "To be replaced"),
        ],
        default="received",
        required=True,
        readonly=True,
    )
    refusal_reason = fields.Char(
        string="Why it must be replaced",
        help="Told to the citizen: what is wrong with the file sent.",
    )
    replaced_count = fields.Integer(string="Times replaced", readonly=True)

    def action_grc_download(self):
        """The file as the citizen sent it, downloaded by the agent's browser
        (Odoo's /web/content checks the agent may read the request's file)."""
        self.ensure_one()
        if not self.attachment_id:
            raise UserError(self.env._("No file was sent for this document yet."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "new",
        }

    def action_grc_valid(self):
        self.write({"state": "valid", "refusal_reason": False})
        return True

    def action_grc_to_replace(self):
        """Ask the citizen for another file, on the request's thread: the
        message reaches them by their channel (e-mail, or the channels of
        feature addons: SMS, letter) and shows on their portal."""
        for document in self:
            if not (document.refusal_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Say why %(name)s must be replaced: the citizen reads it.",
                        name=document.name,
                    )
                )
            document.state = "to_replace"
            ticket = document.ticket_id
            body = Markup("<p>%s</p><p>%s</p><p>%s</p>") % (
                self.env._(
                    "The document %(name)s you sent cannot be accepted.",
                    name=document.name,
                ),
                escape(document.refusal_reason),
                self.env._(
                    "Please send another one from your request's page "
                    '(section "Supporting documents").'
                ),
            )
            ticket.message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=ticket.partner_id.ids,
            )
        return True

    def _grc_replace(self, upload):
        """The citizen's new file (screened by the caller) replaces the one
        refused; the old one stays on the request, for the record."""
        self.ensure_one()
        if self.state != "to_replace":
            raise UserError(self.env._("This document does not need replacing."))
        ticket = self.ticket_id
        attachment = ticket._grc_add_intake_attachments([upload])
        self.write(
            {
                "attachment_id": attachment.id,
                "state": "received",
                "replaced_count": self.replaced_count + 1,
            }
        )
        ticket.message_post(
            body=self.env._(
                "The citizen sent a new file for %(name)s.", name=self.name
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
            attachment_ids=attachment.ids,
        )
        return attachment
