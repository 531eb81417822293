# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ReclamationCommon


@tagged("post_install", "-at_install")
class TestReclamationSecurity(ReclamationCommon):
    """Who sees which complaint: services, officers, citizens."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rec_voirie = cls._create_reclamation(subject="Voirie")
        cls.rec_ccas = cls._create_reclamation(
            subject="CCAS", team_ids=[(6, 0, cls.team_ccas.ids)]
        )
        cls.other_citizen = cls.env["res.partner"].create(
            {"name": "Paul Autre", "is_citizen": True, "email": "paul@example.fr"}
        )
        cls.rec_other = cls._create_reclamation(
            subject="Autre citoyen", partner_id=cls.other_citizen.id
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="rec_portal",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
        )
        cls.frontdesk = new_test_user(
            cls.env, login="rec_frontdesk", groups="grc_citoyen.group_grc_frontdesk"
        )
        cls.direction_manager = new_test_user(
            cls.env,
            login="rec_direction_manager",
            groups="grc_citoyen.group_grc_manager",
        )
        cls.direction.user_ids = [(4, cls.direction_manager.id)]

    def _visible(self, user):
        return self.Reclamation.with_user(user).search(
            [("id", "in", (self.rec_voirie | self.rec_ccas | self.rec_other).ids)]
        )

    def test_agent_sees_complaints_about_their_service_only(self):
        """A roads agent sees roads complaints, not the social service's."""
        self.assertEqual(
            self._visible(self.agent_voirie), self.rec_voirie | self.rec_other
        )
        self.assertEqual(self._visible(self.agent_ccas), self.rec_ccas)
        with self.assertRaises(AccessError):
            self.rec_ccas.with_user(self.agent_voirie).read(["subject"])

    def test_responsible_service_sees_the_complaint(self):
        """The service found responsible by the analysis sees the complaint."""
        self.rec_voirie.responsible_team_id = self.team_ccas
        self.assertIn(self.rec_voirie, self._visible(self.agent_ccas))

    def test_manager_sees_services_below(self):
        """A direction's manager sees complaints about its services."""
        self.assertEqual(
            self._visible(self.direction_manager), self.rec_voirie | self.rec_other
        )

    def test_officer_sees_all(self):
        """Complaints officers see every complaint."""
        self.assertEqual(
            self._visible(self.officer),
            self.rec_voirie | self.rec_ccas | self.rec_other,
        )

    def test_citizen_sees_only_their_own(self):
        """A citizen reads their complaints, never another citizen's."""
        self.assertEqual(
            self._visible(self.portal_user), self.rec_voirie | self.rec_ccas
        )
        with self.assertRaises(AccessError):
            self.rec_other.with_user(self.portal_user).read(["subject"])
        with self.assertRaises(AccessError):
            self.rec_voirie.with_user(self.portal_user).write({"subject": "Modifié"})

    def test_front_desk_sees_what_they_registered(self):
        """The front desk registers complaints and sees only theirs."""
        rec = self.Reclamation.with_user(self.frontdesk).create(
            {
                "subject": "Déposée à l'accueil",
                "partner_id": self.citizen.id,
                "reason_id": self.reason_other.id,
            }
        )
        self.assertEqual(self._visible(self.frontdesk), self.Reclamation)
        self.assertEqual(rec.with_user(self.frontdesk).subject, "Déposée à l'accueil")

    def test_corrective_actions_follow_the_complaint(self):
        """Agents see the corrective actions of their services' complaints."""
        Action = self.env["grc.reclamation.action"]
        action_voirie = Action.create(
            {
                "name": "Action voirie",
                "reclamation_id": self.rec_voirie.id,
                "user_id": self.officer.id,
                "date_deadline": "2026-05-01",
            }
        )
        action_ccas = Action.create(
            {
                "name": "Action CCAS",
                "reclamation_id": self.rec_ccas.id,
                "user_id": self.officer.id,
                "date_deadline": "2026-05-01",
            }
        )
        visible = Action.with_user(self.agent_voirie).search(
            [("id", "in", (action_voirie | action_ccas).ids)]
        )
        self.assertEqual(visible, action_voirie)

    def test_irritants_for_managers_and_officers(self):
        """Service managers see their services' irritants; agents none."""
        irritant = self.env["grc.reclamation.irritant"].create(
            {"reason_id": self.reason_late.id, "team_id": self.team_voirie.id}
        )
        Irritant = self.env["grc.reclamation.irritant"]
        self.assertEqual(Irritant.with_user(self.manager_voirie).search([]), irritant)
        self.assertEqual(Irritant.with_user(self.officer).search([]), irritant)
        with self.assertRaises(AccessError):
            Irritant.with_user(self.agent_voirie).search([])
