# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

import psycopg2

from odoo.tools import mute_logger

from .common import AccessLogCommon


class TestAccessLogWrite(AccessLogCommon):
    """Changes of personal fields are logged with old and new values: one
    entry per record and transaction, never one per field."""

    def test_change_of_citizen_fields_is_one_entry_with_values(self):
        """Two fields changed in two writes: one entry, first old value, last
        new one, other fields left out."""
        citizen = self.citizen.with_user(self.agent)
        citizen.write({"phone": "+33 6 12 34 56 78", "city": "Tours"})
        citizen.write({"city": "Saint-Exemple", "street": "1 rue des Lilas"})
        citizen.write({"comment": citizen.comment})  # no change
        self.flush_log()
        entry = self.entries(operation="write")
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.user_ref, self.agent.id)
        self.assertEqual(entry.field_names, "city,phone,street")
        changes = json.loads(entry.changes)
        self.assertEqual(changes["city"], [False, "Saint-Exemple"])
        self.assertEqual(changes["street"], [False, "1 rue des Lilas"])
        self.assertEqual(changes["phone"][0], False)
        self.assertTrue(changes["phone"][1])

    def test_change_of_the_citizen_on_a_request_is_logged(self):
        """Moving a request to another citizen keeps both names."""
        other = self.env["res.partner"].create(
            {"name": "Marc Lefebvre", "is_citizen": True}
        )
        self.request.with_user(self.agent).write({"partner_id": other.id})
        self.flush_log()
        entry = self.entries(operation="write", model_name="helpdesk.ticket")
        self.assertEqual(
            json.loads(entry.changes)["partner_id"], ["Hélène Núñez", "Marc Lefebvre"]
        )

    def test_system_processing_is_not_logged(self):
        """OdooBot's own processing (an anonymisation) leaves no values in
        the log; the same change by the administrator does."""
        self.citizen.write({"phone": "+33 6 99 99 99 99", "street": "Secret 12"})
        self.flush_log()
        self.assertFalse(self.entries(operation="write"))
        admin = self.env.ref("base.user_admin")
        self.citizen.with_user(admin).write({"street": False})
        self.flush_log()
        entry = self.entries(operation="write")
        self.assertEqual(entry.user_ref, admin.id)
        self.assertEqual(json.loads(entry.changes), {"street": ["Secret 12", False]})

    def test_other_changes_are_not_logged(self):
        """A request's title or a supplier's phone are not personal fields of
        a citizen."""
        supplier = self.env["res.partner"].create({"name": "Fournisseur SA"})
        supplier.write({"phone": "+33 2 47 00 00 00"})
        self.request.with_user(self.agent).write({"name": "Lampadaire cassé"})
        self.flush_log()
        self.assertFalse(self.entries(operation="write"))

    def test_erasure_empties_the_values_and_the_chain_still_verifies(self):
        """Once the citizen's data are destroyed, their entries keep who
        changed which fields and when, and the digest the hash covers, but
        no longer the values; the chain verifies; nothing else may change."""
        self.citizen.with_user(self.agent).write({"street": "12 rue Secrète"})
        self.request.with_user(self.agent).write({"partner_email": "x@secret.fr"})
        self.flush_log()
        entries = self.entries(operation="write")
        self.assertEqual(len(entries), 2)
        digests = entries.mapped("changes_digest")
        # A change not flushed yet when the erasure comes loses its values too.
        self.citizen.with_user(self.agent).write({"phone": "+33 6 11 22 33 44"})
        self.assertEqual(
            self.log._grc_erase_changes(
                "res.partner", self.citizen.ids, self.citizen.ids
            ),
            2,
        )
        self.flush_log()
        self.env.invalidate_all()
        entries = self.entries(operation="write")
        self.assertEqual(len(entries), 3)
        self.assertFalse(any(entries.mapped("changes")))
        self.assertEqual(entries[:2].mapped("changes_digest"), digests)
        self.assertEqual(entries[0].field_names, "street")
        self.assertEqual(self.log._grc_verify(), [])
        # The erasure mode changes the values only, to nothing.
        self.env.cr.execute("SELECT set_config('grc_access_log.erase', 'on', true)")
        for query in (
            "UPDATE grc_access_log SET changes = 'x' WHERE id = %s",
            "UPDATE grc_access_log SET changes = NULL, user_ref = 1 WHERE id = %s",
        ):
            with self.subTest(query=query), self.assertRaises(psycopg2.Error):
                with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                    self.env.cr.execute(query, (entries[0].id,))
