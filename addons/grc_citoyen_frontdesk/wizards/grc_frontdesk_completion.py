# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError


class GrcFrontdeskCompletion(models.TransientModel):
    """The front desk finishes what the citizen started online, with them
    at the desk: a saved démarche sent on their behalf, or an open request
    given the paper documents they brought and the answer to their
    question. Everything goes through the one intake and on the request's
    history; what the agent may not read (confidential services) they
    cannot open here either (record rules)."""

    _name = "grc.frontdesk.completion"
    _description = "Front desk: finish a démarche started online"

    draft_id = fields.Many2one(
        comodel_name="grc.citizen.draft", string="Saved démarche", readonly=True
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Request", readonly=True
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Citizen", readonly=True
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel",
        string="Finished through",
        required=True,
        default=lambda self: self.env.ref(
            "grc_citoyen.helpdesk_ticket_channel_front_desk",
            raise_if_not_found=False,
        ),
    )
    # A saved démarche: what the citizen typed, completed with them.
    request_type_id = fields.Many2one(
        comodel_name="grc.request.type", string="Démarche", readonly=True
    )
    draft_summary = fields.Text(string="Answers saved online", readonly=True)
    request_subject = fields.Char(string="Subject")
    request_description = fields.Text(string="Description")
    location_street = fields.Char(string="Street of the place")
    location_zip = fields.Char(string="Postal code of the place")
    location_city = fields.Char(string="City of the place")
    # Brought on paper, scanned at the desk.
    attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="grc_frontdesk_completion_attachment_rel",
        string="Documents brought (scanned)",
    )
    # An open request: the citizen's question, answered at the desk.
    citizen_question = fields.Char(string="Question of the citizen")
    answer = fields.Text(
        string="Answer given",
        help="Sent to the citizen on the request, as a message from the "
        "services, and kept on its history.",
    )
    result = fields.Html(readonly=True)
    print_receipt = fields.Boolean(
        string="Print a receipt",
        default=True,
        help="The receipt handed to the citizen: reference, date, service, "
        "documents received, how to follow the request.",
    )

    @api.model
    def _grc_open(self, draft=None, ticket=None, channel=None):
        """The completion screen of ``draft`` or ``ticket`` (read by the
        agent: record rules apply)."""
        values = {"channel_id": channel.id} if channel else {}
        if draft:
            draft.check_access("read")
            form = draft._grc_form_values()

            def text(key):
                return form.get(key) if isinstance(form.get(key), str) else False

            values.update(
                draft_id=draft.id,
                partner_id=draft.partner_id.id,
                request_type_id=draft.request_type_id.id,
                draft_summary=draft.summary,
                request_subject=text("name"),
                request_description=text("description"),
                location_street=text("location_street"),
                location_zip=text("location_zip"),
                location_city=text("location_city"),
            )
        elif ticket:
            ticket.check_access("read")
            values.update(ticket_id=ticket.id, partner_id=ticket.partner_id.id)
        wizard = self.create(values)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Finish at the front desk"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _grc_scanned_files(self):
        """The scanned files as uploads of the intake (screened there)."""
        return [
            (attachment.name, base64.b64decode(attachment.datas or b""), False)
            for attachment in self.attachment_ids
        ]

    def action_grc_send_draft(self):
        """Send the citizen's démarche, completed at the desk, through the
        one intake: started online (its channel), finished here."""
        self.ensure_one()
        draft = self.draft_id.exists()
        if not draft:
            raise UserError(
                self.env._(
                    "This démarche was sent or deleted meanwhile: look for "
                    "the request in the citizen's open requests."
                )
            )
        values = draft._grc_intake_values()
        values.update(
            {
                key: getattr(self, field) or False
                for key, field in (
                    ("name", "request_subject"),
                    ("description", "request_description"),
                    ("location_street", "location_street"),
                    ("location_zip", "location_zip"),
                    ("location_city", "location_city"),
                )
            }
        )
        values["attachments"] = values["attachments"] + self._grc_scanned_files()
        tickets = self.env["helpdesk.ticket"].with_context(
            grc_frontdesk_intake=True, mail_create_nosubscribe=True
        )
        try:
            ticket_sudo = tickets._grc_submit_request(values)
        except GrcIntakeError as error:
            raise UserError(
                self.env._(
                    "The démarche cannot be sent yet: %(errors)s",
                    errors=" ".join(error.errors.values()),
                )
            ) from error
        # sudo: the intake's request (the agent may not write on it).
        ticket_sudo.sudo().write(
            {
                "grc_completion_channel_id": self.channel_id.id,
                "grc_completion_user_id": self.env.user.id,
            }
        )
        started = draft.channel_id.name or "-"
        draft._grc_done(ticket_sudo)
        ticket_sudo.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Started by the citizen through %(started)s, finished with "
                "them through %(finished)s by %(agent)s.",
                started=started,
                finished=self.channel_id.name,
                agent=self.env.user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        self._grc_log_contact(ticket_sudo, ticket_sudo.name, outcome="request")
        return self._grc_done_action(
            self.env._(
                "Request %(ref)s sent for %(citizen)s (started online, "
                "finished at the desk).",
                ref=ticket_sudo.number,
                citizen=ticket_sudo.partner_id.name,
            ),
            ticket_sudo,
        )

    def action_grc_complete_request(self):
        """Add the documents brought, answer the citizen's question, log
        the contact: all on the open request's history."""
        self.ensure_one()
        ticket = self.ticket_id
        ticket.check_access("read")
        files = self._grc_scanned_files()
        answer = (self.answer or "").strip()
        if not files and not answer:
            raise UserError(
                self.env._("Add the documents brought or the answer given.")
            )
        if files:
            errors = ticket._grc_attachment_errors(files)
            if errors:
                raise UserError(" ".join(errors))
            # sudo: the citizen's documents, screened just above, on a request
            # the agent reads without the right to write on it.
            stored = ticket.sudo()._grc_add_intake_attachments(files)
            ticket._grc_frontdesk_log(
                self.env._(
                    "Documents brought by the citizen at the front desk: %(names)s",
                    names=", ".join(stored.mapped("name")),
                )
            )
        if answer:
            # sudo: same reason; the message is the services' answer, signed
            # by the agent, sent to the citizen by their channel.
            ticket.sudo().message_post(
                body=plaintext2html(answer),
                author_id=self.env.user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=ticket.partner_id.ids,
            )
        subject = (self.citizen_question or "").strip() or (
            self.env._("Documents brought") if files else ticket.name
        )
        self._grc_log_contact(ticket, subject, outcome="answered", notes=answer)
        return self._grc_done_action(
            self.env._("Request %(ref)s completed at the desk.", ref=ticket.number),
            ticket,
        )

    def _grc_log_contact(self, ticket, subject, outcome, notes=False):
        confidential = ticket.is_confidential
        self.env["grc.interaction"].create(
            {
                "name": self.env._("Confidential request") if confidential else subject,
                "partner_id": ticket.partner_id.id,
                "channel_id": self.channel_id.id,
                "team_id": not confidential and ticket.team_id.id,
                "ticket_id": not confidential and ticket.id,
                "notes": not confidential and notes,
                "outcome": outcome,
            }
        )

    def _grc_done_action(self, message, ticket):
        self.result = Markup("<p>%s</p>") % message
        # The scans now live on the request: the uploads are not kept twice.
        self.attachment_ids.unlink()
        console = (
            self.env["grc.frontdesk.console"]
            .browse(self.env.context.get("grc_frontdesk_console_id"))
            .exists()
        )
        if console:
            console.last_result = message
        # As the agent: the request filed may belong to a service whose
        # requests they may not read (then no receipt, the request stays).
        ticket = ticket.with_env(self.env)
        if self.print_receipt and ticket.has_access("read"):
            return ticket._grc_receipt_action()
        return {"type": "ir.actions.act_window_close"}
