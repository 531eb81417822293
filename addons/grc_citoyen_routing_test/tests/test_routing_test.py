# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user

from odoo.addons.grc_citoyen.tests.test_routing import RoutingCommon


class TestRoutingTest(RoutingCommon):
    """The screen where an administrator tries a sample request on the
    routing rules."""

    def test_test_screen_explains_each_rule(self):
        """The test screen shows the winner and why earlier rules failed."""
        self._rule(name="Par téléphone", channel_ids=[(6, 0, self.channel_phone.ids)])
        winner = self._rule(name="Lumière", sequence=20, keywords="éclairage")
        after = self._rule(name="Après", sequence=30, team_id=self.team_north.id)
        form = Form(self.env["grc.routing.test"])
        form.name = "Eclairage en panne"
        form.channel_id = self.channel_web
        self.assertEqual(form.rule_id, winner)
        self.assertEqual(form.team_id, self.team_lighting)
        self.assertEqual(form.routing_origin, "rule")
        self.assertIn("channel is not one of", form.details)
        self.assertIn("Not tried", form.details)
        form.name = "Banc cassé"
        self.assertEqual(form.rule_id, after)
        self.assertIn("none of the keywords", form.details)

    def test_test_screen_is_for_managers(self):
        """Only managers and administrators may use the test screen."""
        agent = new_test_user(self.env, "routing_agent2", "grc_citoyen.group_grc_agent")
        manager = new_test_user(
            self.env, "routing_manager", "grc_citoyen.group_grc_manager"
        )
        with self.assertRaises(AccessError):
            self.env["grc.routing.test"].with_user(agent).create({"name": "x"})
        test = self.env["grc.routing.test"].with_user(manager).create({"name": "x"})
        self.assertEqual(test.routing_origin, "triage")
