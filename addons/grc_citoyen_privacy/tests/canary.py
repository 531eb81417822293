# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scans of the whole database and of the filestore for strings planted in
a citizen's data (canaries): after a destruction, none may be left. Other
addons' tests (answers of forms...) use it on their own records."""

import os

from odoo.tools import SQL

TEXT_TYPES = ("text", "character varying", "character", "jsonb", "json")


class CanaryScan:
    """Mixed into a test case: ``_scan_database`` and ``_scan_filestore``."""

    def _scan_database(self, needles):
        """(table, column) of every text-like or binary column holding one of
        ``needles``."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT c.table_name, c.column_name, c.data_type
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = current_schema()
               AND t.table_type = 'BASE TABLE'
               AND (c.data_type IN %s OR c.data_type = 'bytea')
             ORDER BY 1, 2
            """,
            (TEXT_TYPES,),
        )
        columns = {}
        for table, column, data_type in cr.fetchall():
            columns.setdefault(table, []).append((column, data_type))
        hits = []
        for table, table_columns in columns.items():
            for column, data_type in table_columns:
                if data_type == "bytea":
                    condition = SQL(" OR ").join(
                        SQL(
                            "position(convert_to(%s, 'UTF8') in %s) > 0",
                            needle,
                            SQL.identifier(column),
                        )
                        for needle in needles
                    )
                else:
                    condition = SQL(" OR ").join(
                        SQL("%s::text ILIKE %s", SQL.identifier(column), f"%{needle}%")
                        for needle in needles
                    )
                cr.execute(
                    SQL(
                        "SELECT 1 FROM %s WHERE %s LIMIT 1",
                        SQL.identifier(table),
                        condition,
                    )
                )
                if cr.fetchone():
                    hits.append((table, column))
        return hits

    def _scan_filestore(self, needles, since):
        """Files of the filestore written since ``since`` holding a needle."""
        root = self.env["ir.attachment"]._filestore()
        encoded = [needle.encode() for needle in needles]
        hits = []
        for dirpath, _dirnames, filenames in os.walk(root):
            for filename in filenames:
                path = os.path.join(dirpath, filename)
                if os.path.getmtime(path) < since:
                    continue
                with open(path, "rb") as file:
                    content = file.read()
                if any(needle in content for needle in encoded):
                    hits.append(os.path.relpath(path, root))
        return hits
