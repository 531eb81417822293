# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import GrcPilotageCommon


class TestKpiSecurity(GrcPilotageCommon):
    def _visible(self, user, model="grc.kpi.request"):
        return self.env[model].with_user(user).search(self._kpi_domain())

    def test_user_without_steering_cannot_read(self):
        """A front-desk agent has no access to the indicators."""
        for model in ("grc.kpi.request", "grc.kpi.interaction"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.frontdesk_user).search([])
        with self.assertRaises(AccessError):
            self.env["grc.kpi.export.wizard"].with_user(self.frontdesk_user).create({})

    def test_steering_reads_all_but_confidential_rows(self):
        """A steering user reads the indicators, except the rows of a
        confidential service they do not belong to."""
        rows = self._visible(self.steering_user)
        self.assertEqual(set(rows.ids), set((self.requests - self.req_social).ids))
        self.assertEqual(
            rows.with_user(self.steering_user).mapped("team_id"),
            self.team_voirie | self.team_cleaning,
        )

    def test_confidential_rows_visible_to_their_service(self):
        """The manager of a confidential service sees its rows."""
        manager = new_test_user(
            self.env,
            login="grc_ccas_manager",
            groups="grc_citoyen.group_grc_manager",
        )
        self.team_ccas.user_ids = [(4, manager.id)]
        self.assertIn(self.req_social.id, self._visible(manager).ids)

    def test_grc_admin_sees_every_row(self):
        """A GRC administrator sees the rows of every service."""
        admin = new_test_user(
            self.env, login="grc_kpi_admin", groups="grc_citoyen.group_grc_admin"
        )
        self.assertEqual(set(self._visible(admin).ids), set(self.requests.ids))

    def test_other_company_rows_are_hidden(self):
        """Rows of another company are not visible."""
        other = self.env["res.company"].create({"name": "Commune voisine"})
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Voirie voisine", "company_id": other.id}
        )
        request = self._create_request(team_id=team.id, company_id=other.id)
        self.assertNotIn(
            request.id,
            self.env["grc.kpi.request"]
            .with_user(self.steering_user)
            .search([("id", "=", request.id)])
            .ids,
        )

    def test_menu_visible_to_steering_only(self):
        """The steering menu shows for steering users, not for front desk."""
        menu = self.env.ref("grc_pilotage.menu_pilotage")
        steering_menus = self.env["ir.ui.menu"].with_user(self.steering_user)
        self.assertIn(menu.id, steering_menus._visible_menu_ids())
        frontdesk_menus = self.env["ir.ui.menu"].with_user(self.frontdesk_user)
        self.assertNotIn(menu.id, frontdesk_menus._visible_menu_ids())

    def test_steering_user_opens_the_dashboards(self):
        """The views of every steering action load and group for a steering user."""
        for xmlid in (
            "grc_pilotage.grc_kpi_request_action_dashboard",
            "grc_pilotage.grc_kpi_request_action_sla",
            "grc_pilotage.grc_kpi_request_action_backlog",
            "grc_pilotage.grc_kpi_interaction_action",
            "grc_pilotage.grc_kpi_monthly_export_action",
        ):
            action = self.env.ref(xmlid)
            model = self.env[action.res_model].with_user(self.steering_user)
            views = [(False, mode) for mode in action.view_mode.split(",")]
            result = model.get_views(views + [(False, "search")])
            self.assertEqual(
                set(result["views"]), {mode for __, mode in views} | {"search"}
            )
        groups = (
            self.env["grc.kpi.request"]
            .with_user(self.steering_user)
            .web_read_group(
                self._kpi_domain(),
                ["sla_compliance:avg"],
                ["team_id", "received_date:month"],
                lazy=False,
            )
        )
        self.assertTrue(groups["groups"])
