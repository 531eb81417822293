# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon


class TestReclamationHome(GrcCommon):
    def test_complaints_officer_lands_on_open_complaints(self):
        """The complaints officer opens Odoo on the open complaints; a service
        manager who also handles complaints on their service."""
        officer = new_test_user(
            self.env,
            login="home-officer",
            groups="grc_reclamations.group_reclamation_officer",
        )
        action = self.env["res.users"].with_user(officer)._grc_home_action()
        self.assertEqual(action["xml_id"], "grc_reclamations.grc_reclamation_action")
        self.assertEqual(
            officer.action_id.id, self.env.ref("grc_citoyen.action_grc_home").id
        )
        officer.groups_id = [(4, self.env.ref("grc_citoyen.group_grc_manager").id)]
        action = self.env["res.users"].with_user(officer)._grc_home_action()
        self.assertNotEqual(action.get("res_model"), "grc.reclamation")
