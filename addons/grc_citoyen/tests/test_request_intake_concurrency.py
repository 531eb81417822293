# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import copy
import threading
import time
import uuid
from functools import partial
from unittest.mock import patch

import psycopg2
from psycopg2 import errorcodes

from odoo import SUPERUSER_ID, api
from odoo.service import model as service_model
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from odoo.addons.grc_citoyen.controllers.portal import GrcCitizenPortal
from odoo.addons.grc_citoyen.tools.intake import (
    is_concurrent_submission,
    serialization_failure,
)

WAIT_SECONDS = 20


@tagged("post_install", "-at_install")
class TestRequestIntakeConcurrency(TransactionCase):
    """Two submissions with the same idempotency key at the same time, each in
    a transaction of its own as two workers of the server run them: the
    second waits for the first on the unique index, then gets the first's
    request, as a replay would, instead of a server error.

    These transactions commit: what they create is deleted after the test.
    """

    def _cursor(self):
        cr = self.registry.cursor()
        # Reuse the loaded registry: another thread looking it up by name
        # waits for the registry lock, which the test runner holds.
        cr.transaction = api.Transaction(self.registry)
        return cr

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        self.email = f"concurrent.{tag}@example.fr"
        with self._cursor() as cr:
            env = self._env(cr)
            team = env["helpdesk.ticket.team"].create({"name": f"Voirie {tag}"})
            request_type = env["grc.request.type"].create(
                {"name": f"Nid-de-poule {tag}", "team_id": team.id}
            )
            self.team_id, self.type_id = team.id, request_type.id
        self.addCleanup(self._delete_committed)
        self.values = {
            "request_type_id": self.type_id,
            "description": "Un nid-de-poule devant l'école.",
            "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
            "citizen": {"name": "Inès Marchand", "email": self.email},
            "idempotency_key": f"key-{tag}",
        }

    def _delete_committed(self):
        with self._cursor() as cr:
            env = self._env(cr)
            tickets = (
                env["helpdesk.ticket"]
                .with_context(active_test=False)
                .search([("team_id", "=", self.team_id)])
            )
            partners = tickets.partner_id | env["res.partner"].with_context(
                active_test=False
            ).search([("email", "=", self.email)])
            env["mail.mail"].search(
                [("model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids)]
            ).unlink()
            tickets.unlink()
            partners.unlink()
            env["grc.request.type"].browse(self.type_id).unlink()
            env["helpdesk.ticket.team"].browse(self.team_id).unlink()

    def _submit(self, env):
        return env["helpdesk.ticket"]._grc_intake(copy.deepcopy(self.values))

    def _wait_until_blocked(self, pid):
        """Whether the backend ``pid`` waits for a lock (the unique index)
        within ``WAIT_SECONDS``."""
        deadline = time.monotonic() + WAIT_SECONDS
        with self._cursor() as cr:
            while time.monotonic() < deadline:
                cr.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                    [pid],
                )
                row = cr.fetchone()
                cr.rollback()
                if row and row[0] == "Lock":
                    return True
                time.sleep(0.05)
        return False

    def _first_worker(self, second_pid, inserted, outcome):
        """The first submission: created, then committed once the second
        waits for it on the unique index (or after ``WAIT_SECONDS``)."""
        try:
            with self._cursor() as cr:
                ticket, replayed = self._submit(self._env(cr))
                outcome["first"] = (ticket.id, replayed)
                inserted.set()
                outcome["second_waited"] = self._wait_until_blocked(second_pid)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            outcome["error"] = exc
        finally:
            inserted.set()

    def _race(self, second):
        """Run the first submission in a thread and ``second(env)`` here once
        the first holds its row; return (first's outcome, second's result).
        Nothing is logged at ERROR (the twin's unique violation is handled)."""
        outcome = {}
        inserted = threading.Event()
        with (
            self.assertNoLogs("odoo.sql_db", "ERROR"),
            self._cursor() as cr,
        ):
            cr.execute("SELECT pg_backend_pid()")
            first = threading.Thread(
                target=self._first_worker, args=(cr.fetchone()[0], inserted, outcome)
            )
            first.start()
            self.assertTrue(inserted.wait(WAIT_SECONDS))
            self.assertNotIn("error", outcome, outcome.get("error"))
            try:
                result = second(self._env(cr))
            finally:
                first.join(WAIT_SECONDS)
        self.assertFalse(first.is_alive(), "the first submission is stuck")
        self.assertNotIn("error", outcome, outcome.get("error"))
        self.assertTrue(outcome["second_waited"], "no concurrency was tested")
        self.assertFalse(outcome["first"][1])
        return outcome, result

    def test_concurrent_same_key_gets_first_request(self):
        """The second of two concurrent submissions gets the first request."""
        with patch.object(
            service_model._logger, "info", wraps=service_model._logger.info
        ) as retry_log:
            # As Odoo's HTTP layer runs a request: retried whole on a
            # serialization failure.
            outcome, second = self._race(
                lambda env: retrying(partial(self._submit, env), env)
            )
        self.assertEqual((second[0].id, second[1]), (outcome["first"][0], True))
        # Retried once by Odoo on the serialization failure.
        self.assertEqual(
            [call.args[1] for call in retry_log.call_args_list],
            [errorcodes.lookup(errorcodes.SERIALIZATION_FAILURE)],
        )
        with self._cursor() as cr:
            count = self._env(cr)["helpdesk.ticket"].search_count(
                [("grc_idempotency_key", "=", self.values["idempotency_key"])]
            )
        self.assertEqual(count, 1)

    def test_portal_answers_the_twin_without_retry(self):
        """The portal answers the twin of a double click with the first's
        request, read in a new transaction, without Odoo's retry."""

        def second(env):
            with self.assertRaises(psycopg2.errors.SerializationFailure) as caught:
                self._submit(env)
            self.assertTrue(is_concurrent_submission(caught.exception))
            # The transaction is still usable.
            env.cr.execute("SELECT 1")
            return GrcCitizenPortal()._grc_committed_twin(env, self.values)

        outcome, twin_id = self._race(second)
        self.assertEqual(twin_id, outcome["first"][0])
        self.assertFalse(
            is_concurrent_submission(psycopg2.errors.SerializationFailure())
        )

    def test_serialization_failure_carries_its_code(self):
        """The error raised for Odoo's retry loop carries the code it retries
        on, and leaves the transaction usable."""
        error = serialization_failure(self.env.cr)
        self.assertEqual(error.pgcode, errorcodes.SERIALIZATION_FAILURE)
        self.env.cr.execute("SELECT 1")
        self.assertEqual(self.env.cr.fetchone(), (1,))
