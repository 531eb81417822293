# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

GRC_USER = "grc_citoyen.group_grc_frontdesk"


def copy_attachments(source, target):
    """The documents of a request or complaint, copied to what it became."""
    attachments = source.env["ir.attachment"].search(
        [("res_model", "=", source._name), ("res_id", "=", source.id)]
    )
    if attachments:
        attachments.copy({"res_model": target._name, "res_id": target.id})


class HelpdeskTicket(models.Model):
    """Requests know the complaints filed about them, can be escalated by a
    complaint about their delay, and can become a complaint."""

    _inherit = "helpdesk.ticket"

    reclamation_ids = fields.Many2many(
        comodel_name="grc.reclamation",
        relation="grc_reclamation_ticket_rel",
        column1="ticket_id",
        column2="reclamation_id",
        string="Complaints",
        copy=False,
        groups=GRC_USER,
    )
    reclamation_count = fields.Integer(
        compute="_compute_reclamation_count", groups=GRC_USER
    )

    @api.depends("reclamation_ids")
    def _compute_reclamation_count(self):
        for ticket in self:
            ticket.reclamation_count = len(ticket.reclamation_ids)

    def action_view_reclamations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_reclamations.grc_reclamation_action"
        )
        action["domain"] = [("ticket_ids", "in", self.ids)]
        action["context"] = self._grc_reclamation_defaults()
        return action

    def action_file_reclamation(self):
        """A new complaint about this request, its link kept."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New complaint"),
            "res_model": "grc.reclamation",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": self._grc_reclamation_defaults(),
        }

    def _grc_reclamation_defaults(self):
        return {
            "default_ticket_ids": self.ids,
            "default_partner_id": self.partner_id.id,
            "default_team_ids": self.team_id.ids,
            "default_channel_id": self.channel_id.id,
            "default_subject": self.env._(
                "About request %(number)s", number=self.number
            ),
        }

    def action_convert_to_reclamation(self):
        """It is really a complaint: create it without retyping and cancel
        the request, both chatters keeping the trace."""
        self.ensure_one()
        if self.grc_state in ("resolved", "closed", "cancelled"):
            raise UserError(self.env._("Only an open request can become a complaint."))
        reason = self.env.ref("grc_reclamations.grc_reclamation_reason_other")
        reclamation = self.env["grc.reclamation"].create(
            {
                "subject": self.name,
                "description": self.description,
                "partner_id": self.partner_id.id,
                "channel_id": self.channel_id.id,
                "received_date": self.received_date,
                "team_ids": [fields.Command.set(self.team_id.ids)],
                "reason_id": reason.id,
                "origin_ticket_id": self.id,
                "company_id": self.company_id.id,
            }
        )
        copy_attachments(self, reclamation)
        cancelled = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        self.stage_id = cancelled
        self.message_post(
            body=Markup(self.env._("Converted into complaint %(link)s."))
            % {"link": reclamation._get_html_link(reclamation.name)},
            subtype_xmlid="mail.mt_note",
        )
        reclamation.message_post(
            body=Markup(self.env._("Created from request %(link)s."))
            % {"link": self._get_html_link(self.number)},
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "grc.reclamation",
            "res_id": reclamation.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model
    def _grc_create_from_reclamation(self, reclamation):
        """The request a complaint really is, with its text and documents."""
        team = reclamation.responsible_team_id or reclamation.team_ids[:1]
        ticket = self.create(
            {
                "name": reclamation.subject,
                "description": reclamation.description,
                "partner_id": reclamation.partner_id.id,
                "channel_id": reclamation.channel_id.id,
                "received_date": reclamation.received_date,
                "team_id": team.id,
                "company_id": reclamation.company_id.id,
            }
        )
        copy_attachments(reclamation, ticket)
        ticket.message_post(
            body=Markup(self.env._("Created from complaint %(link)s."))
            % {"link": reclamation._get_html_link(reclamation.name)},
            subtype_xmlid="mail.mt_note",
        )
        return ticket

    def _grc_escalate_for_reclamation(self, reclamation):
        """A complaint about the delay of these open requests: priority raised,
        an activity for the service manager, a note on the request."""
        for ticket in self:
            ticket.priority = str(min(int(ticket.priority or 0) + 1, 3))
            manager = ticket.team_id.user_id
            if manager:
                ticket.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Complaint about the delay of this request"),
                    user_id=manager.id,
                )
            ticket.message_post(
                body=Markup(
                    self.env._(
                        "Complaint %(link)s filed about the delay of this request: "
                        "priority raised, service manager warned."
                    )
                )
                % {"link": reclamation._get_html_link(reclamation.name)},
                subtype_xmlid="mail.mt_note",
            )
