# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon


@tagged("post_install", "-at_install")
class TestReclamationRegister(GrcCommon):
    def _complaints_months(self):
        register = self.env["grc.processing.register"]._grc_register(self.env.company)
        return {row["item"]: row["months"] for row in register["retention"]}[
            "Complaints"
        ]

    def test_complaints_retention_in_the_register(self):
        self.env.company.reclamation_retention_months = 60
        self.assertEqual(self._complaints_months(), 60)
        self.env.company.reclamation_retention_months = 72
        self.assertEqual(self._complaints_months(), 72)
        register = self.env["grc.processing.register"]._grc_register(self.env.company)
        self.assertIn(
            "Handle complaints and improve the public service",
            [row["purpose"] for row in register["purposes"]],
        )
