# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketTeam(models.Model):
    """A public service is a helpdesk team; directions are parent teams."""

    _inherit = "helpdesk.ticket.team"
    _description = "Service"

    # A service is a helpdesk team: name helpdesk's fields the way a town hall does.
    user_id = fields.Many2one(string="Manager")
    user_ids = fields.Many2many(string="Agents")
    parent_id = fields.Many2one(string="Direction")
    ticket_ids = fields.One2many(string="Requests")
    todo_ticket_count = fields.Integer(string="Open requests")
    todo_ticket_count_unassigned = fields.Integer(string="Unassigned requests")
    todo_ticket_count_unattended = fields.Integer(string="Unattended requests")
    todo_ticket_count_high_priority = fields.Integer(string="High-priority requests")
    ticket_properties = fields.PropertiesDefinition(string="Request properties")
    code = fields.Char(help="Short code of the service, used in reports and exports.")
    is_direction = fields.Boolean(
        string="Is a direction",
        help="A direction groups services; requests go to services, not directions.",
    )
    resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working hours",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Opening hours and holidays used to count deadlines in working time.",
    )
    is_confidential = fields.Boolean(
        string="Confidential service",
        help="Requests of this service are visible only to its own members "
        "(social services, for example).",
    )
    contact_phone = fields.Char(
        help="Phone number given to citizens in letters and mails."
    )
    contact_email = fields.Char(help="Contact e-mail given to citizens.")
    address = fields.Text(help="Address where citizens are received.")
    member_count = fields.Integer(
        string="Number of agents", compute="_compute_member_count"
    )
    grc_unassigned_manual_count = fields.Integer(
        string="Waiting for a hand assignment",
        compute="_compute_grc_unassigned_counts",
        help="Open requests without an agent in a service that assigns by hand.",
    )
    grc_unassigned_no_agent_count = fields.Integer(
        string="No agent available",
        compute="_compute_grc_unassigned_counts",
        help="Open requests no agent could take (away, unavailable or at "
        "capacity) when they were assigned.",
    )

    def _compute_grc_unassigned_counts(self):
        counts = {
            (team.id, reason): count
            for team, reason, count in self.env["helpdesk.ticket"]._read_group(
                [
                    ("team_id", "in", self.ids),
                    ("grc_unassigned_reason", "!=", False),
                ],
                ["team_id", "grc_unassigned_reason"],
                ["__count"],
            )
        }
        for team in self:
            team.grc_unassigned_manual_count = counts.get((team.id, "manual"), 0)
            team.grc_unassigned_no_agent_count = counts.get((team.id, "no_agent"), 0)

    @api.depends("name")
    @api.depends_context("grc_service_short_name")
    def _compute_display_name(self):
        """Lists of requests name the service alone: its direction would hide
        it in a narrow column."""
        res = super()._compute_display_name()
        if self.env.context.get("grc_service_short_name"):
            for team in self:
                team.display_name = team.name
        return res

    @api.depends("user_ids")
    def _compute_member_count(self):
        for team in self:
            team.member_count = len(team.user_ids)

    assignment_mode = fields.Selection(
        selection=[
            ("manual", "Manual"),
            ("round_robin", "Round robin"),
            ("least_loaded", "Least loaded"),
        ],
        default="manual",
        required=True,
        help="How new requests of the service get an agent. Manual: they wait in "
        "the service queue. Round robin: each available agent in turn. Least "
        "loaded: the available agent with the lightest open workload (weighted "
        "by priority). Agents on leave, marked unavailable or at capacity are "
        "skipped.",
    )
    agent_capacity = fields.Integer(
        string="Open requests per agent",
        default=0,
        help="An agent with this many open requests gets no new one "
        "automatically. An agent's own capacity, when set, wins. 0: no limit.",
    )

    @api.constrains("agent_capacity")
    def _check_agent_capacity(self):
        for team in self:
            if team.agent_capacity < 0:
                raise ValidationError(
                    self.env._(
                        "The capacity of the agents of %(team)s cannot be negative "
                        "(0 means no limit).",
                        team=team.display_name,
                    )
                )
