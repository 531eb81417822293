# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers of the migration scripts of the GRC addons (plain SQL: they run
before the registry is ready).

When a feature leaves an addon for one of its own, a database that had it
keeps it: the new addon is installed in the same upgrade and takes over the
records its data files define (groups, rules, menus, crons, templates...)
instead of grc_citoyen's update deleting them and the new addon creating them
again (users would lose their groups, crons their state). Models and fields
need nothing: the new addon adds its own external id to them before the
upgrade's clean-up, which then only drops the old addon's.
"""

import ast
import csv
import logging
from pathlib import Path

from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

XML_TAGS = ("record", "menuitem", "template", "report", "act_window")


def _manifest(addon):
    path = get_module_path(addon, display_warning=False)
    if not path:
        return None, {}
    root = Path(path)
    return root, ast.literal_eval((root / "__manifest__.py").read_text())


def data_xmlids(addon):
    """Names of the external ids the data files of ``addon`` define."""
    root, manifest = _manifest(addon)
    if not root:
        return set()
    names = set()
    for data_file in manifest.get("data", []):
        file_path = root / data_file
        if data_file.endswith(".csv"):
            with file_path.open(newline="", encoding="utf-8") as handle:
                names.update(row["id"] for row in csv.DictReader(handle))
        elif data_file.endswith(".xml"):
            tree = etree.parse(str(file_path))
            names.update(
                node.get("id") for node in tree.iter(*XML_TAGS) if node.get("id")
            )
    prefix = f"{addon}."
    return {
        name.removeprefix(prefix)
        for name in names
        if "." not in name.removeprefix(prefix)
    }


def move_split_data(cr, source, addons):
    """Give the addons cut out of ``source`` the records of their data files,
    and install those whose feature the database had (``source`` owned their
    records) with the bridges they complete; return the addons marked to
    install."""
    marked = []
    for addon in addons:
        cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [addon])
        row = cr.fetchone()
        if not row:
            _logger.warning("%s is not in the addons path: not installed", addon)
            continue
        names = sorted(data_xmlids(addon))
        moved = 0
        if names:
            cr.execute(
                """
                UPDATE ir_model_data d
                   SET module = %(addon)s
                 WHERE d.module = %(source)s
                   AND d.name = ANY(%(names)s)
                   AND NOT EXISTS (
                        SELECT 1 FROM ir_model_data o
                         WHERE o.module = %(addon)s AND o.name = d.name)
                """,
                {"addon": addon, "names": names, "source": source},
            )
            moved = cr.rowcount
            _logger.info("%s: %s records now belong to it", addon, moved)
        if moved and row[0] in ("uninstalled", "to remove"):
            depends = _manifest(addon)[1].get("depends", [])
            cr.execute(
                """SELECT name FROM ir_module_module WHERE name = ANY(%s)
                    AND state IN ('installed', 'to upgrade', 'to install')""",
                [depends],
            )
            missing = set(depends) - {name for (name,) in cr.fetchall()}
            if missing:
                _logger.warning(
                    "%s needs %s: install it by hand", addon, ", ".join(sorted(missing))
                )
                continue
            cr.execute(
                "UPDATE ir_module_module SET state = 'to install' WHERE name = %s",
                [addon],
            )
            marked.append(addon)
    if marked:
        marked += install_bridges(cr)
    return marked


def install_bridges(cr):
    """Mark to install the auto-installed GRC addons (bridges) whose
    dependencies are all installed or to install: Odoo does so when an
    addon is installed from the interface, not for addons marked by a
    migration."""
    marked = []
    changed = True
    while changed:
        changed = False
        cr.execute(
            """SELECT name FROM ir_module_module
                WHERE state = 'uninstalled' AND name LIKE 'grc\\_%'"""
        )
        for (addon,) in cr.fetchall():
            manifest = _manifest(addon)[1]
            if not manifest.get("auto_install") or not manifest.get(
                "installable", True
            ):
                continue
            depends = manifest.get("depends", [])
            cr.execute(
                """SELECT count(*) FROM ir_module_module WHERE name = ANY(%s)
                    AND state IN ('installed', 'to upgrade', 'to install')""",
                [depends],
            )
            if cr.fetchone()[0] == len(set(depends)):
                cr.execute(
                    "UPDATE ir_module_module SET state = 'to install' WHERE name = %s",
                    [addon],
                )
                marked.append(addon)
                changed = True
    return marked


def reset_inheriting_views(cr, module):
    """Empty the inheriting views of ``module`` until the upgrade loads them
    again from its files.

    The upgrade checks each view it loads with the views inheriting from it
    that are in the database: an extension written for a field that left the
    addon (for a feature addon not installed yet) would stop the upgrade.
    ``<data/>`` changes nothing to any view; the files put the real arch back,
    and the views no file defines any more are deleted at the end.
    """
    cr.execute(
        """
        UPDATE ir_ui_view v
           SET arch_db = jsonb_build_object('en_US', '<data/>')
          FROM ir_model_data d
         WHERE d.model = 'ir.ui.view' AND d.res_id = v.id AND d.module = %s
           AND NOT COALESCE(d.noupdate, false) AND v.inherit_id IS NOT NULL
        """,
        [module],
    )
    _logger.info("%s: %s inheriting views emptied until reloaded", module, cr.rowcount)


def rename_fields(cr, renames):
    """Rename columns and their fields, keeping values, tracking and
    translations; the templates kept from updates (mail) follow."""
    for model, old, new in renames:
        table = model.replace(".", "_")
        cr.execute(
            """SELECT 1 FROM information_schema.columns
                WHERE table_name = %s AND column_name = %s""",
            [table, old],
        )
        if not cr.fetchone():
            continue
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME COLUMN %s TO %s",
                SQL.identifier(table),
                SQL.identifier(old),
                SQL.identifier(new),
            )
        )
        cr.execute(
            SQL(
                "ALTER INDEX IF EXISTS %s RENAME TO %s",
                SQL.identifier(f"{table}__{old}_index"),
                SQL.identifier(f"{table}__{new}_index"),
            )
        )
        cr.execute(
            "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s",
            [new, model, old],
        )
        cr.execute(
            """UPDATE ir_model_data SET name = %s
                WHERE model = 'ir.model.fields' AND name = %s""",
            [f"field_{table}__{new}", f"field_{table}__{old}"],
        )
        # The upgrade loads the views again, but checks each one with the
        # views inheriting from it that are not loaded yet: those must read the
        # new name already (names, modifiers).
        cr.execute(
            r"""UPDATE ir_ui_view
                   SET arch_db = regexp_replace(
                           arch_db::text, %(pattern)s, %(new)s, 'g')::jsonb
                 WHERE model = %(model)s AND type != 'qweb'
                   AND arch_db::text ~ %(pattern)s""",
            {"pattern": rf"\m{old}\M", "new": new, "model": model},
        )
        # Mail templates are loaded once (noupdate): their QWeb reads the field.
        cr.execute(
            r"""UPDATE mail_template
                   SET body_html = regexp_replace(
                           body_html::text, %(pattern)s, %(new)s, 'g')::jsonb
                 WHERE model = %(model)s AND body_html::text ~ %(pattern)s""",
            {
                "pattern": rf"\mobject\.{old}\M",
                "new": f"object.{new}",
                "model": model,
            },
        )
        _logger.info("%s.%s renamed %s", model, old, new)
