# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon


class TestFrontdeskSimilar(GrcCommon):
    """The console shows what is already reported like the request being
    typed; the citizen is added to it instead of a duplicate being filed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.frontdesk = new_test_user(
            cls.env, login="desk-similar", groups="grc_citoyen.group_grc_frontdesk"
        )
        cls.channel_phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.type_lamp.location_required = True
        # The first neighbour's report of the street lamp.
        cls.reported = cls._create_request(
            location_street="12 rue des Lilas",
            location_zip="69003",
            location_city="Lyon",
        )
        cls.neighbour = cls.env["res.partner"].create(
            {"name": "Paul Girard", "is_citizen": True, "street": "14 rue des Lilas"}
        )
        cls.Console = cls.env["grc.frontdesk.console"].with_user(cls.frontdesk)

    def _typing(self, **values):
        """The console as the agent fills it in, onchanges included."""
        console = self.Console.create(
            {"channel_id": self.channel_phone.id, "partner_id": self.neighbour.id}
        )
        with Form(console) as form:
            for name, value in values.items():
                setattr(form, name, value)
        return console

    def _lamp_at_lilas(self):
        return self._typing(
            request_type_id=self.type_lamp,
            location_street="12 rue des Lilas",
            location_zip="69003",
            location_city="Lyon",
            request_description="Le lampadaire est éteint.",
        )

    def test_similar_shown_while_typing(self):
        """The same type at the same address shows the open report; another
        street or another type shows nothing."""
        console = self._lamp_at_lilas()
        self.assertEqual(console.similar_request_ids, self.reported)
        console.location_street = "3 avenue Foch"
        self.assertFalse(console.similar_request_ids)
        other_type = self.env["grc.request.type"].create(
            {"name": "Nid de poule", "team_id": self.team_voirie.id}
        )
        console.write(
            {"location_street": "12 rue des Lilas", "request_type_id": other_type.id}
        )
        self.assertFalse(console.similar_request_ids)

    def test_affected_too_instead_of_a_duplicate(self):
        """One key: the citizen joins the open report, nothing is filed, the
        contact is logged and the console is ready for the next caller; a
        second time changes nothing more."""
        Ticket = self.env["helpdesk.ticket"]
        before = Ticket.search_count([])
        console = self._lamp_at_lilas()
        console.action_affected_too_first()
        self.assertEqual(Ticket.search_count([]), before)
        self.assertIn(self.neighbour, self.reported.grc_affected_partner_ids)
        self.assertIn("Paul Girard", self.reported.message_ids[0].body)
        self.assertNotIn(self.neighbour, self.reported.message_partner_ids)
        interaction = self.env["grc.interaction"].search(
            [("partner_id", "=", self.neighbour.id)]
        )
        self.assertEqual(interaction.outcome, "answered")
        self.assertEqual(interaction.channel_id, self.channel_phone)
        self.assertIn(self.reported.number, console.last_result)
        self.assertFalse(console.partner_id or console.request_type_id)
        again = self._lamp_at_lilas()
        self.reported.with_user(self.frontdesk).with_context(
            grc_frontdesk_console_id=again.id
        ).action_grc_frontdesk_affected_too()
        self.assertIn("already concerned", again.last_result)
        self.assertEqual(len(self.reported.grc_affected_partner_ids), 1)

    def test_affected_citizen_told_of_the_resolution(self):
        """Added at the desk, the citizen hears of the resolution like the
        citizens who joined online."""
        self._lamp_at_lilas().action_affected_too_first()
        self.assertIn(self.neighbour, self.reported._grc_affected_partners())

    def test_resolved_request_not_offered(self):
        """A resolved report is over: the citizen files a new request."""
        self._resolve(self.reported)
        self.assertFalse(self._lamp_at_lilas().similar_request_ids)

    def test_confidential_request_never_offered(self):
        """A confidential request is not offered, nor joined by a forged
        click."""
        self.reported.sudo().is_confidential = True
        console = self._lamp_at_lilas()
        self.assertFalse(console.similar_request_ids)
        with self.assertRaisesRegex(UserError, "not among the similar"):
            self.reported.with_user(self.frontdesk).with_context(
                grc_frontdesk_console_id=console.id
            ).action_grc_frontdesk_affected_too()
        self.assertFalse(self.reported.grc_affected_partner_ids)
        with self.assertRaisesRegex(UserError, "No similar open request"):
            console.action_affected_too_first()

    def test_expired_console_refused(self):
        """A click from a console that no longer exists says so."""
        with self.assertRaisesRegex(UserError, "expired"):
            self.reported.with_user(self.frontdesk).with_context(
                grc_frontdesk_console_id=0
            ).action_grc_frontdesk_affected_too()
