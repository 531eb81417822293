# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class GrcSlaEscalation(models.Model):
    """One alert raised by the service level cron on a request.

    A request gets at most one record per kind: the cron looks here before
    notifying, so running it every few minutes never repeats an alert.
    """

    _name = "grc.sla.escalation"
    _description = "Service level escalation"
    _order = "date desc, id desc"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Request",
        required=True,
        ondelete="cascade",
        index=True,
    )
    kind = fields.Selection(
        selection=[
            ("at_risk", "At risk"),
            ("breached", "Deadline missed"),
            ("implicit_decision", "Implicit decision near"),
        ],
        required=True,
        index=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    deadline = fields.Datetime(help="The deadline of the request when it was raised.")
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team", string="Service", index=True
    )
    user_id = fields.Many2one(comodel_name="res.users", string="Agent notified")
    manager_id = fields.Many2one(comodel_name="res.users", string="Manager notified")
    reassigned = fields.Boolean(
        string="Reassigned to the manager",
        help="The service escalates breaches: the request went to its manager.",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "ticket_kind_uniq",
            "unique(ticket_id, kind)",
            "A request is escalated only once for the same reason.",
        ),
    ]
