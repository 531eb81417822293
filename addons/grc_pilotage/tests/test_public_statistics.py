# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon
from odoo.addons.grc_reclamations.tests.common import ReclamationCommon

from .common import KpiFixtures


class PublicStatisticsCommon(KpiFixtures, GrcCommon):
    """Requests of the last month that is over: six lamp requests (four
    resolved), two confidential social requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_kpi_catalogue()
        # Noon of the last day of the previous month: only full months are
        # published.
        now = fields.Datetime.now().replace(day=1, hour=12, minute=0) - timedelta(
            days=1
        )
        resolved = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        values = []
        for index, delay in enumerate((1, 2, 3, 4, None, None)):
            received = now - timedelta(days=10 + index)
            values.append(
                {
                    "name": "Lampadaire éteint",
                    "description": "<p>Lampadaire</p>",
                    "partner_id": cls.citizen.id,
                    "request_type_id": cls.type_lamp.id,
                    "team_id": cls.team_voirie.id,
                    "channel_id": phone.id,
                    "received_date": received,
                    **(
                        {
                            "stage_id": resolved.id,
                            "resolution_date": received + timedelta(days=delay),
                        }
                        if delay
                        else {}
                    ),
                }
            )
        for index in range(2):
            values.append(
                {
                    "name": "Demande d'aide",
                    "description": "<p>Aide</p>",
                    "partner_id": cls.citizen.id,
                    "request_type_id": cls.type_help.id,
                    "team_id": cls.team_ccas.id,
                    "received_date": now - timedelta(days=3 + index),
                }
            )
        cls.requests = cls.env["helpdesk.ticket"].create(values)

    def setUp(self):
        super().setUp()
        # The figures are kept for the month: start each test from fresh ones.
        self.env["grc.public.statistics"]._invalidate_public_statistics()


class TestPublicStatisticsModel(PublicStatisticsCommon):
    def _table(self, statistics, key):
        return next(t for t in statistics["tables"] if t["key"] == key)

    def test_small_cells_are_hidden(self):
        """Categories with fewer than five requests are not counted in public."""
        statistics = self.env["grc.public.statistics"]._get_public_statistics()
        rows = dict(self._table(statistics, "category_id")["rows"])
        # Shown, 6 would give the 2 social requests away (8 - 6): hidden too.
        self.assertEqual(rows["Cadre de vie"][0], "not published")
        self.assertEqual(rows["Cadre de vie"][1], "fewer than 5")
        self.assertEqual(rows["Solidarités"][0], "fewer than 5")
        # No social request resolved: no delay to publish.
        self.assertEqual(rows["Solidarités"][2], "-")
        summary = self._table(statistics, "summary")["rows"][0][1]
        self.assertEqual(summary[0], "8")
        self.assertEqual(summary[2], "fewer than 5")

    def test_median_shown_from_five_closed_requests(self):
        """The median delay is published once five requests are resolved."""
        request = self.requests.filtered(lambda r: r.grc_state == "new")[:1]
        request.stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        request.write(
            {
                "stage_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
                "grc_resolution": "<p>Fait.</p>",
                "resolution_date": request.received_date + timedelta(days=2),
            }
        )
        statistics = self.env["grc.public.statistics"]._get_public_statistics()
        rows = dict(self._table(statistics, "category_id")["rows"])
        self.assertNotIn(rows["Cadre de vie"][2], ("-", "fewer than 5"))
        summary = self._table(statistics, "summary")["rows"][0][1]
        self.assertEqual(summary[1], "5")

    def _count_queries(self):
        self.env.flush_all()
        self.env["grc.public.statistics"]._invalidate_public_statistics()
        self.env.invalidate_all()
        count = self.cr.sql_log_count
        self.env["grc.public.statistics"]._get_public_statistics()
        return self.cr.sql_log_count - count

    def test_statistics_in_a_bounded_number_of_queries(self):
        """The figures take the same few queries whatever the volume."""
        before = self._count_queries()
        category = self.env["helpdesk.ticket.category"].create({"name": "Voirie"})
        channel = self.env["helpdesk.ticket.channel"].create({"name": "Borne"})
        for __ in range(10):
            self._create_request(category_id=category.id, channel_id=channel.id)
        self.assertEqual(self._count_queries(), before)
        # Cold caches: the user and their time zone, the language (and its
        # flag), the aggregate queries of requests and complaints, the
        # category and channel names, the copy shared by the workers read
        # and written.
        self.assertLessEqual(before, 10)
        # Kept in cache afterwards.
        with self.assertQueryCount(0):
            self.env["grc.public.statistics"]._get_public_statistics()

    def test_shared_by_the_workers(self):
        """A worker whose cache was emptied (another worker's registry reset)
        reads the figures another computed, in one query; a new month's
        publication is computed anew."""
        model = self.env["grc.public.statistics"]
        statistics = model._get_public_statistics()
        self.env.registry.clear_cache()
        with self.assertQueryCount(1):
            shared = model._get_public_statistics()
        self.assertEqual(shared, statistics)
        self._create_request()
        self.env.flush_all()
        self.env.registry.clear_cache()
        # The month's publication does not move with the day's requests.
        self.assertEqual(model._get_public_statistics(), statistics)
        next_month = statistics["publication_date"] + timedelta(days=31)
        later = model._compute_public_statistics(
            self.env.company.id, next_month.replace(day=1), self.env.lang or "en_US"
        )
        self.assertEqual(later["publication_date"], next_month.replace(day=1))


class TestPublicStatisticsComplaints(ReclamationCommon):
    """Complaints of the last month that is over: six about delays (five
    answered on time), two about behaviour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now().replace(day=1, hour=12, minute=0) - timedelta(
            days=1
        )
        complaints = cls.env["grc.reclamation"]
        for index, (reason, answered) in enumerate(
            [(cls.reason_late, True)] * 5
            + [(cls.reason_late, False)]
            + [(cls.reason_discourtesy, False)] * 2
        ):
            received = now - timedelta(days=10 + index)
            complaint = cls._create_reclamation(
                reason_id=reason.id,
                team_ids=[(6, 0, cls.team_ccas.ids)],
                received_date=received,
            )
            complaint.write(
                {
                    "answer_deadline": now + timedelta(days=10),
                    "answer_date": answered and received + timedelta(days=1),
                }
            )
            complaints |= complaint

    def setUp(self):
        super().setUp()
        self.env.registry.clear_cache()

    def test_complaints_per_reason_family(self):
        """Complaints are published per reason family, small cells hidden,
        confidential services counted in the aggregates."""
        statistics = self.env["grc.public.statistics"]._get_public_statistics()
        table = next(
            t for t in statistics["tables"] if t["key"] == "reclamation_reason"
        )
        self.assertEqual(
            table["headers"],
            [
                "Reason",
                "Complaints received",
                "Complaints answered",
                "Answered on time",
            ],
        )
        rows = dict(table["rows"])
        # 6 and 5 would give the 2 complaints about behaviour away.
        self.assertEqual(rows["Delay"], ("not published", "not published", "100 %"))
        self.assertEqual(rows["Behaviour"], ("fewer than 5", "0", "-"))
        self.assertEqual(rows["All reasons"], ("8", "5", "100 %"))
        self.assertEqual(list(rows), ["Delay", "Behaviour", "All reasons"])


@tagged("post_install", "-at_install")
class TestPublicStatisticsPage(PublicStatisticsCommon, HttpCase):
    def test_page_renders_for_anonymous_visitors(self):
        """The page shows figures to anonymous visitors, without citizen names."""
        response = self.url_open("/statistiques")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("<caption", page)
        self.assertIn('scope="col"', page)
        self.assertIn('scope="row"', page)
        self.assertIn("Cadre de vie", page)
        self.assertIn('<td class="text-end">8</td>', page)
        self.assertIn("not published", page)
        self.assertNotIn(self.citizen.name, page)
        self.assertNotIn("Lampadaire", page)
        self.assertIn("Complaints received per reason", page)
        self.assertIn("No complaint over the period.", page)
        self.assertEqual(response.headers.get("Cache-Control"), "public, max-age=3600")

    def test_page_query_count_is_bounded(self):
        """Once warm, the page costs a bounded number of queries."""
        self.url_open("/statistiques")
        self.url_open("/statistiques")
        with self.assertQueryCount(12):
            self.url_open("/statistiques")
