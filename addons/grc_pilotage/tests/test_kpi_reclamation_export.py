# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, datetime

import openpyxl
from freezegun import freeze_time

from .common import GrcPilotageReclamationCommon


class TestKpiReclamationExport(GrcPilotageReclamationCommon):
    def _rows(self, sheet):
        """Rows under the header line, keyed by their first cell."""
        return {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True)}

    def _book(self, date_to=date(2026, 3, 31), user=None, teams=None):
        xlsx = self.env["grc.kpi.xlsx"]
        if user:
            xlsx = xlsx.with_user(user)
        content = xlsx._generate(date(2026, 3, 1), date_to, teams)
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True)

    def test_complaints_sheet_per_service(self):
        """The Complaints sheet counts March's complaints once per service,
        with answers on time, delays, analysis and actions."""
        sheet = self._book()["Complaints"]
        headers = next(sheet.iter_rows(min_row=3, max_row=3, values_only=True))
        self.assertEqual(
            headers,
            (
                "Service",
                "Complaints received",
                "Answered",
                "Answered on time",
                "Answered late or overdue",
                "Answered on time (%)",
                "Average delay to answer (working days)",
                "Justified",
                "Corrective actions open",
                "Citizens satisfied with the answer (%)",
            ),
        )
        rows = self._rows(sheet)
        voirie, cleaning = (
            self.team_voirie.display_name,
            self.team_cleaning.display_name,
        )
        self.assertEqual(rows[voirie], (2, 1, 1, 0, 100.0, 3.0, 1, 1, 100.0))
        # Only the unanswered complaint of March: April's is not counted.
        self.assertEqual(rows[cleaning], (1, 0, 0, 1, 0.0, None, None, 0, None))
        self.assertEqual(rows["CCAS"][:6], (1, 1, 1, 0, 100.0, 2.0))
        # Largest service first.
        self.assertEqual(list(rows)[0], voirie)

    def test_complaint_reasons_sheet_and_summary(self):
        """The reasons sheet splits the same complaints; the summary gives the
        count and the on-time rate."""
        book = self._book()
        reasons = self._rows(book["Complaint reasons"])
        self.assertEqual(reasons["Delay / Late answer"][0], 2)
        self.assertEqual(reasons["Quality of the answer / Incomplete answer"][0], 1)
        self.assertEqual(reasons["Behaviour / Discourtesy"][0], 1)
        summary = self._rows(book["Summary"])
        self.assertEqual(summary["Complaints received"][0], 4)
        self.assertAlmostEqual(summary["Complaints answered on time (%)"][0], 200 / 3)

    def test_steering_export_and_services(self):
        """A steering user's export leaves out the confidential service; a
        service export counts the complaints under that service only."""
        book = self._book(date_to=date(2026, 4, 30), user=self.steering_user)
        rows = self._rows(book["Complaints"])
        self.assertNotIn("CCAS", rows)
        self.assertEqual(self._rows(book["Summary"])["Complaints received"][0], 4)
        book = self._book(date_to=date(2026, 4, 30), teams=self.team_cleaning)
        rows = self._rows(book["Complaints"])
        self.assertEqual(list(rows), [self.team_cleaning.display_name])
        self.assertEqual(rows[self.team_cleaning.display_name][:5], (2, 1, 0, 2, 0.0))

    @freeze_time("2026-04-03 05:00:00")
    def test_monthly_export_has_the_complaints(self):
        """The monthly workbook sent to managers carries the complaints."""
        self.env["grc.kpi.monthly.export"]._cron_export_previous_month()
        export = self.env["grc.kpi.monthly.export"].search(
            [("month", "=", date(2026, 3, 1))]
        )
        book = openpyxl.load_workbook(io.BytesIO(export.attachment_id.raw))
        self.assertIn("Complaints", book.sheetnames)
        rows = self._rows(book["Complaints"])
        self.assertEqual(rows[self.team_voirie.display_name][0], 2)
        self.assertEqual(rows["CCAS"][0], 1)


class TestReclamationDigest(GrcPilotageReclamationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.digest = cls.env["digest.digest"].create(
            {
                "name": "Digest GRC",
                "company_id": cls.env.company.id,
                "kpi_grc_reclamations_received": True,
                "kpi_grc_reclamations_on_time": True,
            }
        )

    def _in_month(self, digest, month):
        return digest.with_context(
            start_datetime=datetime(2026, month, 1),
            end_datetime=datetime(2026, month + 1, 1),
        )

    def test_default_digest_shows_complaints(self):
        """The default digest has the complaint indicators enabled."""
        default = self.env.ref("digest.digest_digest_default")
        self.assertTrue(default.kpi_grc_reclamations_received)
        self.assertTrue(default.kpi_grc_reclamations_on_time)

    def test_digest_values(self):
        """The digest counts complaints received and the share of deadlines
        falling due that were met, as its reader may see them."""
        march = self._in_month(self.digest, 3)
        self.assertEqual(march.kpi_grc_reclamations_received_value, 4)
        # Only one deadline falls due in March: missed.
        self.assertEqual(march.kpi_grc_reclamations_on_time_value, 0.0)
        self.digest.invalidate_recordset()
        april = self._in_month(self.digest, 4)
        self.assertAlmostEqual(april.kpi_grc_reclamations_on_time_value, 200 / 3)
        self.digest.invalidate_recordset()
        steering = self._in_month(self.digest.with_user(self.steering_user), 4)
        # Without the confidential complaint.
        self.assertAlmostEqual(steering.kpi_grc_reclamations_on_time_value, 50.0)
        self.digest.invalidate_recordset()
        steering = self._in_month(self.digest.with_user(self.steering_user), 3)
        self.assertEqual(steering.kpi_grc_reclamations_received_value, 3)

    def test_kpis_skipped_for_other_users(self):
        """Users without steering rights do not get the complaint indicators."""
        kpis = self.digest._compute_kpis(self.env.company, self.frontdesk_user)
        names = [kpi["kpi_name"] for kpi in kpis]
        self.assertNotIn("kpi_grc_reclamations_received", names)
        kpis = self.digest._compute_kpis(self.env.company, self.steering_user)
        names = [kpi["kpi_name"] for kpi in kpis]
        self.assertIn("kpi_grc_reclamations_on_time", names)

    def test_complaint_sheets_have_charts(self):
        """Each complaint sheet draws its received and answered complaints."""
        content = self.env["grc.kpi.xlsx"]._generate(
            date(2026, 3, 1), date(2026, 3, 31)
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        for name in ("Complaints", "Complaint reasons"):
            with self.subTest(sheet=name):
                sheet = book[name]
                (chart,) = sheet._charts
                self.assertEqual(type(chart).__name__, "BarChart")
                refs = [series.val.numRef.f.replace("'", "") for series in chart.series]
                last = sheet.max_row
                self.assertEqual(
                    refs, [f"{name}!$B$4:$B${last}", f"{name}!$C$4:$C${last}"]
                )
