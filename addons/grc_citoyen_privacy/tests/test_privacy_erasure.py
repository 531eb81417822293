# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon


class TestErasureRequest(GrcCommon):
    """A citizen's erasure request, from the portal to the decision."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dpo = new_test_user(
            cls.env,
            login="dpo",
            groups="grc_citoyen.group_grc_admin",
            name="Déléguée à la protection des données",
        )
        cls.env.company.grc_dpo_user_id = cls.dpo
        cls.user_helene, cls.user_marc = cls._create_portal_users("erasure")
        cls.agent = new_test_user(
            cls.env, login="erasure-agent", groups="grc_citoyen.group_grc_manager"
        )
        cls.open_request = cls._create_request(
            location_street="12 rue des Lilas", location_zip="69003"
        )
        cls.done_request = cls._resolve(cls._create_request(name="Banc cassé"))
        cls.interaction = cls.env["grc.interaction"].create(
            {
                "name": "Appel de Mme Núñez",
                "partner_id": cls.citizen.id,
                "channel_id": cls.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
                "notes": "Rappeler au 06 12 34 56 78",
            }
        )
        cls.Erasure = cls.env["grc.erasure.request"]

    def _ask(self, user, reason="Je déménage."):
        return self.Erasure._grc_portal_request(user, reason)

    def test_request_gets_an_activity_for_the_dpo(self):
        """Filed from the portal: to review, with an activity for the DPO;
        asking again returns the pending request."""
        erasure = self._ask(self.user_helene)
        self.assertEqual(erasure.partner_id, self.citizen)
        self.assertEqual(erasure.user_id, self.user_helene)
        self.assertEqual(erasure.state, "new")
        self.assertEqual(erasure.reason, "Je déménage.")
        self.assertEqual(erasure.activity_ids.user_id, self.dpo)
        self.assertEqual(self._ask(self.user_helene), erasure)

    def test_refused_while_requests_are_open(self):
        """Erasure is refused, naming the open requests, while one is open."""
        erasure = self._ask(self.user_helene)
        self.assertEqual(erasure.open_request_count, 1)
        with self.assertRaisesRegex(UserError, self.open_request.number):
            erasure.with_user(self.dpo).action_execute()
        self.assertEqual(erasure.state, "new")
        self.assertFalse(self.done_request.grc_anonymised_date)
        self.assertEqual(self.citizen.name, "Hélène Núñez")

    def test_execution_anonymises_everything_at_once(self):
        """Once nothing is open, the erasure anonymises requests (whatever
        their retention), interactions and the citizen, closes the account,
        tells the citizen and leaves a trace."""
        self.open_request.action_grc_cancel()
        visitor = self.env["website.visitor"].create(
            {"access_token": str(self.citizen.id)}
        )
        self.assertEqual(visitor.partner_id, self.citizen)
        device = self.env["mail.push.device"].create(
            {
                "partner_id": self.citizen.id,
                "endpoint": "https://push.example.fr/send/helene",
                "keys": '{"p256dh": "x", "auth": "y"}',
            }
        )
        erasure = self._ask(self.user_helene)
        mails = self.env["mail.mail"].search([])
        erasure.with_user(self.dpo).write(
            {"decision_note": "Factures conservées 10 ans (obligation comptable)."}
        )
        erasure.with_user(self.dpo).action_execute()
        self.assertEqual(erasure.state, "done")
        self.assertEqual(erasure.decision_user_id, self.dpo)
        self.assertEqual((erasure.request_count, erasure.interaction_count), (2, 1))
        self.assertFalse(erasure.activity_ids)
        for request in self.open_request | self.done_request:
            self.assertTrue(request.grc_anonymised_date)
        self.assertFalse(self.open_request.location_street)
        self.assertEqual(self.open_request.location_zip, "69003")
        self.assertFalse(self.interaction.notes)
        citizen = self.citizen.with_context(active_test=False)
        self.assertEqual(citizen.name, f"Citizen anonymised #{citizen.id}")
        self.assertFalse(citizen.email)
        self.assertFalse(citizen.active)
        self.assertFalse(self.user_helene.with_context(active_test=False).active)
        self.assertFalse(visitor.exists(), "browsing history removed")
        self.assertFalse(device.exists(), "nothing pushed to an anonymised citizen")
        log = self.env["grc.retention.log"].search(
            [("erasure_request_id", "=", erasure.id)]
        )
        self.assertEqual(
            (log.trigger, log.request_count, log.citizen_count), ("erasure", 2, 1)
        )
        mail = self.env["mail.mail"].search([]) - mails
        self.assertEqual(mail.email_to, "helene.nunez@example.fr")
        self.assertIn("obligation comptable", str(mail.body_html))
        with self.assertRaises(UserError):
            erasure.with_user(self.dpo).action_execute()

    def test_refusal_needs_its_grounds(self):
        """A refusal without grounds is rejected; with them it is recorded."""
        erasure = self._ask(self.user_helene)
        with self.assertRaisesRegex(UserError, "grounds"):
            erasure.with_user(self.dpo).action_refuse()
        erasure.decision_note = "Procédure contentieuse en cours."
        erasure.with_user(self.dpo).action_refuse()
        self.assertEqual(erasure.state, "refused")
        self.assertFalse(erasure.activity_ids)
        self.assertFalse(self.citizen.grc_anonymised_date)
        self.assertEqual(self._ask(self.user_helene).state, "new", "may ask again")

    def test_citizen_reads_only_their_own_requests(self):
        """A citizen reads their own erasure request, not another's."""
        mine = self._ask(self.user_helene)
        other = self._ask(self.user_marc)
        Erasure = self.Erasure.with_user(self.user_helene)
        self.assertEqual(Erasure.search([]), mine)
        self.assertEqual(mine.with_user(self.user_helene).state, "new")
        with self.assertRaises(AccessError):
            other.with_user(self.user_helene).read(["state"])
        with self.assertRaises(AccessError):
            mine.with_user(self.user_helene).write({"state": "done"})

    def test_agents_cannot_read_erasure_requests(self):
        """Service agents and managers have no access to erasure requests."""
        erasure = self._ask(self.user_helene)
        with self.assertRaises(AccessError):
            erasure.with_user(self.agent).read(["state"])
        with self.assertRaises(AccessError):
            self.Erasure.with_user(self.agent).search([])
        self.assertEqual(self.Erasure.with_user(self.dpo).search([]), erasure)
