# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _grc_home_action(self):
        """Complaints officers land on the open complaints; a service manager
        who also handles complaints lands on their service first."""
        user = self.env.user
        if user.has_group(
            "grc_reclamations.group_reclamation_officer"
        ) and not user.has_group("grc_citoyen.group_grc_manager"):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "grc_reclamations.grc_reclamation_action"
            )
        return super()._grc_home_action()
