# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase


class TestDemoAddon(TransactionCase):
    def test_generators_belong_to_grc_demo(self):
        """The demo generators are defined by grc_demo alone: a production
        registry (without grc_demo) does not load them."""
        for model in ("grc.demo.generator", "grc.reclamation.demo"):
            definitions = self.env["ir.model.data"].search(
                [
                    ("model", "=", "ir.model"),
                    ("res_id", "=", self.env["ir.model"]._get_id(model)),
                ]
            )
            self.assertEqual(definitions.mapped("module"), ["grc_demo"], model)
