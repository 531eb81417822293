# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.tests import new_test_user

from .common import GrcPilotageCommon


class TestMonthlyExport(GrcPilotageCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="grc_voirie_manager",
            email="chef.voirie@example.fr",
            groups="grc_citoyen.group_grc_manager",
        )
        cls.team_voirie.user_id = cls.manager

    @freeze_time("2026-02-03 05:00:00")
    def test_cron_exports_last_month_once(self):
        """The scheduled action exports January once, however often it runs."""
        exports = self.env["grc.kpi.monthly.export"]
        exports._cron_export_previous_month()
        exports._cron_export_previous_month()
        export = exports.search([("month", "=", date(2026, 1, 1))])
        self.assertEqual(len(export), 1)
        self.assertEqual(export.name, "Indicators 2026-01")
        book = openpyxl.load_workbook(io.BytesIO(export.attachment_id.raw))
        summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows()}
        self.assertEqual(summary["Requests received"], 6)
        messages = export.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages.attachment_ids, export.attachment_id)
        self.assertIn(self.manager.partner_id, messages.partner_ids)
        self.assertIn(self.steering_user.partner_id, messages.partner_ids)
        self.assertNotIn(self.frontdesk_user.partner_id, messages.partner_ids)

    def test_steering_user_downloads_monthly_export(self):
        """A steering user can read the monthly exports and their workbook."""
        with freeze_time("2026-02-03 05:00:00"):
            self.env["grc.kpi.monthly.export"]._cron_export_previous_month()
        export = (
            self.env["grc.kpi.monthly.export"]
            .with_user(self.steering_user)
            .search([("month", "=", date(2026, 1, 1))])
        )
        action = export.action_download()
        self.assertIn(f"/web/content/{export.attachment_id.id}", action["url"])
        self.assertTrue(export.attachment_id.with_user(self.steering_user).raw)
