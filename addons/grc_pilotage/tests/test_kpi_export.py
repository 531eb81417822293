# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date
from unittest.mock import patch

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.models import BaseModel

from .common import GrcPilotageCommon


class TestKpiExport(GrcPilotageCommon):
    def _workbook(self, content):
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True)

    def _rows(self, sheet):
        """Rows under the header line, keyed by their first cell."""
        return {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True)}

    def _january(self, user=None, teams=None):
        xlsx = self.env["grc.kpi.xlsx"]
        if user:
            xlsx = xlsx.with_user(user)
        return self._workbook(
            xlsx._generate(date(2026, 1, 1), date(2026, 1, 31), teams)
        )

    def test_workbook_has_the_sheets(self):
        """The workbook has a summary and sheets by service, channel, type, SLA,
        then the complaints per service and reason."""
        book = self._january()
        # Bridges add theirs (grc_pilotage_satisfaction: "Satisfaction").
        self.assertEqual(
            [name for name in book.sheetnames if name != "Satisfaction"],
            [
                "Cover",
                "Summary",
                "By month",
                "By service",
                "By channel",
                "By type",
                "Deadlines",
                "Complaints",
                "Complaint reasons",
                "Definitions",
            ],
        )

    def test_summary_figures(self):
        """The summary counts January's requests, their delays and contacts."""
        summary = self._rows(self._january()["Summary"])
        self.assertEqual(summary["Requests received"][0], 6)
        self.assertEqual(summary["Closed to date"][0], 4)
        self.assertEqual(summary["Cancelled"][0], 1)
        # 4 closed out of 6 received less the cancelled one.
        self.assertAlmostEqual(
            summary["Closure rate of the period's requests (%)"][0], 80.0
        )
        # Delays of 2, 6, 1 and 10 days.
        self.assertAlmostEqual(
            summary["90th percentile delay to resolution (days)"][0], 6 + 0.7 * 4
        )
        # Resolved in January, whenever received.
        self.assertEqual(summary["Requests closed during the period"][0], 4)
        self.assertEqual(summary["Still open"][0], 1)
        self.assertAlmostEqual(summary["Average delay to resolution (days)"][0], 19 / 4)
        self.assertAlmostEqual(summary["Median delay to resolution (days)"][0], 4.0)
        self.assertEqual(summary["Services"][0], "All services")

    def test_figures_by_service_channel_and_type(self):
        """Service, channel and type sheets split the same requests."""
        book = self._january()
        per_service = self._rows(book["By service"])
        self.assertEqual(per_service[self.team_voirie.display_name][0], 4)
        self.assertEqual(per_service[self.team_cleaning.display_name][0], 1)
        self.assertEqual(per_service["CCAS"][0], 1)
        # Median of 2 and 6 days (the cancelled request has no delay).
        self.assertAlmostEqual(per_service[self.team_voirie.display_name][6], 4.0)
        per_channel = self._rows(book["By channel"])
        self.assertEqual(per_channel[self.channel_phone.display_name][0], 2)
        self.assertEqual(per_channel[self.channel_web.display_name][0], 2)
        per_type = self._rows(book["By type"])
        self.assertEqual(per_type["Éclairage public en panne"][0], 4)

    def test_cover_charts_and_definitions(self):
        """Read back in full: a cover with the period and filters, a native
        chart on each theme sheet drawn from its own table, the definitions."""
        content = self.env["grc.kpi.xlsx"]._generate(
            date(2026, 1, 1), date(2026, 1, 31), self.direction
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        cover = dict(book["Cover"].iter_rows(min_row=4, values_only=True))
        self.assertEqual(cover["Period start"].date(), date(2026, 1, 1))
        self.assertEqual(cover["Period end"].date(), date(2026, 1, 31))
        self.assertEqual(cover["Services"], self.direction.display_name)
        self.assertEqual(cover["Authority"], self.env.company.name)
        kinds = {
            "By month": "LineChart",
            "By service": "BarChart",
            "By channel": "PieChart",
            "By type": "BarChart",
            "Deadlines": "BarChart",
        }
        for name, kind in kinds.items():
            sheet = book[name]
            with self.subTest(sheet=name):
                self.assertEqual(len(sheet._charts), 1)
                chart = sheet._charts[0]
                self.assertEqual(type(chart).__name__, kind)
                self.assertTrue(chart.series)
                last = sheet.max_row
                for series in chart.series:
                    reference = series.val.numRef.f.replace("'", "")
                    self.assertTrue(reference.startswith(f"{name}!$"), reference)
                    self.assertTrue(reference.endswith(f"${last}"), reference)
        self.assertFalse(book["Summary"]._charts)
        # No complaint in January: an empty table, no chart.
        self.assertEqual(book["Complaints"].max_row, 3)
        self.assertFalse(book["Complaints"]._charts)
        definitions = dict(book["Definitions"].iter_rows(min_row=4, values_only=True))
        for label in (
            "Closed to date",
            "Requests closed during the period",
            "Open at month end",
            "Deadline compliance (%)",
        ):
            self.assertTrue(definitions.get(label), label)
        month = self._rows(book["By month"])
        self.assertEqual(len(month), 1)
        (received, closed, cancelled, __, backlog, __) = next(iter(month.values()))
        # The direction's January: 5 received, 3 closed. The cancelled request
        # was written without history: cancelled on its last stage change
        # (today), open until then.
        self.assertEqual((received, closed, cancelled, backlog), (5, 3, 0, 2))

    def test_text_is_never_a_formula(self):
        """A name typed as a formula is written as text."""
        self.type_lamp.name = '=HYPERLINK("http://example.com")'
        book = openpyxl.load_workbook(
            io.BytesIO(
                self.env["grc.kpi.xlsx"]._generate(date(2026, 1, 1), date(2026, 1, 31))
            )
        )
        cells = [row[0] for row in book["By type"].iter_rows(min_row=4)]
        cell = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
        self.assertEqual(cell.data_type, "s")

    def test_sla_sheet(self):
        """The deadline sheet gives met and missed deadlines per service."""
        self._set_sla_deadlines(
            {
                self.req_lamp_phone: "2026-01-06 08:00",
                self.req_lamp_email: "2026-01-20 08:00",
                self.req_bulky_web: "2026-01-20 08:00",
            }
        )
        sla = self._rows(self._january()["Deadlines"])
        known, met, missed, rate, __ = sla[self.team_voirie.display_name]
        self.assertEqual((known, met, missed), (2, 1, 1))
        self.assertAlmostEqual(rate, 50.0)
        self.assertEqual(sla[self.team_cleaning.display_name][:3], (1, 1, 0))
        self.assertNotIn("CCAS", sla)

    def test_export_of_a_direction_and_as_steering(self):
        """Exporting a direction covers its services; a steering user's export
        leaves out the confidential service."""
        summary = self._rows(self._january(teams=self.direction)["Summary"])
        self.assertEqual(summary["Requests received"][0], 5)
        book = self._january(user=self.steering_user)
        self.assertNotIn("CCAS", self._rows(book["By service"]))
        self.assertEqual(self._rows(book["Summary"])["Requests received"][0], 5)

    def test_export_is_per_company(self):
        """The export of a company leaves out the requests of the others, even
        when run as superuser like the monthly export."""
        other = self.env["res.company"].create({"name": "Commune voisine"})
        content = (
            self.env["grc.kpi.xlsx"]
            .with_company(other)
            .with_context(allowed_company_ids=other.ids)
            ._generate(date(2026, 1, 1), date(2026, 1, 31))
        )
        summary = self._rows(self._workbook(content)["Summary"])
        self.assertEqual(summary["Requests received"][0], 0)

    def test_wizard_returns_a_download(self):
        """The wizard stores the workbook and sends the browser to download it."""
        wizard = (
            self.env["grc.kpi.export.wizard"]
            .with_user(self.steering_user)
            .create(
                {
                    "date_from": "2026-01-01",
                    "date_to": "2026-01-31",
                    "team_ids": [(6, 0, self.team_voirie.ids)],
                }
            )
        )
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        self.assertTrue(action["url"].endswith("?download=true"))
        summary = self._rows(self._workbook(attachment.raw)["Summary"])
        self.assertEqual(summary["Requests received"][0], 4)

    def test_wizard_refuses_reversed_dates(self):
        """A period ending before it starts is refused."""
        with self.assertRaises(ValidationError):
            self.env["grc.kpi.export.wizard"].create(
                {"date_from": "2026-02-01", "date_to": "2026-01-01"}
            )
        with self.assertRaises(UserError):
            self.env["grc.kpi.xlsx"]._generate(date(2026, 2, 1), date(2026, 1, 1))

    def test_percentiles_computed_by_postgresql(self):
        """The workbook's medians and 90th percentiles (computed in SQL) are
        those of the delays of the rows the user reads, interpolated."""
        xlsx = self.env["grc.kpi.xlsx"]
        domain = xlsx._get_domain(date(2025, 1, 1), date(2026, 12, 31))
        figures = xlsx._request_figures(domain, ["team_id"])
        rows = self.env["grc.kpi.request"].search_read(
            domain,
            [
                "team_id",
                "is_closed",
                "resolution_delay_days",
                "resolution_delay_working_days",
            ],
        )
        checked = 0
        for team, values in figures.items():
            mine = [r for r in rows if (r["team_id"] or [False])[0] == team.id]
            delays = [r["resolution_delay_days"] for r in mine if r["is_closed"]]
            working = [
                r["resolution_delay_working_days"] for r in mine if r["is_closed"]
            ]
            self.assertAlmostEqual(values["median_delay"] or 0, _pct(delays, 0.5) or 0)
            self.assertAlmostEqual(values["p90_delay"] or 0, _pct(delays, 0.9) or 0)
            self.assertAlmostEqual(
                values["p90_working_delay"] or 0, _pct(working, 0.9) or 0
            )
            checked += bool(delays)
        self.assertTrue(checked)

    def test_indicators_read_without_jit(self):
        """The indicator views are grouped without JIT compilation, and the
        setting is put back after the query."""
        seen = []
        read_group = BaseModel._read_group

        def probe(model, *args, **kwargs):
            model.env.cr.execute("SHOW jit")
            seen.append(model.env.cr.fetchone()[0])
            return read_group(model, *args, **kwargs)

        self.env.cr.execute("SET LOCAL jit = on")
        with patch.object(BaseModel, "_read_group", probe):
            self.env["grc.kpi.request"]._read_group([], ["team_id"], ["__count"])
        self.assertEqual(seen, ["off"])
        self.env.cr.execute("SHOW jit")
        self.assertEqual(self.env.cr.fetchone()[0], "on")


def _pct(values, fraction):
    """percentile_cont of the values that are set, computed apart."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    position = fraction * (len(values) - 1)
    lower = int(position)
    upper = min(lower + 1, len(values) - 1)
    return values[lower] + (position - lower) * (values[upper] - values[lower])
