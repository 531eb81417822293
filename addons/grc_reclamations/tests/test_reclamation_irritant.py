# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.tests import tagged

from .common import ReclamationCommon, paris

NOW = paris(2026, 6, 30, 12, 0)


@tagged("post_install", "-at_install")
class TestReclamationIrritant(ReclamationCommon):
    """Recurring causes found on a seeded series of complaints."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Irritant = cls.env["grc.reclamation.irritant"]
        cls.recent_late = cls._series(cls.reason_late, cls.team_voirie, 5, first_day=5)
        # Same reason and service, but outside the 90-day window.
        cls._series(cls.reason_late, cls.team_voirie, 6, first_day=100)
        # Under the threshold.
        cls._series(cls.reason_incomplete, cls.team_voirie, 4, first_day=3)
        cls._series(cls.reason_late, cls.team_ccas, 3, first_day=3)

    @classmethod
    def _series(cls, reason, team, count, first_day):
        return cls.Reclamation.with_context(grc_reclamation_no_mail=True).create(
            [
                {
                    "subject": f"Réclamation {index}",
                    "partner_id": cls.citizen.id,
                    "reason_id": reason.id,
                    "team_ids": [(6, 0, team.ids)],
                    "received_date": NOW - timedelta(days=first_day + 7 * index),
                }
                for index in range(count)
            ]
        )

    def test_threshold_raises_one_irritant(self):
        """Five delay complaints about roads in 90 days raise one irritant."""
        irritants = self.Irritant._detect(self.env.company, now=NOW)
        self.assertEqual(len(irritants), 1)
        self.assertEqual(irritants.reason_id, self.reason_late)
        self.assertEqual(irritants.team_id, self.team_voirie)
        self.assertEqual(irritants.reclamation_ids, self.recent_late)
        self.assertEqual(irritants.user_id, self.manager_voirie)
        self.assertEqual(irritants.activity_ids.user_id, self.manager_voirie)
        self.assertEqual(self.recent_late.irritant_ids, irritants)

    def test_detection_is_idempotent(self):
        """Running the detection again raises nothing new."""
        first = self.Irritant._detect(self.env.company, now=NOW)
        again = self.Irritant._detect(self.env.company, now=NOW)
        self.assertFalse(again)
        self.assertEqual(self.Irritant.search_count([]), 1)
        self.assertEqual(len(first.reclamation_ids), 5)

    def test_new_complaints_feed_the_open_irritant(self):
        """A new complaint with the same cause joins the open irritant."""
        irritant = self.Irritant._detect(self.env.company, now=NOW)
        newer = self._series(self.reason_late, self.team_voirie, 1, first_day=1)
        again = self.Irritant._detect(self.env.company, now=NOW)
        self.assertEqual(again, irritant)
        self.assertIn(newer, irritant.reclamation_ids)
        self.assertEqual(self.Irritant.search_count([]), 1)

    def test_treated_irritant_is_raised_again_if_the_cause_comes_back(self):
        """Once treated, a recurring cause raises a new irritant."""
        irritant = self.Irritant._detect(self.env.company, now=NOW)
        irritant.action_start_treatment()
        irritant.action_treated()
        again = self.Irritant._detect(self.env.company, now=NOW)
        self.assertTrue(again)
        self.assertNotEqual(again, irritant)

    def test_threshold_and_window_are_configurable(self):
        """A lower threshold finds the smaller series too."""
        self.env.company.reclamation_irritant_threshold = 3
        irritants = self.Irritant._detect(self.env.company, now=NOW)
        self.assertEqual(len(irritants), 3)
        self.env.company.reclamation_irritant_window_days = 200
        wider = self.Irritant._detect(self.env.company, now=NOW)
        self.assertEqual(len(wider), 1, "only the roads delay irritant gets new ones")
        self.assertEqual(len(wider.reclamation_ids), 11)

    def test_cron_runs(self):
        """The scheduled action detects irritants for every company."""
        self.assertTrue(self.Irritant._cron_detect_irritants())
