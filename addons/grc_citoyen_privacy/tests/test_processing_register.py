# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.common import GrcCommon

REPORT = "grc_citoyen_privacy.report_processing_register"


@tagged("post_install", "-at_install")
class TestProcessingRegister(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.grc_retention_months_default = 24
        cls.type_lamp.retention_months = 60
        cls.admin = new_test_user(
            cls.env,
            login="register-admin",
            groups="base.group_user,grc_citoyen.group_grc_admin",
        )
        cls.agent = new_test_user(
            cls.env,
            login="register-agent",
            groups="base.group_user,grc_citoyen.group_grc_agent",
        )
        cls.team_voirie.write(
            {"user_ids": [Command.set([cls.agent.id])], "user_id": cls.admin.id}
        )
        cls.register = cls.env["grc.processing.register"]

    def _register(self, user=None):
        register = self.register.with_user(user or self.admin)
        return register._grc_register(self.env.company.with_user(user or self.admin))

    def _retention(self, register):
        return {row["item"]: row["months"] for row in register["retention"]}

    def test_register_reflects_the_configuration(self):
        register = self._register()
        self.assertEqual(register["controller"]["name"], self.env.company.name)
        self.assertEqual(self._retention(register)["Éclairage public en panne"], 60)
        purposes = {row["purpose"]: row for row in register["purposes"]}
        lamp = purposes["Handle the requests: Éclairage public en panne"]
        self.assertEqual(lamp["legal_basis"], "Public task (article 6-1-e)")
        self.assertEqual(lamp["detail"], "Voirie")
        self.assertEqual(
            purposes["Satisfaction surveys"]["legal_basis"], "Consent (article 6-1-a)"
        )
        recipients = {row["service"]: row for row in register["recipients"]}
        self.assertEqual(recipients["Voirie"]["agents"], 1)
        self.assertEqual(
            recipients["Voirie"]["request_types"], ["Éclairage public en panne"]
        )
        self.assertTrue(recipients["CCAS"]["confidential"])
        self.assertNotIn(
            "Direction de l'espace public", recipients, "A direction reads nothing."
        )
        self.assertTrue(
            any("CCAS" in measure for measure in register["security_measures"])
        )

    def test_register_changes_with_the_configuration(self):
        before = self._register()
        self.type_lamp.write(
            {
                "retention_months": 36,
                "grc_legal_basis": "legal_obligation",
                "grc_register_purpose": "Entretien de l'éclairage public",
            }
        )
        self.env["grc.request.type"].create(
            {
                "name": "Aide sociale",
                "team_id": self.team_ccas.id,
                "retention_months": 0,
                "is_confidential": True,
            }
        )
        self.team_voirie.name = "Voirie et propreté"
        self.env.company.grc_dpo_user_id = self.admin
        after = self._register()
        self.assertNotEqual(before, after)
        retention = self._retention(after)
        self.assertEqual(retention["Éclairage public en panne"], 36)
        self.assertEqual(retention["Aide sociale"], 24, "The default applies.")
        purposes = {row["purpose"]: row for row in after["purposes"]}
        self.assertEqual(
            purposes["Entretien de l'éclairage public"]["legal_basis"],
            "Legal obligation (article 6-1-c)",
        )
        self.assertIn("Legal obligation (article 6-1-c)", after["legal_bases"])
        recipients = {row["service"]: row for row in after["recipients"]}
        self.assertIn("Voirie et propreté", recipients)
        self.assertEqual(recipients["CCAS"]["request_types"], ["Aide sociale"])
        self.assertTrue(any("Aide sociale" in row for row in after["data_categories"]))
        self.assertEqual(after["controller"]["dpo"], self.admin.name)

    def test_report_and_export(self):
        self.type_lamp.retention_months = 48
        report = self.env["ir.actions.report"].with_user(self.admin)
        html = report._render_qweb_html(REPORT, self.env.company.ids)[0].decode()
        self.assertIn("Éclairage public en panne", html)
        self.assertIn("<td>48</td>", html)
        self.assertIn("Recipients by service", html)
        document = json.loads(
            self.register.with_user(self.admin)._grc_register_json(self.env.company)
        )
        self.assertEqual(
            {row["item"]: row["months"] for row in document["retention"]}[
                "Éclairage public en panne"
            ],
            48,
        )
        settings = self.env["res.config.settings"].create({})
        action = settings.action_grc_export_processing_register()
        self.assertEqual(
            action["url"], f"/grc/privacy/register/{self.env.company.id}.json"
        )
        self.assertEqual(
            settings.action_grc_print_processing_register()["report_name"], REPORT
        )

    def test_menu_actions(self):
        server = self.env.ref("grc_citoyen_privacy.action_export_processing_register")
        action = server.with_user(self.admin).run()
        self.assertEqual(
            action["url"], f"/grc/privacy/register/{self.env.company.id}.json"
        )
        with self.assertRaises(AccessError):
            server.with_user(self.agent).run()

    def test_agent_cannot_read_the_register(self):
        with self.assertRaises(AccessError):
            self._register(self.agent)
        with self.assertRaises(AccessError):
            self.register.with_user(self.agent)._grc_register_json(self.env.company)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.agent)._render_qweb_html(
                REPORT, self.env.company.ids
            )

    def test_dpo_reads_the_register(self):
        dpo = new_test_user(self.env, login="register-dpo", groups="base.group_user")
        with self.assertRaises(AccessError):
            self._register(dpo)
        self.env.company.grc_dpo_user_id = dpo
        self.assertTrue(self._register(dpo)["purposes"])


@tagged("post_install", "-at_install")
class TestProcessingRegisterExport(HttpCase, GrcCommon):
    def test_export_for_admins_only(self):
        new_test_user(
            self.env,
            login="register-http-admin",
            password="register-http-admin",
            groups="base.group_user,grc_citoyen.group_grc_admin",
        )
        new_test_user(
            self.env,
            login="register-http-agent",
            password="register-http-agent",
            groups="base.group_user,grc_citoyen.group_grc_agent",
        )
        url = f"/grc/privacy/register/{self.env.company.id}.json"
        self.authenticate("register-http-agent", "register-http-agent")
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(url).status_code, 403)
        self.authenticate("register-http-admin", "register-http-admin")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        retention = {row["item"]: row["months"] for row in response.json()["retention"]}
        self.assertEqual(retention["Éclairage public en panne"], 60)
