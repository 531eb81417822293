# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon
from odoo.addons.grc_citoyen.tests.french_screens import FrenchScreensMixin


class FrontdeskCommon(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"
        cls.channel_phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.channel_desk = cls.env.ref("grc_citoyen.helpdesk_ticket_channel_front_desk")
        cls.frontdesk = new_test_user(
            cls.env, login="grc-desk", groups="grc_citoyen.group_grc_frontdesk"
        )
        cls.citizen.write({"phone": "06 12 34 56 78", "city": "Lyon"})
        cls.type_ccas = cls.env["grc.request.type"].create(
            {
                "name": "Rendez-vous assistante sociale",
                "code": "RDV",
                "team_id": cls.team_ccas.id,
                "is_confidential": True,
            }
        )
        cls.Console = cls.env["grc.frontdesk.console"].with_user(cls.frontdesk)

    def _console(self, **values):
        values.setdefault("channel_id", self.channel_phone.id)
        return self.Console.create(values)


class TestFrontdeskSearch(FrontdeskCommon):
    def test_search_by_phone_in_any_format(self):
        """A number finds its citizen however it is typed."""
        for typed in (
            "06 12 34 56 78",
            "0612345678",
            "06.12.34.56.78",
            "+33 6 12 34 56 78",
            "0033612345678",
            "06 12 34",
        ):
            with self.subTest(typed=typed):
                self.assertEqual(self.Console._grc_search_citizens(typed), self.citizen)

    def test_search_by_email(self):
        """An e-mail, whole or in part and in any case, finds its citizen."""
        for typed in ("Helene.Nunez@Example.fr", "nunez@"):
            with self.subTest(typed=typed):
                self.assertEqual(self.Console._grc_search_citizens(typed), self.citizen)

    def test_search_by_name_without_accents_in_any_order(self):
        """Name words match without accents, case nor order."""
        self.assertEqual(self.Console._grc_search_citizens("nunez hel"), self.citizen)
        self.assertFalse(self.Console._grc_search_citizens("nunez paul"))

    def test_search_by_citizen_number(self):
        """The citizen number finds its citizen."""
        number = self.citizen.citizen_number
        self.assertEqual(
            self.Console._grc_search_citizens(number.lower()), self.citizen
        )

    def test_search_by_reference_finds_the_request_citizen(self):
        """A request reference gives its citizen, even a confidential one's."""
        ordinary = self._create_request()
        confidential = self._create_request(
            request_type_id=self.type_ccas.id, team_id=self.team_ccas.id
        )
        for request in (ordinary, confidential):
            with self.subTest(number=request.number):
                self.assertEqual(
                    self.Console._grc_search_citizens(request.number.lower()),
                    self.citizen,
                )
        self.assertFalse(self.Console._grc_search_citizens("DEM-1999-999999"))

    def test_search_ignores_other_contacts(self):
        """Only citizens are found, never other contacts."""
        self.env["res.partner"].create(
            {"name": "Hélène Núñez SARL", "phone": "0612345678"}
        )
        self.assertEqual(self.Console._grc_search_citizens("nunez"), self.citizen)
        self.assertEqual(self.Console._grc_search_citizens("0612345678"), self.citizen)

    def test_search_is_one_query(self):
        """Looking citizens up costs one query, whatever the number found."""
        self.env["res.partner"].create(
            [{"name": f"Núñez {i}", "is_citizen": True} for i in range(10)]
        )
        self.env.flush_all()
        console = self.Console.browse()
        console._grc_search_citizens("warm the caches up")
        with self.assertQueryCount(1):
            self.assertEqual(len(console._grc_search_citizens("nunez")), 11)

    def test_single_result_selects_the_citizen(self):
        """One match opens the citizen's file; several let the agent choose."""
        form = Form(self._console())
        form.search_term = "06 12 34 56 78"
        self.assertEqual(form.partner_id, self.citizen)
        self.env["res.partner"].create({"name": "Núñez Paul", "is_citizen": True})
        form.search_term = "nunez"
        self.assertFalse(form.partner_id)
        self.assertEqual(form.result_count, 2)

    def test_no_result_prepares_a_new_citizen(self):
        """What was searched in vain fills the new citizen's form."""
        form = Form(self._console())
        form.search_term = "07 98 76 54 32"
        self.assertFalse(form.result_count)
        self.assertEqual(form.new_phone, "07 98 76 54 32")
        form.search_term = "Paul Durand"
        self.assertEqual(form.new_name, "Paul Durand")

    def test_agent_picks_a_citizen_from_the_results(self):
        """The Select button of a result opens that citizen on the console."""
        console = self._console(search_term="nunez")
        self.citizen.with_user(self.frontdesk).with_context(
            grc_frontdesk_console_id=console.id
        ).action_grc_frontdesk_select()
        self.assertEqual(console.partner_id, self.citizen)

    def test_console_of_another_agent_is_out_of_reach(self):
        """An agent cannot read nor drive another agent's console."""
        console = self._console(search_term="nunez")
        other = new_test_user(
            self.env, login="grc-desk-2", groups="grc_citoyen.group_grc_frontdesk"
        )
        with self.assertRaises(AccessError):
            console.with_user(other).read(["search_term"])
        with self.assertRaises(UserError):
            self.citizen.with_user(other).with_context(
                grc_frontdesk_console_id=console.id
            ).action_grc_frontdesk_select()

    def test_console_opens_on_the_last_channel(self):
        """Opening the console again gives back the one left between two
        contacts; one left on a citizen gives a new console on the channel
        the agent used last."""
        first = self.Console.browse(self.Console.action_open_console()["res_id"])
        self.assertEqual(first.channel_id, self.channel_desk)
        first.channel_id = self.channel_phone
        again = self.Console.browse(self.Console.action_open_console()["res_id"])
        self.assertEqual(again, first, "no new console at each opening")
        first.partner_id = self.citizen
        second = self.Console.browse(self.Console.action_open_console()["res_id"])
        self.assertNotEqual(first, second)
        self.assertEqual(second.channel_id, self.channel_phone)

    def test_front_desk_lands_on_the_console(self):
        """The front desk's home is the console, not a new one each time."""
        home = self.env.ref("grc_citoyen.action_grc_home").with_user(self.frontdesk)
        first = home.run()
        self.assertEqual(first["res_model"], "grc.frontdesk.console")
        self.assertEqual(home.run()["res_id"], first["res_id"])
        self.assertEqual(self.frontdesk.action_id.id, home.id)


class TestFrontdeskCitizenFile(FrontdeskCommon):
    def test_file_shows_needs_open_requests_and_contacts(self):
        """The citizen's support needs, open requests and contacts are shown."""
        need = self.env["grc.support.need"].create({"name": "Malentendant"})
        self.citizen.write(
            {"support_need_ids": [(4, need.id)], "support_note": "Parler fort."}
        )
        open_request = self._create_request()
        done_request = self._resolve(self._create_request(name="Autre"))
        confidential = self._create_request(
            request_type_id=self.type_ccas.id, team_id=self.team_ccas.id
        )
        contact = self.env["grc.interaction"].create(
            {
                "name": "Horaires",
                "partner_id": self.citizen.id,
                "channel_id": self.channel_phone.id,
            }
        )
        console = self._console(partner_id=self.citizen.id)
        self.assertEqual(console.support_need_ids, need)
        self.assertEqual(console.support_note, "Parler fort.")
        self.assertIn(open_request, console.open_request_ids)
        self.assertNotIn(done_request, console.open_request_ids)
        # The front desk does not even learn that a confidential one exists.
        self.assertNotIn(confidential, console.open_request_ids)
        self.assertEqual(console.interaction_ids, contact)


class TestFrontdeskOutcomes(FrontdeskCommon):
    def test_answered_on_the_spot_logs_the_contact(self):
        """Answering logs an interaction and resets the console, channel kept."""
        console = self._console(
            partner_id=self.citizen.id,
            search_term="nunez",
            interaction_subject="Horaires de la piscine",
            interaction_notes="Ouverte de 9h à 19h.",
        )
        key = console.idempotency_key
        console.action_answered()
        interaction = self.env["grc.interaction"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(interaction.name, "Horaires de la piscine")
        self.assertEqual(interaction.outcome, "answered")
        self.assertEqual(interaction.channel_id, self.channel_phone)
        self.assertEqual(interaction.user_id, self.frontdesk)
        self.assertFalse(interaction.ticket_id)
        self.assertFalse(console.partner_id)
        self.assertFalse(console.search_term)
        self.assertFalse(console.interaction_subject)
        self.assertEqual(console.channel_id, self.channel_phone)
        self.assertNotEqual(console.idempotency_key, key)
        self.assertIn("answered on the spot", console.last_result)

    def test_answered_needs_a_citizen_and_a_subject(self):
        """Nothing is logged without the citizen or what they asked."""
        with self.assertRaises(UserError):
            self._console(interaction_subject="Horaires").action_answered()
        with self.assertRaises(UserError):
            self._console(partner_id=self.citizen.id).action_answered()

    def test_create_request_sets_channel_and_citizen(self):
        """The request is filed by the intake with the console's channel,
        citizen and idempotency key, and the contact is logged."""
        console = self._console(
            partner_id=self.citizen.id,
            request_type_id=self.type_lamp.id,
            request_subject="Lampadaire éteint",
            request_description="Devant le 12 rue des Lilas.",
            location_street="12 rue des Lilas",
            location_city="Lyon",
        )
        key = console.idempotency_key
        console.action_create_request()
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.channel_id, self.channel_phone)
        self.assertEqual(ticket.request_type_id, self.type_lamp)
        self.assertEqual(ticket.team_id, self.team_voirie)
        self.assertEqual(ticket.name, "Lampadaire éteint")
        self.assertEqual(ticket.location_city, "Lyon")
        self.assertEqual(ticket.grc_idempotency_key, key)
        self.assertEqual(ticket.create_uid, self.frontdesk)
        self.assertIn(self.citizen, ticket.message_partner_ids)
        self.assertEqual(
            console.last_result, f"Request {ticket.number} filed for Voirie."
        )
        self.assertFalse(console.partner_id)
        self.assertFalse(console.request_type_id)
        interaction = ticket.env["grc.interaction"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(interaction.ticket_id, ticket)
        self.assertEqual(interaction.outcome, "request")
        self.assertEqual(interaction.channel_id, self.channel_phone)

    def test_retried_request_is_filed_once(self):
        """The console's key makes a retried submission return the same request."""
        console = self._console(
            partner_id=self.citizen.id,
            request_type_id=self.type_lamp.id,
            request_description="Lampadaire éteint.",
        )
        tickets = self.env["helpdesk.ticket"].with_user(self.frontdesk)
        values = console._grc_request_values()
        first = tickets._grc_submit_request(values)
        self.assertEqual(tickets._grc_submit_request(values), first)

    def test_confidential_request_shows_only_reference_and_service(self):
        """A confidential request is filed, then told by reference and service
        only; the contact logged says nothing of it."""
        console = self._console(
            partner_id=self.citizen.id,
            request_type_id=self.type_ccas.id,
            request_subject="Aide alimentaire",
            request_description="Besoin d'un colis.",
        )
        console.action_create_request()
        ticket = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search([("request_type_id", "=", self.type_ccas.id)])
        )
        self.assertEqual(
            console.last_result, f"Request {ticket.number} filed for CCAS."
        )
        with self.assertRaises(AccessError):
            ticket.with_user(self.frontdesk).check_access("read")
        interaction = self.env["grc.interaction"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(interaction.name, "Confidential request")
        self.assertEqual(interaction.outcome, "request")
        self.assertFalse(interaction.ticket_id)
        self.assertFalse(interaction.team_id)

    def test_request_type_not_offered_online_is_filed_at_the_desk(self):
        """The desk files types absent from the online catalogue; the portal
        path still refuses them."""
        self.type_ccas.is_published = False
        console = self._console(
            partner_id=self.citizen.id,
            request_type_id=self.type_ccas.id,
            request_description="Rendez-vous.",
        )
        values = console._grc_request_values()
        with self.assertRaises(ValidationError):
            self.env["helpdesk.ticket"].with_user(self.frontdesk)._grc_submit_request(
                dict(values, idempotency_key="other")
            )
        console.action_create_request()
        self.assertIn("filed for CCAS", console.last_result)

    def test_create_request_reports_missing_values(self):
        """A missing type or location is refused with a clear message."""
        with self.assertRaises(UserError):
            self._console(partner_id=self.citizen.id).action_create_request()
        self.type_lamp.location_required = True
        console = self._console(
            partner_id=self.citizen.id,
            request_type_id=self.type_lamp.id,
            request_description="Lampadaire éteint.",
        )
        with self.assertRaisesRegex(ValidationError, "address"):
            console.action_create_request()


class TestFrontdeskNewCitizen(FrontdeskCommon):
    def test_new_citizen_reuses_an_existing_match(self):
        """A citizen typed again is found by the dedup engine, not duplicated."""
        console = self._console(new_name="Helene NUNEZ", new_phone="+33612345678")
        self.assertEqual(console.new_match_id, self.citizen)
        count = self.env["res.partner"].search_count([("is_citizen", "=", True)])
        console.action_create_citizen()
        self.assertEqual(console.partner_id, self.citizen)
        self.assertIn("already known", console.last_result)
        self.assertEqual(
            self.env["res.partner"].search_count([("is_citizen", "=", True)]), count
        )

    def test_new_citizen_is_created(self):
        """A new person becomes a citizen with a number and a normalised phone."""
        console = self._console(
            new_name="Paul Durand",
            new_phone="07 98 76 54 32",
            new_email="paul.durand@example.fr",
            new_city="Lyon",
        )
        self.assertFalse(console.new_match_id)
        console.action_create_citizen()
        citizen = console.partner_id
        self.assertTrue(citizen.is_citizen)
        self.assertTrue(citizen.citizen_number)
        self.assertEqual(citizen.phone, "+33798765432")
        self.assertEqual(citizen.city, "Lyon")

    def test_new_citizen_created_anyway_on_request(self):
        """The agent may still create a homonym the engine took for a match."""
        console = self._console(
            new_name="Hélène Núñez", new_email="helene.nunez@example.fr"
        )
        self.assertEqual(console.new_match_id, self.citizen)
        console.with_context(grc_force_new_citizen=True).action_create_citizen()
        self.assertNotEqual(console.partner_id, self.citizen)
        self.assertTrue(console.partner_id.is_citizen)

    def test_new_citizen_needs_a_name(self):
        """A citizen is not created without a name."""
        with self.assertRaises(UserError):
            self._console(new_phone="0798765432").action_create_citizen()

    def test_use_the_match(self):
        """The "use this citizen" button opens the citizen found."""
        console = self._console(new_email="HELENE.NUNEZ@example.fr")
        console.action_use_match()
        self.assertEqual(console.partner_id, self.citizen)


class TestFrontdeskKeyboard(FrontdeskCommon):
    def test_citizen_address_as_the_place(self):
        """The citizen's address is offered as the place of the request."""
        self.citizen.write({"street": "12 rue des Lilas", "zip": "69003"})
        console = self._console(partner_id=self.citizen.id)
        console.action_use_citizen_address()
        self.assertEqual(
            (console.location_street, console.location_zip, console.location_city),
            ("12 rue des Lilas", "69003", "Lyon"),
        )
        self.citizen.street = False
        with self.assertRaises(UserError):
            self._console(partner_id=self.citizen.id).action_use_citizen_address()

    def test_canned_answer_fills_the_answer(self):
        """A canned answer of the service fills the answer given."""
        canned = self.env["mail.canned.response"].create(
            {
                "source": "piscine",
                "description": "Horaires de la piscine",
                "substitution": "Ouverte de 9h à 19h.",
                "group_ids": [(4, self.env.ref("grc_citoyen.group_grc_frontdesk").id)],
            }
        )
        with Form(self._console(partner_id=self.citizen.id)) as form:
            form.canned_response_id = canned.with_user(self.frontdesk)
            self.assertEqual(form.interaction_notes, "Ouverte de 9h à 19h.")
            self.assertEqual(form.interaction_subject, "Horaires de la piscine")

    def test_hotkeys_shown_on_the_console(self):
        """The buttons of a contact have their shortcut, shown to the agent."""
        arch = self.Console.get_views([(False, "form")])["views"]["form"]["arch"]
        for hotkey, button in (
            ("y", "action_answered"),
            ("r", "action_create_request"),
            ("u", "action_create_citizen"),
        ):
            self.assertIn(f'name="{button}"', arch)
            self.assertIn(f'data-hotkey="{hotkey}"', arch)
            self.assertIn(f"Alt+{hotkey.upper()}", arch)


@tagged("post_install", "-at_install")
class TestFrontdeskFrench(FrenchScreensMixin, FrontdeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._grc_load_french()

    def test_console_in_french(self):
        self.assertScreensInFrench(
            views=[
                (
                    "grc.frontdesk.console",
                    "grc_citoyen_frontdesk.grc_frontdesk_console_view_form",
                    "form",
                )
            ],
            actions=["grc_citoyen_frontdesk.grc_frontdesk_console_action"],
        )
