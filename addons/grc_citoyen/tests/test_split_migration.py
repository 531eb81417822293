# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

from ..tools import migration

FEATURE = "grc_citoyen_location"
# auto-installed with FEATURE and grc_citoyen_privacy
BRIDGE = "grc_citoyen_location_privacy"


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
        self.migration = migration

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
        # its bridge with the privacy addon did not exist either
        bridges = self.env["ir.module.module"].search(
            [("name", "=", BRIDGE), ("state", "=", "installed")]
        )
        self.env.cr.execute(
            "UPDATE ir_module_module SET state = 'uninstalled' WHERE name = ANY(%s)",
            [[FEATURE, *bridges.mapped("name")]],
        )
        marked = self.migration.move_split_data(self.env.cr, "grc_citoyen", [FEATURE])
        self.assertEqual(marked, [FEATURE, *bridges.mapped("name")])
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
        self.assertEqual(
            self.migration.move_split_data(self.env.cr, "grc_citoyen", [FEATURE]), []
        )
        self.assertEqual(self._owner(leftover.id), "grc_citoyen")
        self.assertEqual(self._owner(imd.id), FEATURE)


@tagged("post_install", "-at_install")
class TestRenamedFieldsMigration(TransactionCase):
    """Fields whose names OCA's helpdesk addons also use take the grc_
    prefix; an upgraded database keeps their values and its templates."""

    def _column_exists(self, name):
        self.env.cr.execute(
            """SELECT 1 FROM information_schema.columns
                WHERE table_name = 'helpdesk_ticket' AND column_name = %s""",
            [name],
        )
        return bool(self.env.cr.fetchone())

    def test_columns_fields_and_templates_renamed(self):
        team = self.env["helpdesk.ticket.team"].create({"name": "Voirie test"})
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Lampadaire",
                "description": "<p>Éteint</p>",
                "team_id": team.id,
                "grc_resolution": "<p>Ampoule changée.</p>",
            }
        )
        template = self.env["mail.template"].create(
            {
                "name": "Old template",
                "model_id": self.env.ref("helpdesk_mgmt.model_helpdesk_ticket").id,
                "body_html": '<p t-out="object.grc_resolution"/>'
                '<p t-out="object.resolution_date"/>'
                '<p t-out="format_date(object.grc_sla_deadline)"/>',
            }
        )
        self.env.flush_all()
        cr = self.env.cr
        # the database as it was before the rename
        renames = _migration().RENAMED_FIELDS
        for model, old, new in renames:
            cr.execute(f'ALTER TABLE helpdesk_ticket RENAME COLUMN "{new}" TO "{old}"')
            cr.execute(
                "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s",
                [old, model, new],
            )
            cr.execute(
                """UPDATE ir_model_data SET name = %s
                    WHERE model = 'ir.model.fields' AND name = %s""",
                [f"field_helpdesk_ticket__{old}", f"field_helpdesk_ticket__{new}"],
            )
        cr.execute(
            """UPDATE mail_template SET body_html = replace(replace(
                   body_html::text, 'object.grc_resolution', 'object.resolution'),
                   'object.grc_sla_deadline', 'object.sla_deadline')::jsonb
                WHERE id = %s""",
            [template.id],
        )
        migration.rename_fields(cr, renames)
        self.env.invalidate_all()

        self.assertTrue(self._column_exists("grc_resolution"))
        self.assertFalse(self._column_exists("resolution"))
        self.assertTrue(self._column_exists("grc_sla_deadline"))
        cr.execute(
            "SELECT grc_resolution FROM helpdesk_ticket WHERE id = %s", [ticket.id]
        )
        self.assertEqual(cr.fetchone()[0], "<p>Ampoule changée.</p>")
        fields_ = self.env["ir.model.fields"].search(
            [("model", "=", "helpdesk.ticket"), ("name", "like", "%resolution")]
        )
        self.assertIn("grc_resolution", fields_.mapped("name"))
        self.assertNotIn("resolution", fields_.mapped("name"))
        self.assertEqual(
            self.env.ref("grc_citoyen.field_helpdesk_ticket__grc_sla_deadline").name,
            "grc_sla_deadline",
        )
        cr.execute(
            "SELECT body_html->>'en_US' FROM mail_template WHERE id = %s", [template.id]
        )
        body = cr.fetchone()[0]
        self.assertIn("object.grc_resolution", body)
        self.assertIn("object.resolution_date", body)
        self.assertIn("object.grc_sla_deadline", body)
        # a second run changes nothing
        migration.rename_fields(cr, renames)
        self.assertTrue(self._column_exists("grc_resolution"))


@tagged("post_install", "-at_install")
class TestResetInheritingViews(TransactionCase):
    """Before an upgrade loads them again, the extensions of the addon are
    emptied: one written for a field gone to a feature addon would stop it."""

    def test_only_the_addons_inheriting_views_are_emptied(self):
        imd = self.env["ir.model.data"].search(
            [("module", "=", "grc_citoyen"), ("model", "=", "ir.ui.view")]
        )
        views = self.env["ir.ui.view"].browse(imd.mapped("res_id"))
        extension = views.filtered(lambda v: v.inherit_id and v.type == "form")[:1]
        primary = views.filtered(lambda v: not v.inherit_id and v.type == "form")[:1]
        upstream = self.env.ref("helpdesk_mgmt.ticket_view_form")
        before = (primary.arch_db, upstream.arch_db)
        self.env.flush_all()
        migration.reset_inheriting_views(self.env.cr, "grc_citoyen")
        self.env.invalidate_all()
        self.assertEqual(extension.arch_db, "<data/>")
        self.assertEqual((primary.arch_db, upstream.arch_db), before)
        # an empty extension changes nothing to the view it extends
        self.assertTrue(extension.inherit_id.get_combined_arch())
