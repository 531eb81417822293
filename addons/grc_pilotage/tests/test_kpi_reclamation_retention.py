# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import GrcPilotageReclamationCommon

GROUPBYS = [
    "team_id",
    "direction_id",
    "reason_id",
    "reason_root_id",
    "root_cause_id",
    "justification",
    "state",
    "deadline_status",
    "citizen_satisfaction",
    "received_date:month",
]
AGGREGATES = [
    "__count",
    "answered_count:sum",
    "justified_count:sum",
    "on_time_rate:avg",
    "satisfaction_rate:avg",
    "answer_delay_days:avg",
    "answer_delay_working_days:avg",
    "action_count:sum",
    "done_action_count:sum",
]


# After every module: the bridge that anonymises complaints loads after this one.
@tagged("post_install", "-at_install")
class TestKpiReclamationRetention(GrcPilotageReclamationCommon):
    """Anonymising complaints past their retention leaves the indicators
    as they were."""

    @classmethod
    def setUpClass(cls):
        # The anonymisation of complaints is grc_reclamations_privacy's, a
        # bridge installed with the personal data addon (as in the suite).
        super().setUpClass()
        if "grc_anonymised_date" not in cls.env["grc.reclamation"]._fields:
            raise unittest.SkipTest("grc_reclamations_privacy is not installed")
        # Destroyed at once, without the elimination list and its archives'
        # visa (tested by grc_reclamations_privacy): the indicators are the point.
        cls.env.company.grc_elimination_visa_required = False

    def _snapshot(self):
        Kpi = self.env["grc.kpi.reclamation"]
        domain = self._complaint_domain()
        names = [name for name in Kpi._fields if name not in ("id", "display_name")]
        self.env.invalidate_all()
        return (
            {
                groupby: Kpi._read_group(domain, [groupby], AGGREGATES)
                for groupby in GROUPBYS
            },
            Kpi.search(domain, order="id").read(names),
        )

    def test_kpis_unchanged_by_anonymisation(self):
        """Three answered complaints are closed, then anonymised five years
        later: every row and every total of the indicators stays."""
        self.c_voirie.action_ids.filtered("is_open").write(
            {"state": "done", "effectiveness": "effective"}
        )
        answered = self.c_voirie | self.c_two | self.c_ccas
        with freeze_time("2026-05-11 10:00:00"):
            answered.action_close()
        before = self._snapshot()
        counts = self.env["grc.retention.engine"]._run_retention(datetime(2031, 6, 1))
        self.assertEqual(counts["reclamation_count"], 3)
        self.assertTrue(all(answered.mapped("grc_anonymised_date")))
        still_open = self.c_first | self.c_pending
        self.assertFalse(any(still_open.mapped("grc_anonymised_date")))
        self.assertEqual(self._snapshot(), before)
