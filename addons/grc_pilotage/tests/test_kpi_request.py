# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import fields

from .common import GrcPilotageCommon


class TestKpiRequest(GrcPilotageCommon):
    def _count_by(self, groupby, domain=None):
        groups = self.env["grc.kpi.request"]._read_group(
            self._kpi_domain() + (domain or []), [groupby], ["__count"]
        )
        return dict(groups)

    def test_one_row_per_request(self):
        """Every request has exactly one indicator row, with the same id."""
        rows = self.env["grc.kpi.request"].search(self._kpi_domain())
        self.assertEqual(sorted(rows.ids), sorted(self.requests.ids))

    def test_volumes_per_service_and_direction(self):
        """Requests are counted per service and per direction of the service."""
        per_team = self._count_by("team_id")
        self.assertEqual(per_team[self.team_voirie], 4)
        self.assertEqual(per_team[self.team_cleaning], 2)
        self.assertEqual(per_team[self.team_ccas], 1)
        per_direction = self._count_by("direction_id")
        self.assertEqual(per_direction[self.direction], 6)

    def test_volumes_per_channel(self):
        """Requests are counted per intake channel."""
        per_channel = self._count_by("channel_id")
        self.assertEqual(per_channel[self.channel_phone], 3)
        self.assertEqual(per_channel[self.channel_web], 2)
        self.assertEqual(per_channel[self.channel_email], 1)
        self.assertEqual(per_channel[self.channel_desk], 1)

    def test_month_is_local(self):
        """A request received at 23:30 UTC on Jan 31st counts for February in Paris."""
        per_month = self._count_by("month:month")
        self.assertEqual(per_month[date(2026, 1, 1)], 6)
        self.assertEqual(per_month[date(2026, 2, 1)], 1)
        row = self.env["grc.kpi.request"].browse(self.req_bulky_february.id)
        self.assertEqual(row.received_day, date(2026, 2, 1))
        self.assertEqual(row.year, 2026)

    def test_category_falls_back_on_request_type(self):
        """A request without category is counted in the category of its type."""
        per_category = self._count_by("category_id")
        self.assertEqual(per_category[self.category_living], 6)
        self.assertEqual(per_category[self.category_social], 1)

    def test_open_and_closed(self):
        """Resolved and closed requests are closed, cancelled ones neither open
        nor closed."""
        kpi = self.env["grc.kpi.request"]
        closed = kpi.search(self._kpi_domain() + [("is_closed", "=", True)])
        self.assertEqual(
            set(closed.ids),
            set(
                (
                    self.req_lamp_phone
                    | self.req_lamp_email
                    | self.req_bulky_web
                    | self.req_social
                ).ids
            ),
        )
        opened = kpi.search(self._kpi_domain() + [("is_open", "=", True)])
        self.assertEqual(
            set(opened.ids), set((self.req_lamp_open | self.req_bulky_february).ids)
        )
        cancelled = kpi.browse(self.req_lamp_cancelled.id)
        self.assertFalse(cancelled.is_open or cancelled.is_closed)
        self.assertFalse(cancelled.resolution_delay_days)

    def test_delays(self):
        """Delays to resolution are calendar days, to first response hours."""
        (avg_delay, avg_response, closed, open_count) = self.env[
            "grc.kpi.request"
        ]._read_group(
            self._kpi_domain(),
            [],
            [
                "resolution_delay_days:avg",
                "first_response_delay_hours:avg",
                "closed_count:sum",
                "open_count:sum",
            ],
        )[0]
        self.assertAlmostEqual(avg_delay, (2 + 6 + 1 + 10) / 4)
        self.assertAlmostEqual(avg_response, (4 + 24) / 2)
        self.assertEqual((closed, open_count), (4, 2))
        per_type = dict(
            self.env["grc.kpi.request"]._read_group(
                self._kpi_domain(), ["request_type_id"], ["resolution_delay_days:avg"]
            )
        )
        self.assertAlmostEqual(per_type[self.type_lamp], 4.0)
        self.assertAlmostEqual(per_type[self.type_bulky], 1.0)

    def test_open_backlog_by_age(self):
        """Open requests fall in an age bucket; closed ones have no age."""
        now = fields.Datetime.now()
        recent = self._create_request(received_date=now - timedelta(days=10))
        old = self._create_request(received_date=now - timedelta(days=100))
        rows = self.env["grc.kpi.request"].browse(
            (recent | old | self.req_lamp_phone).ids
        )
        by_id = {row.id: row for row in rows}
        self.assertEqual(by_id[recent.id].age_bucket, "8_30")
        self.assertAlmostEqual(by_id[recent.id].age_days, 10, delta=0.1)
        self.assertEqual(by_id[old.id].age_bucket, "91_plus")
        self.assertFalse(by_id[self.req_lamp_phone.id].age_bucket)

    def test_no_sla_columns_gives_empty_sla(self):
        """Without deadlines, SLA figures are empty rather than failing."""
        self._set_sla_deadlines({})
        rows = self.env["grc.kpi.request"].search(self._kpi_domain())
        self.assertFalse(any(rows.mapped("sla_met")))
        self.assertEqual(
            self.env["grc.kpi.request"]._read_group(
                self._kpi_domain(), [], ["sla_compliance:count"]
            )[0][0],
            0,
        )

    def test_sla_compliance(self):
        """Deadline compliance counts requests resolved in time against those
        resolved late or still open past their deadline."""
        self._set_sla_deadlines(
            {
                self.req_lamp_phone: "2026-01-06 08:00",  # resolved late
                self.req_lamp_email: "2026-01-20 08:00",  # in time
                self.req_lamp_open: "2026-01-25 08:00",  # open, past deadline
                self.req_bulky_web: "2026-01-20 08:00",  # in time
            },
            {
                self.req_lamp_phone: "2026-01-05 16:00",  # answered in 4 hours
                self.req_lamp_email: "2026-01-10 16:00",  # answered next day
            },
        )
        per_team = {
            team: (known, rate)
            for team, known, rate in self.env["grc.kpi.request"]._read_group(
                self._kpi_domain(),
                ["team_id"],
                ["sla_compliance:count", "sla_compliance:avg"],
            )
        }
        self.assertEqual(per_team[self.team_voirie][0], 3)
        self.assertAlmostEqual(per_team[self.team_voirie][1], 100 / 3)
        self.assertEqual(per_team[self.team_cleaning], (1, 100.0))
        self.assertEqual(per_team[self.team_ccas], (0, False))
        row = self.env["grc.kpi.request"].browse(self.req_lamp_phone.id)
        self.assertTrue(row.sla_missed)
        self.assertTrue(row.first_response_sla_met)
        missed = self.env["grc.kpi.request"].search(
            self._kpi_domain() + [("sla_missed", "=", True)]
        )
        self.assertEqual(
            set(missed.ids), set((self.req_lamp_phone | self.req_lamp_open).ids)
        )

    def test_sla_from_the_deadline_engine(self):
        """Deadlines computed by the SLA engine feed the view."""
        self.env.flush_all()
        closed = self.requests.filtered(lambda r: r.grc_state in ("resolved", "closed"))
        rows = self.env["grc.kpi.request"].browse(closed.ids)
        for request in closed.filtered("grc_sla_deadline"):
            row = rows.filtered(lambda r, request=request: r.id == request.id)
            self.assertEqual(row.grc_sla_deadline, request.grc_sla_deadline)
            self.assertEqual(
                row.sla_met, request.resolution_date <= request.grc_sla_deadline
            )
            self.assertEqual(row.sla_status, request.sla_status)
        # Two days for a five working days target.
        self.assertTrue(self.req_lamp_phone.grc_sla_deadline)
        self.assertTrue(rows.filtered(lambda r: r.id == self.req_lamp_phone.id).sla_met)
