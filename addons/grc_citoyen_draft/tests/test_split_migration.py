# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

from odoo.addons.grc_citoyen.tools import migration


def _pre_migration():
    path = get_module_path("grc_citoyen") + "/migrations/18.0.3.0.0/pre-migration.py"
    spec = importlib.util.spec_from_file_location("grc_citoyen_mig_3_0", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestDraftSplitMigration(TransactionCase):
    """A database of grc_citoyen 18.0.2, where saved démarches were part of
    grc_citoyen: its upgrade installs this addon, which takes over the
    records grc_citoyen had (rules, cron, reminder, menu) with their ids,
    and the drafts stay."""

    def test_upgrade_hands_the_records_and_keeps_the_drafts(self):
        self.assertIn("grc_citoyen_draft", _pre_migration().SPLIT_ADDONS)
        names = sorted(migration.data_xmlids("grc_citoyen_draft"))
        self.assertIn("ir_cron_grc_citizen_drafts", names)
        self.assertIn("grc_citizen_draft_rule_portal", names)
        imd = self.env["ir.model.data"].search(
            [("module", "=", "grc_citoyen_draft"), ("name", "in", names)]
        )
        self.assertEqual(set(imd.mapped("name")), set(names))
        records = {row.id: (row.model, row.res_id) for row in imd}
        partner = self.env["res.partner"].create(
            {"name": "Hélène Núñez", "email": "helene@example.fr"}
        )
        request_type = self.env["grc.request.type"].create({"name": "Voirie"})
        draft = self.env["grc.citizen.draft"]._grc_save(
            partner, request_type, [("description", "Nid de poule")]
        )[0]
        # As before the cut: grc_citoyen owned them, this addon did not exist.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ir_model_data SET module = 'grc_citoyen' WHERE id = ANY(%s)",
            [list(records)],
        )
        self.env.cr.execute(
            "UPDATE ir_module_module SET state = 'uninstalled' WHERE name = %s",
            ["grc_citoyen_draft"],
        )
        marked = migration.move_split_data(
            self.env.cr, "grc_citoyen", ["grc_citoyen_draft"]
        )
        self.assertEqual(marked[0], "grc_citoyen_draft")
        self.env.cr.execute(
            "SELECT id, model, res_id, module FROM ir_model_data WHERE id = ANY(%s)",
            [list(records)],
        )
        for row_id, model, res_id, module in self.env.cr.fetchall():
            self.assertEqual(module, "grc_citoyen_draft")
            self.assertEqual((model, res_id), records[row_id])
        self.env.cr.execute(
            "SELECT state FROM ir_module_module WHERE name = 'grc_citoyen_draft'"
        )
        self.assertEqual(self.env.cr.fetchone()[0], "to install")
        self.assertTrue(draft.exists())
        self.assertEqual(draft.form_data, {"description": ["Nid de poule"]})
