# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, new_test_user

from .common import GrcCommon


class TestCitizen360(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel = cls.env.ref("grc_citoyen.helpdesk_ticket_channel_front_desk")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.citizen.phone = "06 12 34 56 78"
        cls.frontdesk = new_test_user(
            cls.env,
            login="grc-frontdesk-360",
            groups="grc_citoyen.group_grc_frontdesk,base.group_partner_manager",
        )

    def _add_interaction(self, partner, **values):
        return self.env["grc.interaction"].create(
            {
                "name": "Horaires de la piscine",
                "partner_id": partner.id,
                "channel_id": self.channel.id,
                **values,
            }
        )

    def test_counters(self):
        """Requests (open / total), interactions and messages of a citizen."""
        request = self._create_request()
        self._create_request(stage_id=self.stage_done.id)
        self._add_interaction(self.citizen)
        request.message_post(
            body="Bonjour", message_type="comment", author_id=self.citizen.id
        )
        request.message_post(
            body="Votre demande est prise en charge",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.citizen.ids,
        )
        self.citizen.invalidate_recordset()
        self.assertEqual(self.citizen.grc_request_count, 2)
        self.assertEqual(self.citizen.grc_request_open_count, 1)
        self.assertEqual(self.citizen.grc_interaction_count, 1)
        self.assertEqual(self.citizen.grc_message_count, 2)

    def test_counters_are_grouped_queries(self):
        """Counters of 20 citizens cost the same few queries as for one."""
        citizens = self.env["res.partner"].create(
            [{"name": f"Citoyen {i}", "is_citizen": True} for i in range(20)]
        )
        self.env["helpdesk.ticket"].create(
            [
                {"name": f"Demande {i}", "description": "x", "partner_id": p.id}
                for i, p in enumerate(citizens)
            ]
        )
        for partner in citizens[:5]:
            self._add_interaction(partner)
        counters = [
            "grc_request_count",
            "grc_request_open_count",
            "grc_interaction_count",
            "grc_message_count",
        ]
        citizens = citizens.with_user(self.frontdesk)
        # Warm the caches of the user's groups, access rights and rules; then one
        # citizen or twenty cost the same: a grouped query per counter, plus
        # the access checks of mail.message.
        citizens[0].read(counters)
        self.env.invalidate_all()
        with self.assertQueryCount(9):
            citizens[0].read(counters)
        self.env.invalidate_all()
        with self.assertQueryCount(9):
            citizens.read(counters)
        self.assertEqual(citizens.mapped("grc_request_count"), [1] * 20)
        self.assertEqual(sum(citizens.mapped("grc_interaction_count")), 5)

    def test_actions_show_the_citizen_records(self):
        """Smart buttons open the citizen's own requests, interactions, messages."""
        request = self._create_request()
        interaction = self._add_interaction(self.citizen)
        action = self.citizen.action_view_grc_requests()
        self.assertEqual(self.env["helpdesk.ticket"].search(action["domain"]), request)
        action = self.citizen.action_view_grc_interactions()
        self.assertEqual(
            self.env["grc.interaction"].search(action["domain"]), interaction
        )
        action = self.citizen.action_view_grc_messages()
        self.assertEqual(action["res_model"], "mail.message")

    def test_search_phone_as_typed(self):
        """Searching "06 12 34 56 78", a prefix or a part finds +33612345678."""
        Partner = self.env["res.partner"]
        for typed in ("06 12 34 56 78", "+33 6 12 34 56 78", "06 12 34", "56 78"):
            found = Partner.search([("grc_phone_search", "ilike", typed)])
            self.assertIn(self.citizen, found, typed)
        self.assertNotIn(
            self.citizen, Partner.search([("grc_phone_search", "ilike", "07 12")])
        )
        self.assertFalse(Partner.search([("grc_phone_search", "ilike", "Núñez")]))

    def test_search_view_citizen_field(self):
        """The citizen search field finds by name, number, e-mail and phone."""
        Partner = self.env["res.partner"]

        def search(text):
            return Partner.search(
                [
                    ("is_citizen", "=", True),
                    "|",
                    "|",
                    "|",
                    ("complete_name", "ilike", text),
                    ("citizen_number", "ilike", text),
                    ("email", "ilike", text),
                    ("grc_phone_search", "ilike", text),
                ]
            )

        for text in (
            "Núñez",
            self.citizen.citizen_number,
            "HELENE.nunez@",
            "06 12 34 56 78",
        ):
            self.assertEqual(search(text), self.citizen, text)

    def test_citizen_views_load(self):
        """The citizen form opens with its smart buttons and timeline pages."""
        self._create_request()
        self._add_interaction(self.citizen)
        form = Form(self.citizen.with_user(self.frontdesk))
        self.assertEqual(form.grc_request_count, 1)
        self.assertEqual(len(form.grc_interaction_ids), 1)
        # An employee outside the GRC groups still opens the contact.
        employee = new_test_user(self.env, login="grc-employee-360")
        Form(self.citizen.with_user(employee))
        action = self.env.ref("grc_citoyen.res_partner_action_citizen")
        self.assertEqual(
            action.search_view_id,
            self.env.ref("grc_citoyen.res_partner_view_search_citizen"),
        )
        for view_type in ("list", "kanban"):
            view = self.env.ref(f"grc_citoyen.res_partner_view_{view_type}_citizen")
            self.assertIn(view, action.view_ids.view_id)
            views = self.env["res.partner"].get_views([(view.id, view_type)])
            self.assertIn("citizen_number", views["views"][view_type]["arch"])
