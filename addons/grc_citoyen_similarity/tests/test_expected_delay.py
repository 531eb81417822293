# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen.tests.test_sla_engine import paris
from odoo.addons.grc_citoyen.tests.test_sla_request import SlaCommon

from ..models.grc_request_type_delay import percentile_cont


@tagged("post_install", "-at_install")
class TestExpectedDelay(SlaCommon):
    """Median and 90th percentile of the last 90 days, in working days of the
    service's calendar (Monday to Friday, 8 hours a day), waiting excluded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_other = cls.env["grc.request.type"].create(
            {"name": "Autre démarche", "code": "AUT", "team_id": cls.team_voirie.id}
        )

    def _handled(self, received, resolved, waiting=None, **values):
        """A request received and resolved at these Paris times, optionally
        waiting for the citizen between the two times of ``waiting``."""
        with freeze_time(received):
            request = self._received(received, **values)
        if waiting:
            with freeze_time(waiting[0]):
                request.action_grc_wait()
            with freeze_time(waiting[1]):
                request.action_grc_start()
        with freeze_time(resolved):
            self._resolve(request)
        return request

    def _measure(self):
        with freeze_time(paris(2026, 3, 20, 10, 0)):
            self.env["grc.request.type"]._cron_compute_expected_delays()

    def _five_requests(self):
        monday = paris(2026, 3, 2, 8, 0)
        self._handled(monday, paris(2026, 3, 2, 17, 0))  # 1 day
        self._handled(monday, paris(2026, 3, 3, 17, 0))  # 2 days
        # 3 days, of which 2 waiting for the citizen: 1 day.
        self._handled(
            monday,
            paris(2026, 3, 4, 17, 0),
            waiting=(paris(2026, 3, 2, 12, 0), paris(2026, 3, 4, 12, 0)),
        )
        self._handled(monday, paris(2026, 3, 5, 17, 0))  # 4 days
        self._handled(monday, paris(2026, 3, 6, 17, 0))  # 5 days

    def test_percentile_cont(self):
        """Percentiles interpolate like PostgreSQL's percentile_cont."""
        self.assertEqual(percentile_cont([1, 1, 2, 4, 5], 0.5), 2)
        self.assertAlmostEqual(percentile_cont([1, 1, 2, 4, 5], 0.9), 4.6)
        self.assertEqual(percentile_cont([3], 0.9), 3)
        self.assertEqual(percentile_cont([], 0.5), 0)

    def test_delays_without_waiting_time(self):
        """Working days from receipt to resolution, waiting for the citizen excluded."""
        self._five_requests()
        self._measure()
        self.assertEqual(self.type_lamp.expected_delay_sample, 5)
        self.assertEqual(self.type_lamp.expected_delay_median, 2.0)
        self.assertAlmostEqual(self.type_lamp.expected_delay_p90, 4.6)
        self.assertEqual(self.type_other.expected_delay_sample, 0)

    def test_only_requests_resolved_in_the_last_90_days(self):
        """Old, cancelled and open requests are not measured."""
        self._handled(paris(2025, 11, 3, 8, 0), paris(2025, 12, 1, 17, 0))
        with freeze_time(paris(2026, 3, 2, 8, 0)):
            self._received(paris(2026, 3, 2, 8, 0)).action_grc_cancel()
            self._received(paris(2026, 3, 2, 8, 0))
        self._handled(
            paris(2026, 3, 9, 8, 0),
            paris(2026, 3, 9, 17, 0),
            request_type_id=self.type_other.id,
        )
        self._measure()
        self.assertEqual(self.type_lamp.expected_delay_sample, 0)
        self.assertEqual(self.type_other.expected_delay_sample, 1)
        self.assertEqual(self.type_other.expected_delay_median, 1.0)

    def test_hidden_below_minimum_sample(self):
        """Too few requests say nothing honest: the delay is hidden."""
        self._five_requests()
        self._measure()
        self.assertEqual(self.env.company.grc_expected_delay_min_sample, 10)
        self.assertFalse(self.type_lamp.expected_delay_shown)
        self.assertIsNone(self.type_lamp._grc_expected_delay_days())
        self.env.company.grc_expected_delay_min_sample = 5
        self.type_lamp.invalidate_recordset(["expected_delay_shown"])
        self.assertTrue(self.type_lamp.expected_delay_shown)
        self.assertEqual(self.type_lamp._grc_expected_delay_days(), (2, 5))

    def test_measure_again_replaces_figures(self):
        """A later run measures its own 90 days: old figures do not linger."""
        self._five_requests()
        self._measure()
        with freeze_time(paris(2026, 7, 1, 10, 0)):
            self.env["grc.request.type"]._cron_compute_expected_delays()
        self.assertEqual(self.type_lamp.expected_delay_sample, 0)
        self.assertEqual(self.type_lamp.expected_delay_median, 0.0)


@tagged("post_install", "-at_install")
class TestExpectedDelayPortal(HttpCase, SlaCommon):
    """The démarche page tells the observed delay once enough requests back it."""

    def test_type_page_shows_observed_delay(self):
        """Shown in whole working days from the minimum sample, hidden below."""
        self.type_lamp.write(
            {
                "expected_delay_median": 1.5,
                "expected_delay_p90": 6.2,
                "expected_delay_sample": 9,
            }
        )
        url = f"/demarches/{self.env['ir.http']._slug(self.type_lamp)}"
        self.assertNotIn("grc_expected_delay", self.url_open(url).text)
        self.type_lamp.expected_delay_sample = 10
        page = self.url_open(url).text
        self.assertIn("grc_expected_delay", page)
        self.assertRegex(
            " ".join(page.split()),
            r"Half of the requests are handled within 2 working days, "
            r"9 in 10 within 7 working days",
        )
