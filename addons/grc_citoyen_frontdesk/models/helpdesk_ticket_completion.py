# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    """A request started on one channel and finished on another (online,
    then at the front desk): both are kept, the first as the request's
    channel, the second here."""

    _inherit = "helpdesk.ticket"

    grc_completion_channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel",
        string="Finished through",
        readonly=True,
        groups="base.group_user",
        copy=False,
        index="btree_not_null",
        help="The request was started on its channel and finished on this "
        "one (a citizen's online draft sent with an agent at the front desk).",
    )
    grc_completion_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Finished by",
        readonly=True,
        groups="base.group_user",
        copy=False,
    )

    def action_grc_frontdesk_complete(self):
        """From the console: what the citizen brings for this request."""
        self.ensure_one()
        if self.grc_state in ("closed", "cancelled"):
            raise UserError(
                self.env._(
                    "The request %(ref)s is closed: file a new one.", ref=self.number
                )
            )
        return self.env["grc.frontdesk.completion"]._grc_open(
            ticket=self, channel=self._grc_console_channel()
        )

    def _grc_console_channel(self):
        console = (
            self.env["grc.frontdesk.console"]
            .browse(self.env.context.get("grc_frontdesk_console_id"))
            .exists()
        )
        return console.channel_id or self.env.ref(
            "grc_citoyen.helpdesk_ticket_channel_front_desk"
        )

    def _grc_frontdesk_log(self, text):
        """An internal note on the request's history, written for the agent
        at the desk (who may read the request but not write on it)."""
        self.ensure_one()
        self.check_access("read")
        # sudo: the front desk reads the request (checked above) without the
        # right to write on it; the note is signed with the agent's name.
        self.sudo().message_post(
            body=Markup("<p>%s</p>") % text,
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )

    def _grc_receipt_action(self):
        """The receipt to hand over, for the agent at the desk (who reads
        the request: a confidential one of another service is refused)."""
        self.ensure_one()
        self.check_access("read")
        action = self.env.ref(
            "grc_citoyen_frontdesk.action_report_grc_request_receipt"
        ).report_action(self.ids)
        action["close_on_report_download"] = True
        return action

    def action_grc_print_receipt(self):
        return self._grc_receipt_action()
