# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import GrcCommon


class TestInteraction(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel_phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.frontdesk = new_test_user(
            cls.env,
            login="grc-frontdesk",
            groups="grc_citoyen.group_grc_frontdesk,base.group_partner_manager",
        )
        cls.employee = new_test_user(cls.env, login="grc-employee")
        cls.portal = new_test_user(
            cls.env, login="grc-portal", groups="base.group_portal"
        )
        cls.interaction = cls.env["grc.interaction"].create(
            {
                "name": "Trottoir défoncé",
                "partner_id": cls.citizen.id,
                "channel_id": cls.channel_phone.id,
                "team_id": cls.team_voirie.id,
                "notes": "Trou profond devant le n°4,\nrisque de chute.",
            }
        )

    def test_answered_on_the_spot_by_default(self):
        """A new interaction counts as answered on the spot."""
        self.assertEqual(self.interaction.outcome, "answered")
        self.assertFalse(self.interaction.ticket_id)

    def test_convert_to_request(self):
        """One click opens the request, links it and tells both timelines."""
        action = self.interaction.action_convert_to_request()
        ticket = self.interaction.ticket_id
        self.assertTrue(ticket)
        self.assertEqual(action["res_id"], ticket.id)
        self.assertEqual(self.interaction.outcome, "request")
        self.assertEqual(ticket.partner_id, self.citizen)
        self.assertEqual(ticket.channel_id, self.channel_phone)
        self.assertEqual(ticket.team_id, self.team_voirie)
        self.assertEqual(ticket.name, "Trottoir défoncé")
        self.assertIn("risque de chute", ticket.description)
        self.assertIn("<br>", ticket.description)
        self.assertEqual(ticket.received_date, self.interaction.date)
        self.assertIn(ticket.number, self.interaction.message_ids[0].body)
        self.assertIn("Trottoir", ticket.message_ids[0].body)

    def test_convert_twice_is_refused(self):
        """An interaction already turned into a request cannot be turned again."""
        self.interaction.action_convert_to_request()
        with self.assertRaisesRegex(UserError, "already been turned"):
            self.interaction.action_convert_to_request()

    def test_convert_several(self):
        """Several interactions become as many requests in one call."""
        other = self.interaction.copy({"name": "Poubelles non ramassées"})
        action = (self.interaction | other).action_convert_to_request()
        tickets = (self.interaction | other).ticket_id
        self.assertEqual(len(tickets), 2)
        self.assertEqual(set(action["domain"][0][2]), set(tickets.ids))

    def test_frontdesk_creates_and_converts(self):
        """A front-desk agent logs an interaction and turns it into a request."""
        interaction = (
            self.env["grc.interaction"]
            .with_user(self.frontdesk)
            .create(
                {
                    "name": "Encombrants",
                    "partner_id": self.citizen.id,
                    "channel_id": self.channel_phone.id,
                    "team_id": self.team_voirie.id,
                }
            )
        )
        self.assertEqual(interaction.user_id, self.frontdesk)
        interaction.action_convert_to_request()
        self.assertEqual(interaction.ticket_id.partner_id, self.citizen)

    def test_portal_cannot_read(self):
        """A portal user cannot read interactions."""
        with self.assertRaises(AccessError):
            self.interaction.with_user(self.portal).read(["name"])
        with self.assertRaises(AccessError):
            self.env["grc.interaction"].with_user(self.portal).search([])

    def test_employee_without_grc_group_cannot_create(self):
        """An employee without GRC group cannot log interactions."""
        with self.assertRaises(AccessError):
            self.env["grc.interaction"].with_user(self.employee).create(
                {
                    "name": "Test",
                    "partner_id": self.citizen.id,
                    "channel_id": self.channel_phone.id,
                }
            )

    def test_search_filters(self):
        """The interaction search view loads with its filters."""
        views = self.env["grc.interaction"].get_views([(False, "search")])
        arch = views["views"]["search"]["arch"]
        for name in ("today", "this_week", "group_channel", "group_agent"):
            self.assertIn(f'name="{name}"', arch)
