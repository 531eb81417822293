# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.addons.grc_citoyen.tests import test_retention

from .common import ReclamationCommon


class TestReclamationRetention(ReclamationCommon, test_retention.RetentionCommon):
    """Complaints keep their citizen out of the anonymisation."""

    def _old_citizen(self, name):
        citizen = self.env["res.partner"].create(
            {"name": name, "is_citizen": True, "email": f"{name[:4].lower()}@ex.fr"}
        )
        self._known_since(citizen, datetime(2015, 1, 1))
        self._finished_request(datetime(2018, 3, 1), partner_id=citizen.id)
        return citizen

    def test_citizen_with_a_complaint_is_kept(self):
        """Old requests expire, but a complaint on file keeps the citizen."""
        kept = self._old_citizen("Odile Plainte")
        gone = self._old_citizen("Gaston Parti")
        self._create_reclamation(partner_id=kept.id)
        self.env["grc.retention.engine"]._run_retention(test_retention.NOW)
        self.assertFalse(kept.grc_anonymised_date)
        self.assertEqual(kept.name, "Odile Plainte")
        self.assertTrue(gone.with_context(active_test=False).grc_anonymised_date)
