# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

FEATURE = "grc_citoyen_location"


def _migration():
    path = get_module_path("grc_citoyen") + "/migrations/18.0.2.0.0/pre-migration.py"
    spec = importlib.util.spec_from_file_location("grc_citoyen_mig_2_0", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestSplitMigration(TransactionCase):
    """A database from before the cut: the feature addons are installed in
    the same upgrade and take over the records of their data files."""

    def setUp(self):
        super().setUp()
        self.feature = self.env["ir.module.module"].search(
            [("name", "=", FEATURE), ("state", "=", "installed")]
        )
        if not self.feature:
            self.skipTest(f"{FEATURE} is not installed")
        self.migration = _migration()

    def _owner(self, xmlid_row):
        self.env.cr.execute(
            "SELECT module FROM ir_model_data WHERE id = %s", [xmlid_row]
        )
        return self.env.cr.fetchone()[0]

    def test_data_xmlids_read_from_the_manifest(self):
        names = self.migration.data_xmlids(FEATURE)
        self.assertTrue(names)
        self.assertFalse({name for name in names if "." in name})
        # every name the files define exists once the addon is installed
        imd = self.env["ir.model.data"].search(
            [("module", "=", FEATURE), ("name", "in", sorted(names))]
        )
        self.assertEqual(set(imd.mapped("name")), names)

    def test_records_change_owner_and_addon_installed(self):
        names = sorted(self.migration.data_xmlids(FEATURE))
        imd = self.env["ir.model.data"].search(
            [("module", "=", FEATURE), ("name", "in", names)]
        )
        records = {row.id: (row.model, row.res_id) for row in imd}
        # as before the cut: grc_citoyen owned them, the addon did not exist
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ir_model_data SET module = 'grc_citoyen' WHERE id = ANY(%s)",
            [list(records)],
        )
        self.env.cr.execute(
            "UPDATE ir_module_module SET state = 'uninstalled' WHERE name = %s",
            [FEATURE],
        )
        marked = self.migration.move_split_data(self.env.cr, [FEATURE])
        self.assertEqual(marked, [FEATURE])
        for row_id in records:
            self.assertEqual(self._owner(row_id), FEATURE)
        self.env.cr.execute(
            "SELECT state FROM ir_module_module WHERE name = %s", [FEATURE]
        )
        self.assertEqual(self.env.cr.fetchone()[0], "to install")
        # the records themselves are untouched: same model, same id
        self.env.cr.execute(
            "SELECT id, model, res_id FROM ir_model_data WHERE id = ANY(%s)",
            [list(records)],
        )
        self.assertEqual(
            {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}, records
        )

    def test_installed_addon_keeps_its_own_records(self):
        names = sorted(self.migration.data_xmlids(FEATURE))
        imd = self.env["ir.model.data"].search(
            [("module", "=", FEATURE), ("name", "in", names)], limit=1
        )
        # a leftover row of grc_citoyen with the same name stays grc_citoyen's
        leftover = self.env["ir.model.data"].create(
            {
                "module": "grc_citoyen",
                "name": imd.name,
                "model": imd.model,
                "res_id": imd.res_id,
            }
        )
        self.env.flush_all()
        self.assertEqual(self.migration.move_split_data(self.env.cr, [FEATURE]), [])
        self.assertEqual(self._owner(leftover.id), "grc_citoyen")
        self.assertEqual(self._owner(imd.id), FEATURE)
