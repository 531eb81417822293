# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.exceptions import AccessError

from .common import GrcPilotageCommon


class TestDigest(GrcPilotageCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.digest = cls.env["digest.digest"].create(
            {
                "name": "Digest GRC",
                "company_id": cls.env.company.id,
                "kpi_grc_requests_received": True,
                "kpi_grc_requests_closed": True,
                "kpi_grc_sla_compliance": True,
            }
        )

    def _in_january(self, digest):
        return digest.with_context(
            start_datetime=datetime(2026, 1, 1),
            end_datetime=datetime(2026, 2, 1),
        )

    def test_default_digest_shows_grc_kpis(self):
        """The default digest has the GRC indicators enabled."""
        default = self.env.ref("digest.digest_digest_default")
        self.assertTrue(default.kpi_grc_requests_received)
        self.assertTrue(default.kpi_grc_sla_compliance)

    def test_kpi_values(self):
        """The digest counts requests received and closed in the period and the
        deadline compliance."""
        self._set_sla_deadlines(
            {
                self.req_lamp_phone: "2026-01-06 08:00",
                self.req_lamp_email: "2026-01-20 08:00",
                self.req_bulky_web: "2026-01-20 08:00",
                self.req_social: "2026-01-31 08:00",
            }
        )
        digest = self._in_january(self.digest.with_user(self.steering_user))
        # The steering user does not see the confidential request.
        self.assertEqual(digest.kpi_grc_requests_received_value, 6)
        self.assertEqual(digest.kpi_grc_requests_closed_value, 3)
        self.assertAlmostEqual(digest.kpi_grc_sla_compliance_value, 200 / 3)
        # Like the digest itself, forget values computed for another user.
        self.digest.invalidate_recordset()
        admin_digest = self._in_january(self.digest)
        self.assertEqual(admin_digest.kpi_grc_requests_received_value, 7)
        self.assertAlmostEqual(admin_digest.kpi_grc_sla_compliance_value, 75.0)

    def test_kpis_skipped_for_other_users(self):
        """Users without steering rights do not get the GRC indicators."""
        digest = self._in_january(self.digest.with_user(self.frontdesk_user))
        with self.assertRaises(AccessError):
            digest._compute_kpi_grc_requests_received_value()
        kpis = self.digest._compute_kpis(self.env.company, self.frontdesk_user)
        names = [kpi["kpi_name"] for kpi in kpis]
        self.assertNotIn("kpi_grc_requests_received", names)
        kpis = self.digest._compute_kpis(self.env.company, self.steering_user)
        names = [kpi["kpi_name"] for kpi in kpis]
        self.assertIn("kpi_grc_sla_compliance", names)
