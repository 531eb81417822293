# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon


class AppointmentCommon(GrcCommon):
    """The front desk of the town hall receives by appointment: weekdays
    8:00-12:00 and 13:00-17:00 (Paris), 30-minute slots, two agents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Accueil", "tz": "Europe/Paris"}
        )
        cls.agent_1 = new_test_user(
            cls.env,
            login="rdv-agent-1",
            name="Agent Un",
            groups="grc_citoyen.group_grc_agent",
        )
        cls.agent_2 = new_test_user(
            cls.env,
            login="rdv-agent-2",
            name="Agent Deux",
            groups="grc_citoyen.group_grc_agent",
        )
        cls.team_desk = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Accueil de la mairie",
                "resource_calendar_id": cls.calendar.id,
                "grc_appointment_enabled": True,
                "grc_appointment_duration": 30,
                "grc_appointment_capacity": 1,
                "user_ids": [(6, 0, [cls.agent_1.id, cls.agent_2.id])],
            }
        )
        cls.helene, cls.marc = cls._create_portal_users("rdv")
        cls.type_lamp.is_published = True

    def _book(self, user=None, start=None, team=None, **values):
        env = self.env(user=user) if user else self.env
        team = (team or self.team_desk).with_env(env)
        if start is None:
            start = team._grc_appointment_slots()[0][0]
        partner = user.partner_id if user else self.citizen
        return env["grc.appointment"]._grc_book(team, partner, start, values=values)
