# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged

# Documentation addresses (RFC 5737): never a real client.
CLIENT = "203.0.113.7"
OTHER_CLIENT = "198.51.100.23"


@tagged("post_install", "-at_install")
class TestTrackingThrottle(TransactionCase):
    """Failed look-ups on /suivi are counted in the database, so that every
    worker of the server (and a restarted one) slows the same guesser down."""

    def setUp(self):
        super().setUp()
        # Default limits (5 failures in 15 minutes): nothing is written to
        # ir.config_parameter, whose rows the other cursors would wait for.
        self.failures = self.env["grc.tracking.failure"]

    def _committed_rows_cleanup(self):
        """Rows committed by the "workers" below are deleted after the test."""
        hashes = [self.failures._grc_client_hash(ip) for ip in (CLIENT, OTHER_CLIENT)]

        def cleanup():
            with self.registry.cursor() as cr:
                cr.execute(
                    "DELETE FROM grc_tracking_failure WHERE client_hash IN %s",
                    [tuple(hashes)],
                )

        self.addCleanup(cleanup)

    def _worker(self, cr):
        """An environment of its own, like a request served by another worker."""
        return api.Environment(cr, SUPERUSER_ID, {})["grc.tracking.failure"]

    def test_limit_shared_across_workers(self):
        """Failures seen by two workers add up: the fifth blocks both."""
        self._committed_rows_cleanup()
        with self.registry.cursor() as cr_a:
            worker_a = self._worker(cr_a)
            for _index in range(3):
                self.assertFalse(worker_a._grc_is_blocked(CLIENT))
                worker_a._grc_register(CLIENT)
        with self.registry.cursor() as cr_b:
            worker_b = self._worker(cr_b)
            self.assertFalse(worker_b._grc_is_blocked(CLIENT))
            worker_b._grc_register(CLIENT)
            worker_b._grc_register(CLIENT)
        # A new cursor, like a worker started after a restart: nothing in memory.
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            self.assertTrue(self._worker(cr_a)._grc_is_blocked(CLIENT))
            self.assertTrue(self._worker(cr_b)._grc_is_blocked(CLIENT))
            # Another client is not affected.
            self.assertFalse(self._worker(cr_b)._grc_is_blocked(OTHER_CLIENT))

    def test_concurrent_failures_are_all_counted(self):
        """Two workers failing at the same time both count (no lost update)."""
        self._committed_rows_cleanup()
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            worker_a, worker_b = self._worker(cr_a), self._worker(cr_b)
            # Both transactions are open at once; neither waits for the other.
            worker_a._grc_register(OTHER_CLIENT)
            worker_b._grc_register(OTHER_CLIENT)
        with self.registry.cursor() as cr:
            client_hash = self.failures._grc_client_hash(OTHER_CLIENT)
            cr.execute(
                "SELECT count(*) FROM grc_tracking_failure WHERE client_hash = %s",
                [client_hash],
            )
            self.assertEqual(cr.fetchone()[0], 2)

    def test_address_is_never_kept_in_clear(self):
        """The client is an HMAC of its address keyed with the database secret."""
        failure = self.failures._grc_register(CLIENT)
        self.assertNotIn(CLIENT, failure.client_hash)
        self.assertEqual(len(failure.client_hash), 64)
        self.assertEqual(failure.client_hash, self.failures._grc_client_hash(CLIENT))
        self.assertNotEqual(
            failure.client_hash, self.failures._grc_client_hash(OTHER_CLIENT)
        )
        # Another database secret gives another hash: not a plain SHA-256 that
        # anyone could compute for every IPv4 address.
        self.env["ir.config_parameter"].set_param("database.secret", "another")
        self.assertNotEqual(failure.client_hash, self.failures._grc_client_hash(CLIENT))

    def test_window_expires_and_autovacuum_cleans(self):
        """Failures older than the window stop counting and are deleted."""
        start = fields.Datetime.now()
        with freeze_time(start):
            for _index in range(5):
                self.failures._grc_register(CLIENT)
            self.assertTrue(self.failures._grc_is_blocked(CLIENT))
        with freeze_time(start + timedelta(minutes=16)):
            self.assertFalse(self.failures._grc_is_blocked(CLIENT))
            self.failures._grc_register(OTHER_CLIENT)
            self.failures._gc_expired_failures()
            remaining = self.failures.search([])
            self.assertEqual(
                remaining.mapped("client_hash"),
                [self.failures._grc_client_hash(OTHER_CLIENT)],
            )


@tagged("post_install", "-at_install")
class TestThrottleScopes(TransactionCase):
    """One throttle for every anonymous action: each scope (failed look-ups,
    mails per client, mails per recipient) counts and expires on its own."""

    def setUp(self):
        super().setUp()
        self.throttle = self.env["grc.tracking.failure"]

    def test_scopes_are_counted_apart(self):
        """Mails sent from one client do not count as its failed look-ups,
        and the same value hashes differently in each scope."""
        for _index in range(5):
            self.throttle._grc_register(CLIENT, "mail_ip")
        self.assertFalse(self.throttle._grc_is_blocked(CLIENT))
        self.assertNotEqual(
            self.throttle._grc_client_hash(CLIENT, "mail_ip"),
            self.throttle._grc_client_hash(CLIENT, "mail_address"),
        )

    def test_throttle_counts_nothing_once_blocked(self):
        """A blocked action counts for none of its clients: a recipient over
        its limit does not use up the sender's allowance."""
        address = "paul@example.fr"
        clients = {"mail_ip": CLIENT, "mail_address": address}
        for _index in range(3):
            self.assertFalse(self.throttle._grc_throttle(clients))
        self.assertTrue(self.throttle._grc_throttle(clients))
        ip_rows = self.throttle.search_count(
            [("client_hash", "=", self.throttle._grc_client_hash(CLIENT, "mail_ip"))]
        )
        self.assertEqual(ip_rows, 3)
        # Another recipient from the same client goes on.
        self.assertFalse(
            self.throttle._grc_throttle({"mail_ip": CLIENT, "mail_address": "x@y.fr"})
        )
        # The address is matched whatever its case.
        self.assertTrue(
            self.throttle._grc_is_blocked("Paul@Example.fr", "mail_address")
        )

    def test_each_scope_expires_with_its_window(self):
        start = fields.Datetime.now()
        with freeze_time(start):
            self.throttle._grc_register(CLIENT, "tracking")
            self.throttle._grc_register(CLIENT, "mail_ip")
        with freeze_time(start + timedelta(minutes=20)):
            self.throttle._gc_expired_failures()
            # Failed look-ups (15 min) are gone, mails (60 min) still count.
            self.assertEqual(self.throttle.search([]).mapped("scope"), ["mail_ip"])
