# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

ALL_SERVICES = "grc_pilotage.grc_kpi_request_monthly_action_all_services"


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _grc_home_manager_action(self):
        """Managers land on the dashboard of their services (monthly
        aggregates)."""
        return self.env["grc.kpi.request.monthly"]._action_my_service()

    @api.model
    def _grc_home_steering_action(self):
        """Directors land on every service (monthly aggregates)."""
        return self.env["ir.actions.act_window"]._for_xml_id(ALL_SERVICES)
