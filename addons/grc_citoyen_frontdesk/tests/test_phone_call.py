# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The phone call log: recorded by agents, imported from a telephony
system's CSV export, confidential lines kept to their service."""

import base64
from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon

CSV = (
    "call_id;date;direction;status;service;wait_seconds;duration_seconds\n"
    "A1;2026-03-31 23:30:00;entrant;répondu;Voirie;12;95\n"
    "A2;2026-04-01 08:05;inbound;abandoned;VOI;140;\n"
    "A3;01/04/2026 09:00;outbound;answered;;;0:02:05\n"
    "A4;2026-04-01 10:00:00;inbound;missed;CCAS;30;0\n"
)


class TestPhoneCall(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Europe/Paris"
        cls.manager = new_test_user(
            cls.env, login="grc-call-manager", groups="grc_citoyen.group_grc_manager"
        )
        cls.desk = new_test_user(
            cls.env, login="grc-call-desk", groups="grc_citoyen.group_grc_frontdesk"
        )
        cls.ccas_agent = new_test_user(
            cls.env, login="grc-call-ccas", groups="grc_citoyen.group_grc_agent"
        )
        cls.team_ccas.user_ids = [(4, cls.ccas_agent.id)]

    def _import(self, text, user=None):
        wizard = (
            self.env["grc.phone.call.import"]
            .with_user(user or self.manager)
            .create({"file": base64.b64encode(text.encode("utf-8"))})
        )
        wizard.action_import()
        return wizard

    def test_import_reads_the_export(self):
        wizard = self._import(CSV)
        self.assertEqual((wizard.imported_count, wizard.skipped_count), (4, 0))
        calls = self.env["grc.phone.call"].search(
            [("external_ref", "in", ["A1", "A2", "A3", "A4"])], order="external_ref"
        )
        a1, a2, a3, a4 = calls
        # 23:30 in Paris on March 31st (summer time): 21:30 UTC.
        self.assertEqual(a1.date, datetime(2026, 3, 31, 21, 30))
        self.assertEqual(
            (a1.direction, a1.status, a1.team_id, a1.wait_seconds, a1.duration_seconds),
            ("inbound", "answered", self.team_voirie, 12, 95),
        )
        self.assertEqual((a2.status, a2.team_id), ("missed", self.team_voirie))
        self.assertEqual((a3.direction, a3.duration_seconds), ("outbound", 125))
        self.assertFalse(a3.team_id)
        self.assertTrue(a4.is_confidential)
        self.assertEqual(set(calls.mapped("source")), {"import"})
        # The same export again (and one more call): nothing twice.
        again = self._import(CSV + "A5;2026-04-02 10:00:00;inbound;missed;Voirie;3;0\n")
        self.assertEqual((again.imported_count, again.skipped_count), (1, 4))

    def test_faulty_file_imports_nothing(self):
        text = (
            "call_id,date,status,service\n"
            "B1,2026-04-01 10:00,answered,Voirie\n"
            "B2,yesterday,answered,Voirie\n"
            "B3,2026-04-01 11:00,perhaps,Piscine\n"
        )
        with self.assertRaises(UserError) as caught:
            self._import(text)
        message = str(caught.exception)
        self.assertIn("line 3", message)
        self.assertIn("line 4", message)
        self.assertIn("Piscine", message)
        self.assertFalse(
            self.env["grc.phone.call"].search([("external_ref", "like", "B")])
        )
        with self.assertRaises(UserError):
            self._import("date,status\n2026-04-01 10:00,answered\n")

    def test_agents_record_and_confidential_lines(self):
        Call = self.env["grc.phone.call"]
        # An agent at the desk logs a missed call for the CCAS line, and one
        # they took for the roads department.
        missed = Call.with_user(self.desk).create(
            {"status": "missed", "team_id": self.team_ccas.id, "wait_seconds": 40}
        )
        taken = Call.with_user(self.desk).create({"team_id": self.team_voirie.id})
        self.assertEqual(taken.user_id, self.desk)
        self.assertEqual(taken.source, "agent")
        # The desk does not read a confidential service's calls back...
        with self.assertRaises(AccessError):
            missed.with_user(self.desk).read(["status"])
        with self.assertRaises(AccessError):
            missed.with_user(self.desk).write({"status": "answered"})
        self.assertFalse(Call.with_user(self.desk).search([("id", "=", missed.id)]))
        # ... nor a manager outside the service; its own agents do.
        with self.assertRaises(AccessError):
            missed.with_user(self.manager).read(["status"])
        self.assertEqual(missed.with_user(self.ccas_agent).status, "missed")
        self.assertEqual(taken.with_user(self.manager).status, "answered")
        # Importing is for managers.
        with self.assertRaises(AccessError):
            self._import(CSV, user=self.desk)
