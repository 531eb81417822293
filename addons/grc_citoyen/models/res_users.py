# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    """Availability and capacity of an agent for automatic assignment.

    They are held by the person, not by each membership: an agent away or
    overloaded is so in every service, and helpdesk_mgmt's membership
    (``helpdesk.ticket.team.user_ids``), which its record rules use, stays
    the only list of members.
    """

    _inherit = "res.users"

    grc_is_available = fields.Boolean(
        string="Available for new requests",
        default=True,
        help="Untick to receive no new request automatically (short absence, "
        "other duties). Leaves recorded on the agent's working time are "
        "taken into account too.",
    )
    grc_capacity = fields.Integer(
        string="Open requests (max)",
        default=0,
        help="Maximum of open requests assigned automatically to this agent. "
        "0: the capacity of the service applies.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["grc_is_available", "grc_capacity"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["grc_is_available"]

    @api.constrains("grc_capacity")
    def _check_grc_capacity(self):
        for user in self:
            if user.grc_capacity < 0:
                raise ValidationError(
                    self.env._(
                        "The capacity of %(user)s cannot be negative "
                        "(0 means the capacity of the service).",
                        user=user.name,
                    )
                )

    # ------------------------------------------------------------------
    # Home: each role lands on its work
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._grc_set_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        if any(
            key == "groups_id" or key.startswith(("in_group_", "sel_groups_"))
            for key in vals
        ):
            self._grc_set_home_action()
        return res

    def _grc_set_home_action(self):
        """Agents of the citizen relations open Odoo on their work (the home
        action picks it by role) rather than on Discuss. A home action chosen
        by hand is kept; administrators keep theirs."""
        home = self.env.ref("grc_citoyen.action_grc_home", raise_if_not_found=False)
        if not home:
            return
        frontdesk = self.env.ref("grc_citoyen.group_grc_frontdesk")
        steering = self.env.ref("grc_citoyen.group_grc_steering")
        system = self.env.ref("base.group_system")
        landing = self.filtered(
            lambda user: not user.action_id
            and not user.share
            and system not in user.groups_id
            and (frontdesk in user.groups_id or steering in user.groups_id)
        )
        if landing:
            landing.write({"action_id": home.id})

    @api.model
    def _grc_init_home_actions(self):
        """At installation: the users who already have a role."""
        self.search([("share", "=", False)])._grc_set_home_action()

    @api.model
    def _grc_home_action(self):
        """The action the current user lands on, by role (the most senior
        role wins). Feature addons return their own screen for the roles
        they serve (front-desk console, complaints, dashboards)."""
        user = self.env.user
        if user.has_group("grc_citoyen.group_grc_manager"):
            return self._grc_home_manager_action()
        if user.has_group("grc_citoyen.group_grc_agent"):
            return self._grc_home_agent_action()
        if user.has_group("grc_citoyen.group_grc_frontdesk"):
            return self._grc_home_frontdesk_action()
        return self._grc_home_steering_action()

    @api.model
    def _grc_home_agent_action(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "grc_citoyen.helpdesk_ticket_action_grc_my"
        )

    @api.model
    def _grc_home_manager_action(self):
        """The requests of the services the manager leads, by stage."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_citoyen.helpdesk_ticket_action_grc_my_services"
        )
        services = self._grc_home_services()
        if services:
            action["context"] = {
                "search_default_team_id": services[0].id,
                "search_default_open": 1,
            }
        return action

    @api.model
    def _grc_home_frontdesk_action(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "grc_citoyen.helpdesk_ticket_action_grc"
        )

    @api.model
    def _grc_home_steering_action(self):
        return self._grc_home_frontdesk_action()

    @api.model
    def _grc_home_services(self):
        """The services of the current user: those they lead first, then
        those they belong to."""
        teams = self.env["helpdesk.ticket.team"]
        led = teams.search([("user_id", "=", self.env.uid)], order="sequence, id")
        member = teams.search([("user_ids", "in", self.env.uid)], order="sequence, id")
        return led | member
