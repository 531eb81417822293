# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tools import mute_logger

from .common import TICKET_FORM, AccessLogCommon

TRIGGER = "grc_access_log_append_only"


class TestAccessLogChain(AccessLogCommon):
    """The chain and its seals catch an entry altered, inserted or deleted
    with raw SQL, as whoever holds the database could do."""

    def setUp(self):
        super().setUp()
        self.citizens = self.env["res.partner"].create(
            [{"name": f"Citoyen {index}", "is_citizen": True} for index in range(5)]
        )
        for citizen in self.citizens:
            citizen.with_user(self.agent).web_read({"name": {}, "email": {}})
            self.flush_log()  # one transaction each: five links of the chain
        self.chain = self.entries()
        self.assertEqual(len(self.chain), 5)

    def tamper(self, query, params=()):
        """Raw SQL, past the append-only trigger (a database owner can)."""
        self.env.cr.execute(f"ALTER TABLE grc_access_log DISABLE TRIGGER {TRIGGER}")
        self.env.cr.execute(query, params)
        self.env.cr.execute(f"ALTER TABLE grc_access_log ENABLE TRIGGER {TRIGGER}")
        self.env.invalidate_all()

    def kinds(self):
        return {(p["sequence"], p["kind"]) for p in self.log._grc_verify()}

    def test_intact_chain_verifies(self):
        """Entries link to each other and the head; nothing is reported."""
        self.assertEqual(self.log._grc_verify(), [])
        for previous, entry in zip(self.chain, self.chain[1:], strict=False):
            self.assertEqual(entry.prev_hash, previous.hash)
            self.assertEqual(entry.sequence, previous.sequence + 1)

    def test_edited_entry_is_reported(self):
        """An entry whose user was changed is reported as altered."""
        entry = self.chain[2]
        self.tamper(
            "UPDATE grc_access_log SET user_ref = %s WHERE id = %s",
            (self.auditor.id, entry.id),
        )
        self.assertEqual(self.kinds(), {(entry.sequence, "altered")})

    def test_rehashed_entry_is_reported(self):
        """Even with its own hash recomputed (without the key), the entry
        and the link of the next one give it away."""
        entry = self.chain[1]
        self.tamper(
            "UPDATE grc_access_log SET field_names = 'name', hash = md5('x') || "
            "md5('y') WHERE id = %s",
            (entry.id,),
        )
        kinds = self.kinds()
        self.assertIn((entry.sequence, "altered"), kinds)

    def test_inserted_entry_is_reported(self):
        """A copy of an entry slipped into the chain is reported as inserted."""
        entry = self.chain[2]
        self.tamper(
            "INSERT INTO grc_access_log (sequence, logged_at, user_ref, operation,"
            " model_name, res_id, citizen_ref, prev_hash, hash)"
            " SELECT sequence, logged_at, %s, operation, model_name, res_id,"
            " citizen_ref, prev_hash, hash FROM grc_access_log WHERE id = %s",
            (self.auditor.id, entry.id),
        )
        self.assertEqual(self.kinds(), {(entry.sequence, "inserted")})

    def test_entry_appended_past_the_head_is_reported(self):
        """An entry added at the end without the chain's head is inserted."""
        last = self.chain[-1]
        self.tamper(
            "INSERT INTO grc_access_log (sequence, logged_at, user_ref, operation,"
            " model_name, res_id, prev_hash, hash) VALUES (%s, now(), %s, 'read',"
            " 'res.partner', 1, %s, %s)",
            (last.sequence + 1, self.auditor.id, last.hash, "f" * 64),
        )
        self.assertEqual(self.kinds(), {(last.sequence + 1, "inserted")})

    def test_deleted_entry_is_reported(self):
        """An entry removed from the middle is reported as deleted."""
        entry = self.chain[1]
        sequence = entry.sequence
        self.tamper("DELETE FROM grc_access_log WHERE id = %s", (entry.id,))
        self.assertEqual(self.kinds(), {(sequence, "deleted")})

    def test_deleted_tail_is_caught_by_the_seal(self):
        """The last entries deleted and the head rewound to match: the
        daily seal, kept apart, still knows the chain went further."""
        self.env["grc.access.log.seal"]._grc_seal()
        last, before = self.chain[-1], self.chain[-2]
        sequence = last.sequence
        self.env.cr.execute(
            "UPDATE grc_access_log_head SET last_sequence = %s, last_hash = %s",
            (before.sequence, before.hash),
        )
        self.tamper("DELETE FROM grc_access_log WHERE id = %s", (last.id,))
        self.assertEqual(self.kinds(), {(sequence, "deleted")})

    def test_cron_seals_reports_and_keeps_tampered_evidence(self):
        """The daily job records what it found on its seal, logs an error and
        purges nothing while the chain is broken."""
        Seal = self.env["grc.access.log.seal"]
        self.env["ir.config_parameter"].set_param("grc_access_log.retention_days", 1)
        first, kept = self.chain[0].sequence, self.chain[1:]
        self.tamper("DELETE FROM grc_access_log WHERE id = %s", (self.chain[0].id,))
        with (
            freeze_time(fields.Datetime.now() + timedelta(days=3)),
            mute_logger(
                "odoo.addons.grc_citoyen_access_log.models.grc_access_log_seal"
            ),
        ):
            self.assertFalse(Seal._cron_seal_and_verify())
        seal = Seal.search([], limit=1)
        self.assertEqual(seal.kind, "daily")
        self.assertEqual(seal.problem_count, 1)
        self.assertIn(str(first), seal.verification_report)
        self.assertEqual(self.entries(), kept)

    def test_cron_purges_past_retention_and_chain_still_verifies(self):
        """Entries past their retention go, sealed first; the entries logged
        afterwards still verify from that seal."""
        Seal = self.env["grc.access.log.seal"]
        last_sequence, last_hash = self.chain[-1].sequence, self.chain[-1].hash
        self.env["ir.config_parameter"].set_param("grc_access_log.retention_days", 1)
        with freeze_time(fields.Datetime.now() + timedelta(days=3)):
            self.assertTrue(Seal._cron_seal_and_verify())
        self.assertFalse(self.entries())
        purge_seal = Seal.search([("kind", "=", "purge")])
        self.assertEqual(purge_seal.last_sequence, last_sequence)
        self.assertEqual(purge_seal.last_hash, last_hash)
        self.request.with_user(self.agent).web_read(TICKET_FORM)
        self.flush_log()
        self.assertEqual(self.entries().sequence, last_sequence + 1)
        self.assertEqual(self.log._grc_verify(), [])

    def test_purge_keeps_what_is_within_retention(self):
        """A purge up to an entry keeps those after it, verifiable."""
        kept, before = self.chain[3:], self.log.search_count([])
        self.assertEqual(self.log._grc_purge_upto(self.chain[2].sequence), before - 2)
        self.assertEqual(self.entries(), kept)
        self.assertEqual(self.log._grc_verify(), [])
