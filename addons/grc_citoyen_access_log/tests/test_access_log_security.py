# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import TICKET_FORM, AccessLogCommon


class TestAccessLogSecurity(AccessLogCommon):
    """The log is append-only for everyone, administrators and the database
    included, and read by the auditor and by managers for their services."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request.with_user(cls.agent).web_read(TICKET_FORM)
        cls.request_ccas.with_user(cls.agent_ccas).web_read(TICKET_FORM)
        cls.env.cr.precommit.run()
        cls.admin = cls.env.ref("base.user_admin")
        cls.env["grc.access.log.seal"]._grc_seal()

    def test_nobody_changes_or_deletes_an_entry(self):
        """Write, unlink and create are refused to the administrator and to
        the superuser alike."""
        entry = self.entries()[:1]
        self.assertTrue(entry)
        for log in (entry.with_user(self.admin), entry.sudo()):
            with self.assertRaises(UserError):
                log.write({"user_ref": self.auditor.id})
            with self.assertRaises(UserError):
                log.unlink()
            with self.assertRaises(UserError):
                log.create({"operation": "read"})
        self.assertEqual(entry.user_ref, self.agent.id)

    def test_nobody_changes_or_deletes_a_seal(self):
        """Seals are as untouchable as the entries."""
        seal = self.env["grc.access.log.seal"].search([], limit=1)
        for record in (seal.with_user(self.admin), seal.sudo()):
            with self.assertRaises(UserError):
                record.write({"last_hash": "0"})
            with self.assertRaises(UserError):
                record.unlink()
        with self.assertRaises(UserError):
            seal.with_user(self.admin).create({"kind": "daily"})

    @mute_logger("odoo.sql_db")
    def test_database_refuses_update_and_delete(self):
        """The trigger refuses UPDATE and DELETE from SQL too."""
        entry = self.entries()[:1]
        for query in (
            "UPDATE grc_access_log SET user_ref = 1 WHERE id = %s",
            "DELETE FROM grc_access_log WHERE id = %s",
        ):
            with (
                self.assertRaises(psycopg2.errors.RaiseException),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(query, (entry.id,))

    def test_agent_cannot_read_the_log(self):
        """A service agent, outside the rules, reads no entry nor seal."""
        with self.assertRaises(AccessError):
            self.log.with_user(self.agent).search([])
        with self.assertRaises(AccessError):
            self.entries()[:1].with_user(self.agent).read(["user_ref"])
        with self.assertRaises(AccessError):
            self.env["grc.access.log.seal"].with_user(self.agent).search([])

    def test_manager_reads_the_log_of_their_services_only(self):
        """The Voirie manager reads the Voirie agent's entry, not the CCAS's."""
        entries = self.log.with_user(self.manager).search(
            [("sequence", ">", self.start_sequence)]
        )
        self.assertEqual(set(entries.mapped("team_ref")), {self.team_voirie.id})
        with self.assertRaises(AccessError):
            self.env["grc.access.log.seal"].with_user(self.manager).search([])

    def test_auditor_reads_everything(self):
        """The auditor reads every entry and seal, and verifies the chain."""
        entries = self.log.with_user(self.auditor).search(
            [("sequence", ">", self.start_sequence)]
        )
        self.assertEqual(
            set(entries.mapped("team_ref")), {self.team_voirie.id, self.team_ccas.id}
        )
        self.assertEqual(
            entries.with_user(self.auditor).mapped("user_id"),
            self.agent | self.agent_ccas,
        )
        # A user deleted since is shown empty, the entry keeps their id.
        entry = entries.filtered(lambda e: e.user_ref == self.agent_ccas.id)
        self.agent_ccas.unlink()
        self.env.invalidate_all()
        self.assertFalse(entry.with_user(self.auditor).user_id)
        self.assertEqual(entry.user_ref, self.agent_ccas.id)
        action = (
            self.env["grc.access.log.seal"].with_user(self.auditor).action_grc_verify()
        )
        self.assertEqual(action["params"]["type"], "success")
