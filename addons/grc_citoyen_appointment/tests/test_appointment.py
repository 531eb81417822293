# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

import pytz

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AppointmentCommon


@tagged("post_install", "-at_install")
class TestAppointment(AppointmentCommon):
    def test_slots_follow_the_service_calendar(self):
        """Slots are cut in the service's working hours (Paris time), on its
        grid, never in the next hour, within its horizon."""
        now = fields.Datetime.now()
        slots = self.team_desk._grc_appointment_slots()
        self.assertTrue(slots)
        paris = pytz.timezone("Europe/Paris")
        for start, stop, agents in slots:
            local = pytz.utc.localize(start).astimezone(paris)
            self.assertLess(local.weekday(), 5)
            self.assertIn(local.minute, (0, 30))
            self.assertTrue(8 <= local.hour < 12 or 13 <= local.hour < 17, local)
            self.assertEqual(stop - start, timedelta(minutes=30))
            self.assertGreaterEqual(start, now + timedelta(hours=1))
            self.assertLess(start, now + timedelta(days=21, minutes=1))
            self.assertEqual(len(agents), 1)  # capacity 1: one place

    def test_booking_in_the_agents_calendar_with_reminder_queued(self):
        """A citizen books online: the appointment is in its agent's
        calendar with the citizen, its reminder is scheduled, the
        confirmation is queued; the slot is no longer offered."""
        start = self.team_desk._grc_appointment_slots()[0][0]
        appointment = self._book(
            user=self.helene, start=start, note="Aide pour le formulaire"
        )
        self.assertEqual(appointment.state, "booked")
        self.assertEqual(appointment.partner_id, self.citizen)
        event = appointment.sudo().event_id
        self.assertTrue(event)
        self.assertEqual(
            (event.start, event.stop), (appointment.start, appointment.stop)
        )
        self.assertEqual(event.user_id, appointment.user_id)
        self.assertIn(appointment.user_id, self.agent_1 | self.agent_2)
        self.assertEqual(
            event.partner_ids, appointment.user_id.partner_id | self.citizen
        )
        # The agent finds it in their own calendar.
        self.assertIn(
            event,
            self.env["calendar.event"]
            .with_user(appointment.user_id)
            .search([("partner_ids", "in", appointment.user_id.partner_id.ids)]),
        )
        # The reminder: calendar's alarm cron is triggered the day before.
        cron = self.env.ref("calendar.ir_cron_scheduler_alarm")
        self.assertTrue(
            self.env["ir.cron.trigger"].search(
                [("cron_id", "=", cron.id), ("call_at", "=", start - timedelta(days=1))]
            )
        )
        mail = self.env["mail.mail"].search(
            [("model", "=", "grc.appointment"), ("res_id", "=", appointment.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn(self.citizen, mail.recipient_ids)
        self.assertNotIn(
            start, [slot[0] for slot in self.team_desk._grc_appointment_slots()]
        )

    def test_capacity_and_agents_availability(self):
        """Two places per slot with two agents: a slot is offered until both
        are taken, each with another agent; an agent busy in their calendar
        takes no appointment then."""
        self.team_desk.grc_appointment_capacity = 2
        start = self.team_desk._grc_appointment_slots()[0][0]
        first = self._book(start=start)
        slot = self.team_desk._grc_appointment_slots(
            begin=start, end=start + timedelta(minutes=1)
        )
        self.assertEqual(slot[0][2], (self.agent_1 | self.agent_2) - first.user_id)
        second = self._book(start=start)
        self.assertEqual(first.user_id | second.user_id, self.agent_1 | self.agent_2)
        self.assertEqual((first.seat, second.seat), (1, 2))
        with self.assertRaises(UserError):
            self._book(start=start)
        # Agent 1 in a meeting at the next slot: one place left there.
        later = start + timedelta(minutes=30)
        self.env["calendar.event"].create(
            {
                "name": "Réunion de service",
                "start": later,
                "stop": later + timedelta(hours=1),
                "partner_ids": [(6, 0, self.agent_1.partner_id.ids)],
            }
        )
        slot = self.team_desk._grc_appointment_slots(
            begin=later, end=later + timedelta(minutes=1)
        )
        self.assertEqual(slot[0][2], self.agent_2)

    def test_time_not_offered_is_refused(self):
        """A time off the grid or at night is refused, with a clear message."""
        start = self.team_desk._grc_appointment_slots()[0][0]
        appointments = self.env["grc.appointment"].with_user(self.helene)
        team = self.team_desk.with_user(self.helene)
        for wrong in (
            start + timedelta(minutes=7),
            start.replace(hour=2),
            None,
            "demain",
        ):
            with self.assertRaises(UserError):
                appointments._grc_book(team, self.helene.partner_id, wrong)
        self.assertFalse(appointments.search([]))
        self.team_desk.grc_appointment_enabled = False
        self.assertEqual(self.team_desk._grc_appointment_slots(), [])

    def test_move_and_cancel(self):
        """The citizen moves their appointment (the calendar follows), then
        cancels it (the event goes, the slot is offered again)."""
        slots = self.team_desk._grc_appointment_slots()
        appointment = self._book(user=self.helene, start=slots[0][0])
        event = appointment.sudo().event_id
        appointment.action_grc_move(slots[3][0])
        self.assertEqual(appointment.start, slots[3][0])
        self.assertEqual(event.start, slots[3][0])
        self.assertIn(
            slots[0][0], [s[0] for s in self.team_desk._grc_appointment_slots()]
        )
        appointment.action_grc_cancel()
        self.assertEqual(appointment.state, "cancelled")
        self.assertFalse(event.active)
        self.assertIn(
            slots[3][0], [s[0] for s in self.team_desk._grc_appointment_slots()]
        )
        with self.assertRaises(UserError):
            appointment.action_grc_cancel()

    def test_received_and_no_show_kept(self):
        first = self._book()
        first.action_grc_no_show()
        self.assertEqual(first.state, "no_show")
        with self.assertRaises(UserError):
            first.action_grc_done()


@tagged("post_install", "-at_install")
class TestAppointmentAccess(AppointmentCommon):
    """A citizen sees their own appointments, an agent those of their
    services; nobody else reads or writes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent_voirie = new_test_user(
            cls.env,
            login="rdv-voirie",
            name="Agent Voirie",
            groups="grc_citoyen.group_grc_agent",
        )
        cls.team_voirie.user_ids = [(4, cls.agent_voirie.id)]

    def test_rules(self):
        appointment = self._book(user=self.helene)
        Appointment = self.env["grc.appointment"]
        self.assertEqual(Appointment.with_user(self.helene).search([]), appointment)
        self.assertFalse(Appointment.with_user(self.marc).search([]))
        with self.assertRaises(AccessError):
            appointment.with_user(self.marc).read(["start"])
        with self.assertRaises(AccessError):
            appointment.with_user(self.helene).write({"note": "changé"})
        with self.assertRaises(AccessError):
            Appointment.with_user(self.helene).create(
                {
                    "partner_id": self.citizen.id,
                    "team_id": self.team_desk.id,
                    "start": appointment.start,
                    "stop": appointment.stop,
                    "seat": 2,
                }
            )
        # Agents: their service's only.
        self.assertEqual(Appointment.with_user(self.agent_1).search([]), appointment)
        self.assertFalse(Appointment.with_user(self.agent_voirie).search([]))
        with self.assertRaises(AccessError):
            appointment.with_user(self.agent_voirie).read(["partner_id"])
        with self.assertRaises(AccessError):
            appointment.with_user(self.agent_voirie).write({"note": "x"})
        # Another citizen cannot cancel it.
        with self.assertRaises(AccessError):
            appointment.with_user(self.marc).action_grc_cancel()
