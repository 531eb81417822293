# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import time
import uuid

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

WAIT_SECONDS = 20


@tagged("post_install", "-at_install")
class TestAppointmentConcurrency(TransactionCase):
    """Two citizens book the last place of a slot at the same time, each in a
    transaction of its own as two workers of the server run them: the
    second waits for the first on the unique index, then is refused with a
    clear message instead of double-booking the agent.

    These transactions commit: what they create is deleted after the test.
    """

    def _cursor(self):
        cr = self.registry.cursor()
        # Reuse the loaded registry (the test runner holds its lock).
        cr.transaction = api.Transaction(self.registry)
        return cr

    def _env(self, cr):
        # Mails queued, not sent after the commit through a new registry,
        # which the test runner holds.
        return api.Environment(cr, SUPERUSER_ID, {"mail_notify_force_send": False})

    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self._cursor() as cr:
            env = self._env(cr)
            calendar = env["resource.calendar"].create(
                {"name": f"Accueil {tag}", "tz": "Europe/Paris"}
            )
            team = env["helpdesk.ticket.team"].create(
                {
                    "name": f"Accueil {tag}",
                    "resource_calendar_id": calendar.id,
                    "grc_appointment_enabled": True,
                    "grc_appointment_capacity": 1,
                    "user_ids": [(6, 0, env.ref("base.user_admin").ids)],
                }
            )
            citizens = env["res.partner"].create(
                [
                    {"name": f"Inès {tag}", "is_citizen": True},
                    {"name": f"Paul {tag}", "is_citizen": True},
                ]
            )
            self.calendar_id, self.team_id = calendar.id, team.id
            self.citizen_ids = citizens.ids
            self.start = team._grc_appointment_slots()[0][0]
        self.addCleanup(self._delete_committed)

    def _delete_committed(self):
        with self._cursor() as cr:
            env = self._env(cr)
            appointments = env["grc.appointment"].search(
                [("team_id", "=", self.team_id)]
            )
            events = appointments.event_id.with_context(active_test=False)
            env["mail.mail"].search(
                [("model", "=", "grc.appointment"), ("res_id", "in", appointments.ids)]
            ).unlink()
            appointments.unlink()
            events.unlink()
            env["helpdesk.ticket.team"].browse(self.team_id).unlink()
            env["resource.calendar"].browse(self.calendar_id).unlink()
            env["res.partner"].browse(self.citizen_ids).unlink()

    def _book(self, env, citizen_id):
        team = env["helpdesk.ticket.team"].browse(self.team_id)
        partner = env["res.partner"].browse(citizen_id)
        return env["grc.appointment"]._grc_book(team, partner, self.start)

    def _wait_until_blocked(self, pid):
        deadline = time.monotonic() + WAIT_SECONDS
        with self._cursor() as cr:
            while time.monotonic() < deadline:
                cr.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid]
                )
                row = cr.fetchone()
                cr.rollback()
                if row and row[0] == "Lock":
                    return True
                time.sleep(0.05)
        return False

    def _first_worker(self, second_pid, booked, outcome):
        try:
            with self._cursor() as cr:
                outcome["first"] = self._book(self._env(cr), self.citizen_ids[0]).id
                booked.set()
                outcome["second_waited"] = self._wait_until_blocked(second_pid)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            outcome["error"] = exc
        finally:
            booked.set()

    def test_concurrent_bookings_of_the_last_place(self):
        outcome = {}
        booked = threading.Event()
        # The unique violation of the second is logged by its cursor.
        with mute_logger("odoo.sql_db"), self._cursor() as cr:
            env = self._env(cr)
            # The second's snapshot is taken before the first commits: it
            # still sees the place free.
            self.assertIn(
                self.start,
                [
                    slot[0]
                    for slot in env["helpdesk.ticket.team"]
                    .browse(self.team_id)
                    ._grc_appointment_slots()
                ],
            )
            cr.execute("SELECT pg_backend_pid()")
            first = threading.Thread(
                target=self._first_worker, args=(cr.fetchone()[0], booked, outcome)
            )
            first.start()
            self.assertTrue(booked.wait(WAIT_SECONDS))
            self.assertNotIn("error", outcome, outcome.get("error"))
            with self.assertRaisesRegex(UserError, "no longer available"):
                self._book(env, self.citizen_ids[1])
            cr.rollback()
            first.join(WAIT_SECONDS)
        self.assertNotIn("error", outcome, outcome.get("error"))
        self.assertTrue(outcome["second_waited"])
        with self._cursor() as cr:
            appointments = self._env(cr)["grc.appointment"].search(
                [("team_id", "=", self.team_id)]
            )
            self.assertEqual(appointments.ids, [outcome["first"]])
            self.assertEqual(appointments.partner_id.id, self.citizen_ids[0])
            self.assertEqual(appointments.event_id.start, self.start)
