# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon


class TestManagerHome(GrcCommon):
    def test_manager_lands_on_their_service_dashboard(self):
        """A manager opens the dashboard on the service they lead, not on
        every service stacked."""
        manager = new_test_user(
            self.env, login="home-dashboard", groups="grc_citoyen.group_grc_manager"
        )
        self.team_voirie.user_id = manager
        action = self.env["res.users"].with_user(manager)._grc_home_action()
        self.assertEqual(action["res_model"], "grc.kpi.request.monthly")
        self.assertEqual(
            action["domain"], [("team_id", "child_of", self.team_voirie.ids)]
        )
        self.assertEqual(action["context"]["graph_measure"], "request_count")
