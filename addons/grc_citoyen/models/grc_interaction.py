# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html


class GrcInteraction(models.Model):
    """A contact answered on the spot: recorded for the timeline and first-contact
    resolution statistics, without opening a request."""

    _name = "grc.interaction"
    _description = "Citizen interaction"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Citizen",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel", required=True, index=True
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Agent",
        default=lambda self: self.env.user,
        index=True,
    )
    team_id = fields.Many2one(comodel_name="helpdesk.ticket.team", string="Service")
    date = fields.Datetime(default=fields.Datetime.now, required=True, index=True)
    notes = fields.Text(string="Answer given")
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Request",
        index=True,
        tracking=True,
        help="Request opened from this contact, when it could not be answered "
        "on the spot.",
    )
    outcome = fields.Selection(
        selection=[
            ("answered", "Answered on the spot"),
            ("request", "Turned into a request"),
        ],
        compute="_compute_outcome",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="First-contact resolution: was the citizen answered at once, or did "
        "the contact need a request?",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company, index=True
    )
    is_confidential = fields.Boolean(
        string="Confidential contact",
        compute="_compute_is_confidential",
        store=True,
        index=True,
        help="Contact with a confidential service, or about a confidential "
        "request: visible only to the agents of that service.",
    )

    @api.depends("team_id.is_confidential", "ticket_id.is_confidential")
    def _compute_is_confidential(self):
        for interaction in self:
            interaction.is_confidential = (
                interaction.team_id.is_confidential
                or interaction.ticket_id.is_confidential
            )

    @api.depends("ticket_id")
    def _compute_outcome(self):
        for interaction in self:
            if interaction.ticket_id:
                interaction.outcome = "request"
            elif not interaction.outcome or interaction.outcome == "request":
                interaction.outcome = "answered"

    def _prepare_request_values(self):
        """Values of the request opened from this interaction."""
        self.ensure_one()
        return {
            "name": self.name,
            "description": plaintext2html(self.notes or self.name),
            "partner_id": self.partner_id.id,
            "channel_id": self.channel_id.id,
            "team_id": self.team_id.id,
            "received_date": self.date,
            "company_id": self.company_id.id or self.env.company.id,
        }

    def action_convert_to_request(self):
        """Open a request for the citizen from each interaction, in one click."""
        converted = self.filtered("ticket_id")
        if converted:
            raise UserError(
                self.env._(
                    "%(subject)s has already been turned into the request "
                    "%(number)s.",
                    subject=converted[0].name,
                    number=converted[0].ticket_id.number,
                )
            )
        tickets = self.env["helpdesk.ticket"].create(
            [interaction._prepare_request_values() for interaction in self]
        )
        for interaction, ticket in zip(self, tickets, strict=True):
            interaction.ticket_id = ticket
            interaction.message_post(
                body=self.env._(
                    "Turned into the request %(link)s.", link=ticket._get_html_link()
                ),
                subtype_xmlid="mail.mt_note",
            )
            ticket.message_post(
                body=self.env._(
                    "Opened from the interaction %(link)s (%(channel)s).",
                    link=interaction._get_html_link(),
                    channel=interaction.channel_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        if len(tickets) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "helpdesk.ticket",
                "res_id": tickets.id,
                "view_mode": "form",
            }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Requests"),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("id", "in", tickets.ids)],
        }
