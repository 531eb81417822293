# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import OidcCase

AGENT = {
    "email": "Claire.Agent@Mairie.example.test",
    "given_name": "Claire",
    "usual_name": "Agent",
    "siret": "21750001600019",
}


@tagged("post_install", "-at_install")
class TestProConnect(OidcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="claire.agent@mairie.example.test",
            groups="base.group_user",
            name="Claire Agent",
            email="claire.agent@mairie.example.test",
        )

    def _users_count(self):
        return self.env["res.users"].with_context(active_test=False).search_count([])

    def test_existing_agent_by_email(self):
        count = self._users_count()
        response = self.sign_in(self.pc, "pc-sub-1", identity=AGENT)
        self.assertNotIn("grc_oidc_error", response.headers["Location"])
        self.assertEqual(self.session_uid(), self.agent.id)
        self.assertEqual(self.agent.oauth_provider_id, self.pc)
        self.assertEqual(self.agent.oauth_uid, "pc-sub-1")
        self.assertEqual(self._users_count(), count)
        # ProConnect sends no acr_values unless configured.
        self.assertNotIn("acr_values", self.provider.last_authorize)

    def test_unknown_agent_is_not_created(self):
        count = self._users_count()
        response = self.sign_in(
            self.pc, "pc-sub-2", identity=dict(AGENT, email="new.agent@example.test")
        )
        self.assertRefused(response, "no_agent")
        self.assertEqual(self._users_count(), count)

    def test_portal_account_is_not_an_agent(self):
        new_test_user(
            self.env,
            login="citizen.pc@example.test",
            groups="base.group_portal",
            email="citizen.pc@example.test",
        )
        response = self.sign_in(
            self.pc, "pc-sub-3", identity=dict(AGENT, email="citizen.pc@example.test")
        )
        self.assertRefused(response, "no_agent")

    def test_organisation_siret(self):
        self.pc.grc_allowed_siret = "21750001600019, 21690123100011"
        response = self.sign_in(
            self.pc, "pc-sub-1", identity=dict(AGENT, siret="11111111111111")
        )
        self.assertRefused(response, "no_agent")
        self.assertFalse(self.agent.oauth_uid)
        response = self.sign_in(self.pc, "pc-sub-1", identity=AGENT, code="code-2")
        self.assertNotIn("grc_oidc_error", response.headers["Location"])
        self.assertEqual(self.session_uid(), self.agent.id)

    def test_archived_agent(self):
        self.sign_in(self.pc, "pc-sub-1", identity=AGENT)
        self.agent.active = False
        self.opener.cookies.clear()
        response = self.sign_in(self.pc, "pc-sub-1", identity=AGENT, code="code-2")
        self.assertRefused(response, "no_agent")
