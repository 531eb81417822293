# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, users

from .common import GrcCommon


class TestRequestAccessRights(GrcCommon):
    """Who reads and writes which requests, group by group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Team = cls.env["helpdesk.ticket.team"]
        # A confidential service under the direction: its manager sees it,
        # other services do not.
        cls.team_police = Team.create(
            {
                "name": "Police municipale",
                "parent_id": cls.direction.id,
                "is_confidential": True,
            }
        )
        cls.type_ccas = cls.env["grc.request.type"].create(
            {
                "name": "Aide sociale",
                "code": "AIDE",
                "team_id": cls.team_ccas.id,
                "is_confidential": True,
            }
        )

        def user(login, groups, teams=None):
            new_user = new_test_user(cls.env, login=login, groups=groups)
            if teams:
                teams.write({"user_ids": [(4, new_user.id)]})
            return new_user

        cls.agent_voirie = user(
            "agent_voirie", "grc_citoyen.group_grc_agent", cls.team_voirie
        )
        cls.agent_ccas = user(
            "agent_ccas", "grc_citoyen.group_grc_agent", cls.team_ccas
        )
        cls.frontdesk = user("frontdesk", "grc_citoyen.group_grc_frontdesk")
        cls.manager = user(
            "manager_direction", "grc_citoyen.group_grc_manager", cls.direction
        )
        cls.steering = user("steering", "grc_citoyen.group_grc_steering")
        cls.grc_admin = user("grc_admin", "grc_citoyen.group_grc_admin")
        cls.citizen_a = user("citizen_a", "base.group_portal")
        cls.citizen_b = user("citizen_b", "base.group_portal")

        cls.request_voirie = cls._create_request(partner_id=cls.citizen_a.partner_id.id)
        cls.request_ccas = cls._create_request(
            name="Demande d'aide alimentaire",
            request_type_id=cls.type_ccas.id,
            team_id=cls.team_ccas.id,
            partner_id=cls.citizen_b.partner_id.id,
        )
        cls.request_police = cls._create_request(
            name="Stationnement gênant", team_id=cls.team_police.id
        )

    def assertCanRead(self, request):
        request.invalidate_recordset()
        self.assertTrue(request.name)

    def assertCannotRead(self, request):
        request.invalidate_recordset()
        with self.assertRaises(AccessError):
            request.read(["name"])

    def assertCanWrite(self, request):
        request.write({"priority": "2"})
        self.assertEqual(request.priority, "2")

    def assertCannotWrite(self, request):
        with self.assertRaises(AccessError):
            request.write({"priority": "3"})

    def _as(self, request):
        return request.with_user(self.env.user)

    def test_confidential_flag_comes_from_type_and_service(self):
        """A request is confidential through its type or its service."""
        self.assertFalse(self.request_voirie.is_confidential)
        self.assertTrue(self.request_ccas.is_confidential)
        self.assertTrue(self.request_police.is_confidential)

    @users("agent_voirie")
    def test_service_agent_reads_and_writes_own_service(self):
        """A Voirie agent reads and writes Voirie requests."""
        request = self._as(self.request_voirie)
        self.assertCanRead(request)
        self.assertCanWrite(request)

    @users("agent_voirie")
    def test_service_agent_cannot_touch_confidential_request(self):
        """A Voirie agent can neither read nor write a CCAS request."""
        request = self._as(self.request_ccas)
        self.assertCannotRead(request)
        self.assertCannotWrite(request)
        self.assertNotIn(self.request_ccas, self.env["helpdesk.ticket"].search([]))

    @users("agent_ccas")
    def test_ccas_agent_handles_ccas_requests(self):
        """A CCAS agent reads and writes the confidential requests of the CCAS."""
        request = self._as(self.request_ccas)
        self.assertCanRead(request)
        self.assertCanWrite(request)

    @users("frontdesk")
    def test_frontdesk_creates_requests(self):
        """A front-desk agent files a request for a service."""
        request = self.env["helpdesk.ticket"].create(
            {
                "name": "Trottoir abîmé",
                "description": "<p>Devant la mairie.</p>",
                "partner_id": self.citizen.id,
                "team_id": self.team_voirie.id,
            }
        )
        self.assertCanRead(request)
        self.assertTrue(request.number.startswith("DEM-"))

    @users("frontdesk")
    def test_frontdesk_reads_only_non_confidential_requests(self):
        """A front-desk agent reads ordinary requests, not confidential ones."""
        self.assertCanRead(self._as(self.request_voirie))
        self.assertCannotRead(self._as(self.request_ccas))
        self.assertCannotRead(self._as(self.request_police))

    @users("frontdesk")
    def test_frontdesk_cannot_write_others_requests(self):
        """A front-desk agent cannot change a request filed by someone else."""
        self.assertCannotWrite(self._as(self.request_voirie))
        self.assertCannotWrite(self._as(self.request_ccas))

    @users("manager_direction")
    def test_direction_manager_sees_services_below(self):
        """A direction's manager reads and writes the requests of its services,
        confidential ones included, but not those of other directions."""
        for request in (self.request_voirie, self.request_police):
            request = self._as(request)
            self.assertCanRead(request)
            self.assertCanWrite(request)
        self.assertCannotRead(self._as(self.request_ccas))

    @users("citizen_a")
    def test_citizen_reads_only_own_requests(self):
        """A portal citizen reads their own request and no other."""
        self.assertCanRead(self._as(self.request_voirie))
        self.assertCannotRead(self._as(self.request_ccas))
        self.assertCannotRead(self._as(self.request_police))
        self.assertEqual(
            self.env["helpdesk.ticket"].search([]), self._as(self.request_voirie)
        )
        self.assertCannotWrite(self._as(self.request_voirie))

    @users("citizen_b")
    def test_other_citizen_cannot_read_first_citizen_request(self):
        """Two citizens do not see each other's requests."""
        self.assertCannotRead(self._as(self.request_voirie))
        self.assertCanRead(self._as(self.request_ccas))

    def test_steering_cannot_write_requests(self):
        """A steering user cannot change a request, even one they follow."""
        self.request_voirie.message_subscribe(partner_ids=self.steering.partner_id.ids)
        request = self.request_voirie.with_user(self.steering)
        self.assertCanRead(request)
        self.assertCannotWrite(request)
        self.assertCannotRead(self.request_ccas.with_user(self.steering))

    @users("grc_admin")
    def test_grc_admin_outside_ccas_cannot_read_ccas(self):
        """A GRC administrator who is not a CCAS member cannot read CCAS requests."""
        self.assertCannotRead(self._as(self.request_ccas))
        self.assertNotIn(
            self.request_ccas.id, self.env["helpdesk.ticket"].search([]).ids
        )
        self.assertCanRead(self._as(self.request_voirie))

    @users("agent_voirie")
    def test_agent_cannot_move_confidential_request(self):
        """Life-cycle buttons obey the access rules."""
        with self.assertRaises(AccessError):
            self._as(self.request_ccas).action_grc_qualify()

    @users("frontdesk")
    def test_frontdesk_files_confidential_request_without_reading_it(self):
        """The front desk files a CCAS request but cannot read it back."""
        request = (
            self.env["helpdesk.ticket"]
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "name": "Rendez-vous assistante sociale",
                    "description": "<p>Demande de rendez-vous.</p>",
                    "partner_id": self.citizen.id,
                    "request_type_id": self.type_ccas.id,
                    "team_id": self.team_ccas.id,
                }
            )
        )
        self.assertCannotRead(request)
        self.assertTrue(request.sudo().is_confidential)

    @users("agent_voirie")
    def test_confidential_request_without_service_stays_hidden(self):
        """A confidential request with no service is not open to every agent."""
        orphan = self.request_ccas.sudo().copy({"team_id": False})
        self.assertTrue(orphan.is_confidential)
        self.assertCannotRead(self._as(orphan))
        ordinary = self.request_voirie.sudo().copy({"team_id": False})
        self.assertCanRead(self._as(ordinary))
