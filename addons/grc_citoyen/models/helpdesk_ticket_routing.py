# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import create_index, plaintext2html


class HelpdeskTicket(models.Model):
    """Routing and assignment of requests: the engines are called from here only."""

    _inherit = "helpdesk.ticket"

    # Moves between services are part of the request's history.
    team_id = fields.Many2one(tracking=True)
    routing_rule_id = fields.Many2one(
        comodel_name="grc.routing.rule",
        string="Routing rule",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
        help="Rule that sent the request to its service.",
    )
    routing_origin = fields.Selection(
        selection=[
            ("intake", "Chosen at intake"),
            ("rule", "Routing rule"),
            ("request_type", "Default of the request type"),
            ("triage", "Triage service"),
            ("transfer", "Transfer"),
            ("none", "No service found"),
        ],
        string="Routed by",
        readonly=True,
        copy=False,
    )
    routing_trace = fields.Text(
        readonly=True, copy=False, help="Why the request went to its service."
    )
    assignment_trace = fields.Text(
        readonly=True, copy=False, help="Why the request went to its agent."
    )
    team_assignment_mode = fields.Selection(related="team_id.assignment_mode")
    grc_unassigned_reason = fields.Selection(
        selection=[
            ("manual", "The service assigns by hand"),
            ("no_agent", "No agent available"),
        ],
        string="Why unassigned",
        compute="_compute_grc_unassigned_reason",
        store=True,
        index="btree_not_null",
        help="Why an open request of a service has no agent: its service "
        "assigns by hand, or every agent was away, unavailable or at capacity "
        "(the assignment's trace names them).",
    )
    # Stored so that the open requests can be indexed apart (see init).
    closed = fields.Boolean(store=True)

    @api.model
    def _grc_precomputed_fields(self):
        # Decided by the assignment step (30), before the values are completed.
        return super()._grc_precomputed_fields() + ["grc_unassigned_reason"]

    @api.depends("user_id", "team_id.assignment_mode", "closed")
    def _compute_grc_unassigned_reason(self):
        for ticket in self:
            if ticket.user_id or ticket.closed or not ticket.team_id:
                ticket.grc_unassigned_reason = False
            elif ticket.team_id.assignment_mode == "manual":
                ticket.grc_unassigned_reason = "manual"
            else:
                ticket.grc_unassigned_reason = "no_agent"

    def init(self):
        res = super().init()
        # The assignment engine counts each agent's open requests: a partial
        # index holds only those, with their priority, so that the count reads
        # the index alone and does not grow with the closed requests of the
        # past years. It replaces an index on (user_id, stage_id) that led to
        # every request the agent ever had.
        self.env.cr.execute(
            "DROP INDEX IF EXISTS helpdesk_ticket_user_id_stage_id_index"
        )
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS helpdesk_ticket_open_user_id_index
            ON helpdesk_ticket (user_id) INCLUDE (priority)
            WHERE user_id IS NOT NULL AND active AND closed IS NOT TRUE
            """
        )
        # An agent's list: the open requests of a service by deadline, as the
        # ORM writes "closed = False" (IS NULL OR = FALSE), in the list's
        # order, so that the first 80 rows are the first 80 index entries
        # (not the oldest deadlines of the closed requests thrown away).
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS helpdesk_ticket_open_team_deadline_index
            ON helpdesk_ticket (team_id, grc_sla_deadline, priority DESC, id)
            WHERE closed IS NULL OR closed = FALSE
            """
        )
        # In round robin, the engine looks for the last request a service assigned.
        create_index(
            self.env.cr,
            "helpdesk_ticket_team_id_assigned_date_index",
            self._table,
            ["team_id", "assigned_date", "id"],
        )
        return res

    @api.model
    def _add_missing_default_values(self, values):
        defaults = super()._add_missing_default_values(values)
        # Nobody assigned and no default agent: say so, rather than leave
        # helpdesk's _compute_user_id to find it out by reading the new row
        # back from the database (one query per request).
        defaults.setdefault("user_id", False)
        return defaults

    @api.model
    def _grc_request_steps(self):
        return super()._grc_request_steps() + [
            (20, "_grc_route_step"),
            (30, "_grc_assign_step"),
        ]

    def _grc_after_create(self):
        res = super()._grc_after_create()
        self._grc_notify_unassigned()
        return res

    # ---------------------------------------------------
    # Routing and assignment
    # ---------------------------------------------------

    @api.model
    def _grc_route_step(self, vals_list):
        for vals in vals_list:
            self._grc_route_values(vals)

    def _grc_route_values(self, vals):
        """Choose the service of a new request that has none."""
        if vals.get("team_id") or self.env.context.get("default_team_id"):
            vals.setdefault("routing_origin", "intake")
            return
        engine = self.env["grc.routing.engine"]
        team, rule, trace = engine._route(vals)
        vals.update(
            team_id=team.id or False,
            routing_rule_id=rule.id or False,
            routing_origin=engine._routing_origin(team, rule, vals),
            routing_trace=trace,
        )
        if rule:
            vals.update(self._grc_rule_values(rule, vals))

    @api.model
    def _grc_rule_values(self, rule, current):
        """Priority and tags a rule gives to a request (never lowering it)."""
        # Read from the compiled rules when the rule is active: no query.
        compiled = self.env["grc.routing.engine"]._compiled_rule(rule.id)
        if compiled:
            rule_priority, rule_tag_ids = compiled.priority, list(compiled.tag_ids)
        else:
            rule = rule.sudo()  # whoever files the request, portal users included
            rule_priority, rule_tag_ids = rule.priority, rule.tag_ids.ids
        values = {}
        priority = current.get("priority") or "1"
        if rule_priority and rule_priority > priority:
            values["priority"] = rule_priority
        if rule_tag_ids:
            tags = current.get("tag_ids") or []
            if isinstance(tags, list | tuple) and all(isinstance(t, int) for t in tags):
                tags = [Command.set(list(tags))] if tags else []
            elif isinstance(tags, models.BaseModel):
                tags = [Command.set(tags.ids)]
            values["tag_ids"] = list(tags) + [
                Command.link(tag_id) for tag_id in rule_tag_ids
            ]
        return values

    @api.model
    def _grc_assign_step(self, vals_list):
        """Choose the agents of the new requests whose service assigns them,
        the whole batch at once."""
        todo = []
        for vals in vals_list:
            if vals.get("user_id") or self.env.context.get("default_user_id"):
                continue
            # sudo: a citizen's intake cannot read the service's settings.
            team = self.env["helpdesk.ticket.team"].sudo().browse(vals.get("team_id"))
            if not team:
                continue
            if team.assignment_mode == "manual":
                vals.setdefault(
                    "assignment_trace",
                    self.env._(
                        "%(team)s assigns its requests by hand: the request "
                        "waits in the service's queue for its manager or an "
                        "agent to take it.",
                        team=team.name,
                    ),
                )
                if vals.get("routing_origin") != "intake":
                    # A routed request waits in the queue of its service: it
                    # must not default to whoever typed it in (helpdesk's
                    # auto-assign).
                    vals["user_id"] = False
                continue
            todo.append((vals, team))
        if not todo:
            return
        chosen = self.env["grc.assignment.engine"]._assign_batch(
            [(team, vals.get("priority") or "1") for vals, team in todo]
        )
        for (vals, __), (user, trace) in zip(todo, chosen, strict=True):
            vals.update(user_id=user.id or False, assignment_trace=trace)

    def _grc_notify_unassigned(self):
        """The manager of a service hears of requests nobody could take."""
        # sudo: the author may not read the manager nor give them activities.
        for ticket in self.sudo():
            team = ticket.team_id
            if ticket.user_id or not team or team.assignment_mode == "manual":
                continue
            if team.user_id:
                ticket.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=team.user_id.id,
                    summary=self.env._("No agent available"),
                    note=plaintext2html(ticket.assignment_trace or ""),
                )

    def _grc_routing_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "description": self.description,
            "request_type_id": self.request_type_id,
            "category_id": self.category_id,
            "channel_id": self.channel_id,
            "company_id": self.company_id,
            "location_zip": self.location_zip,
            "location_city": self.location_city,
            "location_district": self.location_district,
            "priority": self.priority,
        }

    def _grc_run_assignment(self):
        """Assign again within the current service; return the chatter line."""
        self.ensure_one()
        team = self.team_id
        if team.assignment_mode == "manual":
            trace = self.env._("%(team)s assigns its requests by hand.", team=team.name)
            vals = {"assignment_trace": trace}
            if self.user_id and self.user_id not in team.user_ids:
                vals["user_id"] = False
            self.write(vals)
            return trace
        user, trace = self.env["grc.assignment.engine"]._assign(team, self.priority)
        self.write({"user_id": user.id or False, "assignment_trace": trace})
        if not user:
            self._grc_notify_unassigned()
        return trace

    def _grc_post_note(self, *lines):
        body = Markup("").join(Markup("<p>%s</p>") % line for line in lines if line)
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def action_grc_reroute(self):
        """Run the routing rules again; move the request if they say so."""
        self.check_access("write")
        engine = self.env["grc.routing.engine"]
        # sudo: the agent may write these (checked above) but not read all rules.
        for ticket in self.sudo():
            values = ticket._grc_routing_values()
            team, rule, trace = engine._route(values)
            old_team = ticket.team_id
            if not team or team == old_team:
                ticket.write(
                    {
                        "routing_rule_id": rule.id or ticket.routing_rule_id.id,
                        "routing_trace": trace,
                    }
                )
                ticket._grc_post_note(
                    self.env._(
                        "Re-routing keeps the request in %(team)s.",
                        team=old_team.display_name or self.env._("no service"),
                    ),
                    trace,
                )
                continue
            vals = {
                "team_id": team.id,
                "routing_rule_id": rule.id or False,
                "routing_origin": engine._routing_origin(team, rule, values),
                "routing_trace": trace,
            }
            if rule:
                vals.update(
                    ticket._grc_rule_values(rule, {"priority": ticket.priority})
                )
            ticket.write(vals)
            assignment = ticket._grc_run_assignment()
            ticket._grc_post_note(
                self.env._(
                    "Re-routed from %(old)s to %(new)s.",
                    old=old_team.display_name or self.env._("no service"),
                    new=team.display_name,
                ),
                trace,
                assignment,
            )
        return True

    def action_grc_reassign(self):
        """Run the assignment of the service again (agent away, overloaded...)."""
        self.check_access("write")
        # sudo: the agent may write these (checked above) but not read all members.
        for ticket in self.sudo():
            if not ticket.team_id:
                raise UserError(
                    self.env._(
                        "Request %(request)s has no service: route it first.",
                        request=ticket.display_name,
                    )
                )
            if ticket.team_id.assignment_mode == "manual":
                raise UserError(
                    self.env._(
                        "%(team)s assigns its requests by hand: choose the agent "
                        "on the request.",
                        team=ticket.team_id.display_name,
                    )
                )
            old_user = ticket.user_id
            trace = ticket._grc_run_assignment()
            ticket._grc_post_note(
                self.env._(
                    "Re-assigned from %(old)s to %(new)s.",
                    old=old_user.name or self.env._("nobody"),
                    new=ticket.user_id.name or self.env._("nobody"),
                ),
                trace,
            )
        return True

    def action_grc_open_transfer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfer to another service"),
            "res_model": "grc.ticket.transfer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _grc_transfer(self, team, reason):
        """Move requests to ``team`` by hand, for ``reason``, and assign again."""
        self.check_access("write")
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._("Say why the request is transferred: the reason is kept.")
            )
        if not team:
            raise UserError(self.env._("Choose the service to transfer to."))
        if team.is_direction:
            raise UserError(
                self.env._(
                    "%(team)s is a direction: transfer to one of its services.",
                    team=team.display_name,
                )
            )
        # sudo: the agent may write these (checked above) but not read the new service.
        for ticket in self.sudo():
            old_team = ticket.team_id
            if team == old_team:
                raise UserError(
                    self.env._(
                        "Request %(request)s is already in %(team)s.",
                        request=ticket.display_name,
                        team=team.display_name,
                    )
                )
            headline = self.env._(
                "Transferred from %(old)s to %(new)s by %(user)s.",
                old=old_team.display_name or self.env._("no service"),
                new=team.display_name,
                user=self.env.user.name,
            )
            reason_line = self.env._("Reason: %(reason)s", reason=reason)
            ticket.write(
                {
                    "team_id": team.id,
                    "routing_rule_id": False,
                    "routing_origin": "transfer",
                    "routing_trace": f"{headline}\n{reason_line}",
                }
            )
            assignment = ticket._grc_run_assignment()
            ticket._grc_post_note(headline, reason_line, assignment)
        return True
