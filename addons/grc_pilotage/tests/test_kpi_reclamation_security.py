# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from .common import GrcPilotageReclamationCommon, paris


class TestKpiReclamationSecurity(GrcPilotageReclamationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # About the road works, but also about a social file of the CCAS.
        cls.c_mixed = cls._create_kpi_complaint(
            cls.reason_other,
            cls.team_voirie | cls.team_ccas,
            received=paris(2026, 3, 20, 9, 0),
            deadline=paris(2026, 4, 30, 17, 0),
            responsible_team_id=cls.team_voirie.id,
        )

    def _visible(self, user, model="grc.kpi.reclamation"):
        return set(self.env[model].with_user(user).search(self._complaint_domain()).ids)

    def _steering_member(self, login, team):
        user = new_test_user(
            self.env, login=login, groups="grc_citoyen.group_grc_steering"
        )
        team.user_ids = [(4, user.id)]
        return user

    def test_front_desk_cannot_read(self):
        """A front-desk agent has no access to the complaint indicators."""
        for model in ("grc.kpi.reclamation", "grc.kpi.irritant"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.frontdesk_user).search([])

    def test_officer_without_steering_cannot_read(self):
        """Handling complaints does not give the indicators: steering does."""
        with self.assertRaises(AccessError):
            self.env["grc.kpi.reclamation"].with_user(self.officer).search([])

    def test_steering_reads_all_but_confidential_complaints(self):
        """A steering user reads every complaint but those concerning a
        confidential service, even when it is not the row's service."""
        self.assertTrue(
            self.env["grc.kpi.reclamation"].browse(self.c_mixed.id).is_confidential
        )
        self.assertEqual(
            self._visible(self.steering_user),
            set((self.complaints - self.c_ccas - self.c_mixed).ids),
        )

    def test_confidential_complaints_visible_to_their_services(self):
        """Members of a confidential service concerned see its complaints;
        members of the other service concerned see the shared one."""
        ccas_member = self._steering_member("grc_rec_ccas", self.team_ccas)
        visible = self._visible(ccas_member)
        self.assertIn(self.c_ccas.id, visible)
        self.assertIn(self.c_mixed.id, visible)
        voirie_member = self._steering_member("grc_rec_voirie", self.team_voirie)
        visible = self._visible(voirie_member)
        self.assertIn(self.c_mixed.id, visible)
        self.assertNotIn(self.c_ccas.id, visible)

    def test_complaints_managers_and_admins_see_every_row(self):
        """Complaints managers (who read every complaint) and GRC
        administrators see every row."""
        for login, group in (
            ("grc_rec_kpi_manager", "grc_reclamations.group_reclamation_manager"),
            ("grc_rec_kpi_admin", "grc_citoyen.group_grc_admin"),
        ):
            user = new_test_user(self.env, login=login, groups=group)
            self.assertEqual(self._visible(user), set(self.complaints.ids))

    def test_other_company_complaints_are_hidden(self):
        """Complaints of another company are not visible."""
        other = self.env["res.company"].create({"name": "Commune voisine"})
        complaint = self._create_reclamation(company_id=other.id)
        self.assertFalse(
            self.env["grc.kpi.reclamation"]
            .with_user(self.steering_user)
            .search([("id", "=", complaint.id)])
        )

    def test_confidential_irritants_hidden(self):
        """Irritants of a confidential service are left to its members."""
        irritants = self.env["grc.reclamation.irritant"].create(
            [
                {"reason_id": self.reason_late.id, "team_id": team.id}
                for team in (self.team_voirie, self.team_ccas)
            ]
        )
        domain = [("id", "in", irritants.ids)]
        rows = self.env["grc.kpi.irritant"].with_user(self.steering_user).search(domain)
        self.assertEqual(rows.ids, irritants[:1].ids)
        ccas_member = self._steering_member("grc_rec_ccas_irritant", self.team_ccas)
        rows = self.env["grc.kpi.irritant"].with_user(ccas_member).search(domain)
        self.assertEqual(set(rows.ids), set(irritants.ids))

    def test_steering_user_opens_the_complaint_dashboards(self):
        """The complaint views, menus and favourites load for a steering user."""
        for xmlid in (
            "grc_pilotage.grc_kpi_reclamation_action",
            "grc_pilotage.grc_kpi_irritant_action",
        ):
            action = self.env.ref(xmlid)
            model = self.env[action.res_model].with_user(self.steering_user)
            views = [(False, mode) for mode in action.view_mode.split(",")]
            result = model.get_views(
                views + [(False, "search")], {"load_filters": True}
            )
            self.assertEqual(
                set(result["views"]), {mode for __, mode in views} | {"search"}
            )
        filters = (
            self.env["ir.filters"]
            .with_user(self.steering_user)
            .get_filters(
                "grc.kpi.reclamation",
                self.env.ref("grc_pilotage.grc_kpi_reclamation_action").id,
            )
        )
        self.assertIn("Top root causes", [f["name"] for f in filters])
        menus = self.env["ir.ui.menu"].with_user(self.steering_user)
        self.assertIn(
            self.env.ref("grc_pilotage.menu_pilotage_reclamations").id,
            menus._visible_menu_ids(),
        )
        # Every shared favourite groups the complaints.
        kpi = self.env["grc.kpi.reclamation"].with_user(self.steering_user)
        eval_context = {
            # As if opened in June 2026, after the complaints.
            "context_today": lambda: date(2026, 6, 1),
            "relativedelta": relativedelta,
        }
        for favourite in filters:
            domain = safe_eval(favourite["domain"], eval_context)
            group_by = safe_eval(favourite["context"])["group_by"]
            groups = kpi.web_read_group(
                self._complaint_domain() + domain, ["__count"], group_by, lazy=False
            )
            self.assertTrue(groups["groups"], favourite["name"])
