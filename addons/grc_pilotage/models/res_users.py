# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools.safe_eval import safe_eval

DASHBOARD = "grc_pilotage.grc_kpi_request_action_dashboard"


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _grc_home_manager_action(self):
        """Managers land on the dashboard, opened on the service they lead."""
        action = self.env["ir.actions.act_window"]._for_xml_id(DASHBOARD)
        services = self._grc_home_services()
        if services:
            context = safe_eval(action.get("context") or "{}")
            context["search_default_team_id"] = services[0].id
            action["context"] = context
        return action

    @api.model
    def _grc_home_steering_action(self):
        return self.env["ir.actions.act_window"]._for_xml_id(DASHBOARD)
