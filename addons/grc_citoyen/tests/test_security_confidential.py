# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import GrcCommon


class ConfidentialCommon(GrcCommon):
    """A CCAS (confidential) request and a Voirie one, and the users around
    them: a CCAS agent, a Voirie agent, the front desk and steering."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups, teams=None):
            new_user = new_test_user(cls.env, login=login, groups=groups)
            if teams:
                teams.write({"user_ids": [(4, new_user.id)]})
            return new_user

        cls.agent_ccas = user(
            "conf-agent-ccas", "grc_citoyen.group_grc_agent", cls.team_ccas
        )
        cls.agent_voirie = user(
            "conf-agent-voirie", "grc_citoyen.group_grc_agent", cls.team_voirie
        )
        cls.frontdesk = user("conf-frontdesk", "grc_citoyen.group_grc_frontdesk")
        cls.steering = user("conf-steering", "grc_citoyen.group_grc_steering")
        cls.outsiders = cls.agent_voirie | cls.frontdesk | cls.steering

        cls.request_ccas = cls._create_request(
            name="Aide alimentaire d'urgence", team_id=cls.team_ccas.id
        )
        cls.request_voirie = cls._create_request()
        cls.secret_citizen = cls.env["res.partner"].create(
            {"name": "Ophélie Discrète", "is_citizen": True}
        )

    def assertHidden(self, records, user, write_vals):
        """``user`` can neither find, read, group nor write ``records``."""
        Model = records.with_user(user)
        self.assertFalse(
            Model.search([("id", "in", records.ids)]),
            f"{user.login} finds {records}",
        )
        for record in Model:
            with self.assertRaises(AccessError, msg=f"{user.login} reads {record}"):
                record.read(["display_name"])
            with self.assertRaises(AccessError, msg=f"{user.login} writes {record}"):
                record.write(write_vals)
        groups = Model.read_group(
            [("id", "in", records.ids)], ["__count"], ["create_uid"]
        )
        self.assertFalse(groups, f"{user.login} counts {records}")


class TestInteractionConfidentiality(ConfidentialCommon):
    """A contact with a confidential service (or about a confidential request)
    is as secret as the request: its notes, its citizen, that it happened."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        channel = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        Interaction = cls.env["grc.interaction"]
        cls.contact_ccas = Interaction.create(
            {
                "name": "Dettes de loyer",
                "partner_id": cls.secret_citizen.id,
                "channel_id": channel.id,
                "team_id": cls.team_ccas.id,
                "notes": "Orientée vers l'assistante sociale.",
            }
        )
        cls.contact_on_ccas_request = Interaction.create(
            {
                "name": "Relance",
                "partner_id": cls.secret_citizen.id,
                "channel_id": channel.id,
                "ticket_id": cls.request_ccas.id,
            }
        )
        cls.contact_voirie = Interaction.create(
            {
                "name": "Lampadaire",
                "partner_id": cls.citizen.id,
                "channel_id": channel.id,
                "team_id": cls.team_voirie.id,
            }
        )
        cls.secret = cls.contact_ccas | cls.contact_on_ccas_request

    def test_confidential_through_service_or_request(self):
        self.assertTrue(self.contact_ccas.is_confidential)
        self.assertTrue(self.contact_on_ccas_request.is_confidential)
        self.assertFalse(self.contact_voirie.is_confidential)

    def test_outsiders_neither_read_nor_write(self):
        """Another service's agent, the front desk and steering see nothing of
        a confidential contact, not even in a count by citizen."""
        for user in self.outsiders:
            with self.subTest(user=user.login):
                self.assertHidden(self.secret, user, {"notes": "Lu."})
                counts = (
                    self.env["grc.interaction"]
                    .with_user(user)
                    .read_group(
                        [("partner_id", "=", self.secret_citizen.id)],
                        ["__count"],
                        ["partner_id"],
                    )
                )
                self.assertFalse(counts)

    def test_outsiders_keep_ordinary_contacts(self):
        for user in self.outsiders:
            with self.subTest(user=user.login):
                self.assertTrue(
                    self.contact_voirie.with_user(user).read(["notes"])[0]["id"]
                )

    def test_service_agent_reads_and_writes(self):
        """The CCAS agent handles the contacts of the CCAS."""
        for contact in self.secret.with_user(self.agent_ccas):
            contact.write({"notes": "Rendez-vous fixé."})
            self.assertEqual(contact.notes, "Rendez-vous fixé.")

    def test_frontdesk_logs_a_contact_it_cannot_read_back(self):
        """The front desk logs a contact with the CCAS, then no longer sees it."""
        contact = (
            self.env["grc.interaction"]
            .with_user(self.frontdesk)
            .create(
                {
                    "name": "Demande de rendez-vous",
                    "partner_id": self.secret_citizen.id,
                    "channel_id": self.contact_ccas.channel_id.id,
                    "team_id": self.team_ccas.id,
                }
            )
        )
        self.assertTrue(contact.sudo().is_confidential)
        self.assertHidden(contact, self.frontdesk, {"notes": "Lu."})
