# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, datetime

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from ..models.grc_kpi_monthly import histogram_percentiles
from .common import GrcPilotageCommon

# Figures compared between the live view and the aggregate:
# (live aggregate, aggregate of grc.kpi.request.monthly).
COMPARED = [
    ("__count", "request_count:sum"),
    ("open_count:sum", "open_count:sum"),
    ("closed_count:sum", "closed_count:sum"),
    ("cancelled_count:sum", "cancelled_count:sum"),
    ("waiting_count:sum", "waiting_count:sum"),
    ("closure_rate:avg", "closure_rate:avg"),
    ("sla_compliance:count", "sla_known_count:sum"),
    ("sla_compliance:avg", "sla_compliance:avg"),
    ("first_response_compliance:avg", "first_response_compliance:avg"),
    ("resolution_delay_days:avg", "resolution_delay_days:avg"),
    ("resolution_delay_working_days:avg", "resolution_delay_working_days:avg"),
    ("first_response_delay_hours:avg", "first_response_delay_hours:avg"),
]
FLOW = [
    "received_count:sum",
    "closed_count:sum",
    "cancelled_count:sum",
    "reopened_count:sum",
    "backlog_count:sum",
    "backlog_waiting_count:sum",
]


class TestKpiMonthly(GrcPilotageCommon):
    """The monthly aggregates hold the figures of the live views, under the
    same rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Refresh = cls.env["grc.kpi.monthly.refresh"]
        cls.ccas_steering = new_test_user(
            cls.env,
            login="grc_monthly_ccas",
            groups="grc_citoyen.group_grc_steering",
        )
        cls.team_ccas.user_ids = [(4, cls.ccas_steering.id)]
        cls.manager = new_test_user(
            cls.env, login="grc_monthly_manager", groups="grc_citoyen.group_grc_manager"
        )
        cls.team_voirie.user_id = cls.manager
        cls._set_class_deadlines()
        # One refresh of every month for the tests that only read.
        cls.Refresh._refresh(full=True)

    @classmethod
    def _set_class_deadlines(cls):
        # Deadlines: met (phone), missed (e-mail), passed while open (open),
        # first responses in time and late.
        GrcPilotageCommon._set_sla_deadlines(
            cls,
            {
                cls.req_lamp_phone: "2026-01-09 08:00",
                cls.req_lamp_email: "2026-01-14 08:00",
                cls.req_lamp_open: "2026-01-25 08:00",
                cls.req_social: "2026-02-10 08:00",
            },
            {
                cls.req_lamp_phone: "2026-01-06 08:00",
                cls.req_lamp_email: "2026-01-10 12:00",
            },
        )

    def _compare(self, groupby, domain=()):
        live = self.env["grc.kpi.request"]._read_group(
            list(domain), groupby, [live for live, __ in COMPARED]
        )
        stored = self.env["grc.kpi.request.monthly"]._read_group(
            list(domain), groupby, [agg for __, agg in COMPARED]
        )
        width = len(groupby)
        as_dict = {
            tuple(row[:width]): [
                round(value, 6) if isinstance(value, float) else value
                for value in row[width:]
            ]
            for row in stored
        }
        self.assertEqual(len(live), len(stored), groupby)
        for row in live:
            key = tuple(row[:width])
            expected = [
                round(value, 6) if isinstance(value, float) else value
                for value in row[width:]
            ]
            self.assertEqual(as_dict.get(key), expected, (groupby, key))

    def test_aggregates_equal_live_views_after_refresh(self):
        """After a refresh, every figure of every dimension equals the live
        view's, averages included (sums over counts)."""
        self.assertTrue(self.Refresh._refresh(full=True))
        for groupby in (
            [],
            ["month:month"],
            ["month:year"],
            ["team_id"],
            ["direction_id"],
            ["channel_id"],
            ["request_type_id"],
            ["category_id"],
            ["grc_state"],
            ["is_confidential"],
            ["team_id", "month:month", "channel_id"],
        ):
            self._compare(groupby)
        live = self.env["grc.kpi.request.flow"]._read_group(
            [], ["month:month", "team_id", "channel_id"], FLOW
        )
        stored = self.env["grc.kpi.request.flow.monthly"]._read_group(
            [], ["month:month", "team_id", "channel_id"], FLOW
        )
        self.assertEqual(sorted(live, key=str), sorted(stored, key=str))
        self.assertTrue(live)

    def test_months_in_local_time(self):
        """A request of January 31st at 23:30 UTC counts in February (Paris)."""
        rows = self.env["grc.kpi.request.monthly"].search(
            [("request_type_id", "=", self.type_bulky.id)]
        )
        self.assertEqual(
            {(row.month, row.request_count) for row in rows},
            {(date(2026, 1, 1), 1), (date(2026, 2, 1), 1)},
        )
        self.assertTrue(all(rows.mapped("refreshed_at")))

    def test_incremental_refresh_follows_changed_requests(self):
        """The hourly refresh recomputes the months of reception of the
        requests written since the last one, however old."""
        self.Refresh._refresh(full=True)
        Monthly = self.env["grc.kpi.request.monthly"]
        january = [("month", "=", "2026-01-01"), ("team_id", "=", self.team_voirie.id)]
        [[closed_before]] = Monthly._read_group(january, [], ["closed_count:sum"])
        self.req_lamp_open.write(
            {
                "stage_id": self.stage_resolved.id,
                "resolution_date": datetime(2026, 1, 22, 8, 0),
                "grc_resolution": "Lampe remplacée.",
            }
        )
        self.assertTrue(self.Refresh._refresh())
        [[closed_after]] = Monthly._read_group(january, [], ["closed_count:sum"])
        self.assertEqual(closed_after, closed_before + 1)
        self._compare(["month:month", "team_id"])

    def test_confidential_rows_kept_to_their_service(self):
        """A steering user outside a confidential service reads none of its
        rows, nor can write them; a member of it reads them."""
        for model in ("grc.kpi.request.monthly", "grc.kpi.request.flow.monthly"):
            outsider = self.env[model].with_user(self.steering_user).search([])
            self.assertTrue(outsider)
            self.assertNotIn(self.team_ccas, outsider.sudo().mapped("team_id"))
            member = self.env[model].with_user(self.ccas_steering).search([])
            self.assertIn(self.team_ccas, member.sudo().mapped("team_id"))
            with self.assertRaises(AccessError):
                outsider[:1].write({"open_count": 0})
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.frontdesk_user).search([])
        # Grouped figures leave them out too.
        [[count]] = (
            self.env["grc.kpi.request.monthly"]
            .with_user(self.steering_user)
            ._read_group([("team_id", "=", self.team_ccas.id)], [], ["__count"])
        )
        self.assertEqual(count, 0)

    def test_cron_and_button(self):
        """The crons refresh the aggregates; the button is for managers."""
        cron = self.env.ref("grc_pilotage.ir_cron_grc_kpi_monthly_refresh")
        cron.method_direct_trigger()
        self.assertTrue(self.Refresh._last_refresh())
        self.assertTrue(self.env["grc.kpi.request.monthly"].search_count([]))
        self.env.ref(
            "grc_pilotage.ir_cron_grc_kpi_monthly_refresh_full"
        ).method_direct_trigger()
        self._compare(["month:month"])
        Monthly = self.env["grc.kpi.request.monthly"]
        with self.assertRaises(AccessError):
            Monthly.with_user(self.steering_user).action_kpi_refresh()
        action = Monthly.with_user(self.manager).action_kpi_refresh()
        self.assertEqual(action["tag"], "soft_reload")

    def test_workbook_reads_the_aggregates(self):
        """A workbook of whole months gives the live figures from the
        aggregates; a period cut in a month stays live."""
        Xlsx = self.env["grc.kpi.xlsx"].with_user(self.steering_user)
        start, end = date(2026, 1, 1), date(2026, 2, 28)

        def sheets(content):
            book = openpyxl.load_workbook(io.BytesIO(content))
            return {
                ws.title: [
                    [round(v, 6) if isinstance(v, float) else v for v in row]
                    for row in ws.iter_rows(min_row=3, values_only=True)
                ]
                for ws in book.worksheets
                if ws.title not in ("Cover", "Couverture")
            }

        aggregated = sheets(Xlsx._generate(start, end))
        live = sheets(Xlsx.with_context(grc_kpi_live=True)._generate(start, end))
        self.assertEqual(aggregated, live)
        summary = dict(row[:2] for row in aggregated["Summary"])
        self.assertEqual(summary["Requests received"], 6)
        # Read from the aggregates: a row changed there shows in the workbook.
        self.env.cr.execute(
            "UPDATE grc_kpi_request_monthly SET request_count = request_count + 10 "
            "WHERE team_id = %s",
            [self.team_voirie.id],
        )
        self.env["grc.kpi.request.monthly"].invalidate_model()
        summary = dict(row[:2] for row in sheets(Xlsx._generate(start, end))["Summary"])
        self.assertGreater(summary["Requests received"], 6)

    def test_histogram_percentiles(self):
        """Percentiles of whole days are those of percentile_cont."""
        self.assertEqual(histogram_percentiles({1: 1, 2: 1, 6: 1, 10: 1}), (4.0, 8.8))
        self.assertEqual(histogram_percentiles({}), (None, None))
        self.assertEqual(histogram_percentiles({3: 5}), (3.0, 3.0))

    def test_role_dashboards(self):
        """Managers land on their services, directors on every service, both
        on the aggregates; agents have their queue by deadline."""
        action = self.env["res.users"].with_user(self.manager)._grc_home_action()
        self.assertEqual(action["res_model"], "grc.kpi.request.monthly")
        rows = (
            self.env["grc.kpi.request.monthly"]
            .with_user(self.manager)
            .search(action["domain"])
        )
        self.assertEqual(rows.mapped("team_id"), self.team_voirie)
        action = self.env["res.users"].with_user(self.steering_user)._grc_home_action()
        self.assertEqual(
            action["xml_id"], "grc_pilotage.grc_kpi_request_monthly_action_all_services"
        )
        for xmlid in (
            "grc_pilotage.grc_kpi_request_monthly_action_all_services",
            "grc_pilotage.grc_kpi_request_monthly_action_dashboard",
            "grc_pilotage.grc_kpi_request_monthly_action_sla",
            "grc_pilotage.grc_kpi_request_flow_monthly_action",
        ):
            act = self.env.ref(xmlid)
            model = self.env[act.res_model].with_user(self.steering_user)
            views = [(False, mode) for mode in act.view_mode.split(",")]
            model.get_views(views + [(False, "search")])
        groups = (
            self.env["grc.kpi.request.monthly"]
            .with_user(self.steering_user)
            .web_read_group(
                [],
                ["request_count:sum", "sla_compliance:avg"],
                ["direction_id", "team_id", "month:month"],
                lazy=False,
            )
        )
        self.assertTrue(groups["groups"])
        agent = new_test_user(
            self.env, login="grc_monthly_agent", groups="grc_citoyen.group_grc_agent"
        )
        self.req_lamp_open.user_id = agent
        act = self.env.ref("grc_pilotage.helpdesk_ticket_action_my_activity")
        self.assertEqual(
            self.env.ref("grc_pilotage.menu_my_activity").groups_id,
            self.env.ref("grc_citoyen.group_grc_agent"),
        )
        tickets = self.env["helpdesk.ticket"].with_user(agent)
        domain = [("user_id", "=", agent.id), ("closed", "=", False)]
        self.assertEqual(tickets.search(domain), self.req_lamp_open)
        self.assertIn("user_id", act.domain)
