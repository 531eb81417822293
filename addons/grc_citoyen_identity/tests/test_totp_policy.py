# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessDenied, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models.res_users import AGENT_TOTP_PARAM


@tagged("post_install", "-at_install")
class TestAgentTotpPolicy(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # authenticate() opens its own cursor: let it see this test's users.
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)
        cls.agent = new_test_user(
            cls.env,
            login="totp-agent",
            password="totp-agent-pw-1",
            groups="base.group_user",
        )
        cls.citizen = new_test_user(
            cls.env,
            login="totp-citizen",
            password="totp-citizen-pw-1",
            groups="base.group_portal",
        )
        cls.admin = new_test_user(
            cls.env, login="totp-admin", groups="base.group_user,base.group_system"
        )

    def _login(self, login, password):
        return self.env["res.users"].authenticate(
            self.env.cr.dbname,
            {"type": "password", "login": login, "password": password},
            {"interactive": True},
        )

    def test_password_login_without_totp_refused_when_required(self):
        self.assertEqual(
            self._login("totp-agent", "totp-agent-pw-1")["uid"], self.agent.id
        )
        self.env["ir.config_parameter"].set_param(AGENT_TOTP_PARAM, "True")
        with self.assertRaises(AccessDenied) as caught:
            self._login("totp-agent", "totp-agent-pw-1")
        self.assertIn("two-factor", str(caught.exception))
        # Citizens are not concerned.
        self.assertEqual(
            self._login("totp-citizen", "totp-citizen-pw-1")["uid"], self.citizen.id
        )
        # With TOTP enabled, the password is followed by the code, as usual.
        self.agent.sudo().totp_secret = "JBSWY3DPEHPK3PXP"
        self.assertEqual(
            self._login("totp-agent", "totp-agent-pw-1")["uid"], self.agent.id
        )

    def test_administrator_must_have_totp_to_require_it(self):
        settings = self.env["res.config.settings"].with_user(self.admin)
        with self.assertRaises(UserError):
            settings.create({"grc_agent_totp_required": True}).execute()
        self.assertFalse(self.env["ir.config_parameter"].get_param(AGENT_TOTP_PARAM))
        self.admin.sudo().totp_secret = "JBSWY3DPEHPK3PXP"
        settings.create({"grc_agent_totp_required": True}).execute()
        self.assertTrue(self.env["ir.config_parameter"].get_param(AGENT_TOTP_PARAM))
