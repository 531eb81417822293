# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.grc_reclamations.tests.common import ReclamationCommon


@tagged("post_install", "-at_install")
class TestReclamationDemo(ReclamationCommon):
    """The demo generator: built on existing data, deterministic, harmless."""

    def _generate(self, count):
        with freeze_time("2026-06-30 10:00:00"):
            return self.env["grc.reclamation.demo"]._generate(count=count, seed=7)

    def _shape(self, reclamations):
        return [
            (r.subject, r.reason_id.code, r.severity, r.state, str(r.received_date))
            for r in reclamations.sorted("submission_token")
        ]

    def test_no_citizen_no_complaint(self):
        """Without citizens, the generator creates nothing."""
        self.env["res.partner"].search([("is_citizen", "=", True)]).is_citizen = False
        self.assertFalse(self._generate(10))
        self.assertFalse(self.Reclamation.search_count([]))

    def test_complaints_over_every_stage(self):
        """Complaints use the database's citizens and reach every kind of stage."""
        for index in range(3):
            self._create_request(name=f"Demande {index}")
        created = self._generate(60)
        self.assertEqual(len(created), 60)
        self.assertEqual(created.partner_id, self.citizen)
        states = set(created.mapped("state"))
        self.assertTrue({"answered", "closed"} <= states, states)
        self.assertTrue(states & {"received", "admissible", "analysis", "drafted"})
        self.assertTrue(created.action_ids)
        answered = created.filtered(lambda r: r.state in ("answered", "closed"))
        self.assertTrue(all(r.answer_date for r in answered))
        self.assertFalse(self._generate(60), "a second run creates nothing")

    def test_deterministic(self):
        """The same seed on the same data gives the same complaints."""
        first = self._shape(self._generate(15))
        self.Reclamation.search([]).action_ids.unlink()
        self.Reclamation.search([]).unlink()
        self.assertEqual(self._shape(self._generate(15)), first)
