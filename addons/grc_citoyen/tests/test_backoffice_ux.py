# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from .common import GrcCommon

STATES = (
    "new",
    "qualified",
    "in_progress",
    "waiting",
    "resolved",
    "closed",
    "cancelled",
)
NEXT_STEP = {
    "new": "action_grc_qualify",
    "qualified": "action_grc_start",
    "in_progress": "action_grc_resolve",
    "waiting": "action_grc_start",
    "resolved": "action_grc_close",
}


class TestBackofficeUx(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="grc_ux_agent",
            groups="grc_citoyen.group_grc_agent",
        )

    def _header_buttons(self, user):
        views = (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .get_views([(self.env.ref("helpdesk_mgmt.ticket_view_form").id, "form")])
        )
        arch = etree.fromstring(views["views"]["form"]["arch"])
        return arch.xpath("//header/button")

    def _visible(self, buttons, state, **values):
        record = {
            "id": 1,
            "grc_state": state,
            "user_id": 1,
            "partner_id": 1,
            "duplicate_id": False,
            "duplicate_ids": [],
            "duplicate_tracking_enabled": False,
            "team_assignment_mode": "least_loaded",
        }
        record.update(values)
        return [
            button
            for button in buttons
            if not safe_eval(button.get("invisible") or "False", record)
        ]

    def test_header_highlights_the_next_step(self):
        """Each open status highlights one next step; at most five buttons."""
        buttons = self._header_buttons(self.agent)
        for state in STATES:
            with self.subTest(state=state):
                visible = self._visible(buttons, state)
                primary = [
                    b.get("name")
                    for b in visible
                    if "btn-primary" in b.get("class", "")
                ]
                self.assertEqual(
                    primary, [NEXT_STEP[state]] if state in NEXT_STEP else []
                )
                self.assertLessEqual(len(visible), 5)
        cancelled = self._visible(buttons, "cancelled")
        self.assertFalse(cancelled, "A cancelled request has nothing left to do.")

    def test_secondary_actions_stay_reachable(self):
        """Re-route and re-assign are on the routing page."""
        views = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .get_views([(False, "form")])
        )
        arch = etree.fromstring(views["views"]["form"]["arch"])
        routing_page = arch.xpath("//page[@name='grc_routing']")[0]
        self.assertTrue(routing_page.xpath(".//button[@name='action_grc_reroute']"))
        self.assertTrue(routing_page.xpath(".//button[@name='action_grc_reassign']"))
        self.assertTrue(arch.xpath("//header/button[@name='action_grc_open_transfer']"))

    def test_lists_name_the_service_alone(self):
        """Request lists show the service without its direction."""
        self.assertEqual(
            self.team_voirie.display_name, "Direction de l'espace public / Voirie"
        )
        self.assertEqual(
            self.team_voirie.with_context(grc_service_short_name=True).display_name,
            "Voirie",
        )

    def test_french_labels_are_those_of_grc(self):
        """In French, helpdesk's fields and stages take GRC's words, whatever
        order the catalogues are loaded in."""
        self.addCleanup(self.env.registry.clear_cache)
        self.env["res.lang"]._activate_lang("fr_FR")
        modules = self.env["ir.module.module"].search(
            [("name", "in", ("helpdesk_mgmt", "grc_citoyen"))]
        )
        helpdesk = modules.filtered(lambda module: module.name == "helpdesk_mgmt")
        helpdesk._update_translations("fr_FR", overwrite=True)
        modules._update_translations("fr_FR", overwrite=True)
        labels = (
            self.env["helpdesk.ticket"]
            .with_context(lang="fr_FR")
            .fields_get(["partner_id", "team_id", "user_id"], ["string"])
        )
        self.assertEqual(labels["partner_id"]["string"], "Usager")
        self.assertEqual(labels["team_id"]["string"], "Service")
        self.assertEqual(labels["user_id"]["string"], "Agent")
        resolved = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.assertEqual(resolved.with_context(lang="fr_FR").name, "Résolue")
        # A stage an administrator renamed keeps its own name.
        resolved.with_context(lang="en_US").name = "Done and answered"
        resolved.update_field_translations("name", {"fr_FR": "Traitée"})
        modules._update_translations("fr_FR")
        self.assertEqual(resolved.with_context(lang="fr_FR").name, "Traitée")
