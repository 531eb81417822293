# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import GrcCommon


class TestRequestBackoffice(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen.phone = "06 12 34 56 78"
        cls.other = cls.env["res.partner"].create(
            {"name": "Jean Dupont", "is_citizen": True, "mobile": "+33 7 81 11 22 33"}
        )
        cls.request = cls._create_request()
        cls.other_request = cls._create_request(partner_id=cls.other.id)

    def _search_phone(self, value):
        return self.env["helpdesk.ticket"].search(
            [
                ("citizen_phone_search", "ilike", value),
                ("id", "in", (self.request | self.other_request).ids),
            ]
        )

    def test_phone_search_whatever_the_format(self):
        """A citizen's requests are found whatever way the phone is typed."""
        for typed in (
            "0612345678",
            "+33612345678",
            "06.12.34.56.78",
            "0033 6 12 34 56 78",
        ):
            with self.subTest(typed=typed):
                self.assertEqual(self._search_phone(typed), self.request)
        self.assertEqual(self._search_phone("07 81 11 22 33"), self.other_request)

    def test_phone_search_partial_number(self):
        """A part of the number finds the requests too."""
        self.assertEqual(self._search_phone("34 56 78"), self.request)
        self.assertFalse(self._search_phone("99 99 99"))

    def test_phone_search_rejects_other_operators(self):
        """An unsupported operator gets a clear error."""
        with self.assertRaises(UserError):
            self.env["helpdesk.ticket"].search([("citizen_phone_search", "in", ["06"])])

    def test_request_type_counts_its_requests(self):
        """The smart button of a request type counts and opens its requests."""
        self.assertEqual(self.type_lamp.ticket_count, 2)
        action = self.type_lamp.action_view_requests()
        self.assertEqual(
            self.env["helpdesk.ticket"].search(action["domain"]),
            self.request | self.other_request,
        )
        self.assertEqual(
            action["context"]["default_request_type_id"], self.type_lamp.id
        )

    def test_service_counts_its_members(self):
        """The list of services shows how many agents each one has."""
        self.team_voirie.user_ids = self.env.ref("base.user_admin")
        self.assertEqual(self.team_voirie.member_count, 1)
        self.assertEqual(self.team_ccas.member_count, 0)

    def test_backoffice_views_load(self):
        """The request views agents use all day render with their GRC fields."""
        tickets = self.env["helpdesk.ticket"]
        list_arch = tickets.get_view(view_type="list")["arch"]
        for field_name in (
            "number",
            "partner_id",
            "request_type_id",
            "team_id",
            "user_id",
            "channel_id",
            "received_date",
            "stage_id",
            "priority",
        ):
            self.assertIn(f'name="{field_name}"', list_arch)
        search_arch = tickets.get_view(view_type="search")["arch"]
        for name in (
            "citizen_phone_search",
            "my_services",
            "unassigned",
            "waiting",
            "confidential",
            "received_today",
            "received_this_week",
            "group_request_type",
            "group_channel",
        ):
            self.assertIn(f'name="{name}"', search_arch)
        form_arch = tickets.get_view(view_type="form")["arch"]
        for button in (
            "action_grc_qualify",
            "action_grc_start",
            "action_grc_wait",
            "action_grc_resolve",
            "action_grc_close",
            "action_grc_reopen",
            "action_grc_cancel",
        ):
            self.assertIn(f'name="{button}"', form_arch)
        kanban_arch = tickets.get_view(view_type="kanban")["arch"]
        self.assertIn('name="request_type_id"', kanban_arch)

    def test_menus_of_requests(self):
        """Requests are reached from the menus under Citizen relations."""
        menu = self.env.ref("grc_citoyen.menu_requests")
        # Feature addons add their own entries (letters received by post...).
        xmlids = menu.child_id.get_external_id()
        core = menu.child_id.filtered(
            lambda child: xmlids[child.id].startswith("grc_citoyen.")
        )
        self.assertEqual(
            core.mapped("name"),
            ["All requests", "My requests", "My services' requests", "To assign"],
        )
