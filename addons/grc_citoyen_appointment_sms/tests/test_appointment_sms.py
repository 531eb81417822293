# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.grc_citoyen_appointment.tests.common import AppointmentCommon


@tagged("post_install", "-at_install")
class TestAppointmentSms(AppointmentCommon):
    """A citizen whose channel is SMS gets the confirmation and the reminder
    by SMS (queued); the others by e-mail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("grc_citoyen.sms_enabled", "True")
        cls.citizen.write(
            {
                "mobile": "+33612345678",
                "consent_sms": True,
                "preferred_channel": "sms",
            }
        )
        cls.team_desk.grc_callback_enabled = True
        cls.cron = cls.env.ref(
            "grc_citoyen_appointment_sms.ir_cron_appointment_sms_reminder"
        )

    def _sms(self, record):
        return self.env["sms.sms"].search(
            [
                ("partner_id", "=", self.citizen.id),
                ("body", "ilike", record.team_id.name),
            ]
        )

    def _mails(self, record):
        return self.env["mail.mail"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_confirmation_and_reminder_queued_by_sms(self):
        """Booked: the confirmation is an SMS in the queue, no e-mail; the
        reminder cron is triggered the day before, and then queues the
        reminder SMS once."""
        with patch.object(type(self.env["sms.sms"]), "_send") as send:
            # Three days ahead at least: its reminder is still to come.
            start = self.team_desk._grc_appointment_slots(
                begin=fields.Datetime.now() + timedelta(days=3)
            )[0][0]
            appointment = self._book(user=self.helene, start=start).sudo()
            sms = self._sms(appointment)
            self.assertEqual(len(sms), 1)
            self.assertEqual(sms.state, "outgoing")
            self.assertEqual(sms.number, "+33612345678")
            self.assertIn("/my/appointments", sms.body)
            self.assertFalse(self._mails(appointment))
            self.assertTrue(
                self.env["ir.cron.trigger"].search(
                    [
                        ("cron_id", "=", self.cron.id),
                        ("call_at", "=", start - timedelta(days=1)),
                    ]
                )
            )
            # Two days before: nothing yet.
            with freeze_time(start - timedelta(days=2)):
                self.env["grc.appointment"]._grc_send_sms_reminders()
            self.assertEqual(len(self._sms(appointment)), 1)
            with freeze_time(start - timedelta(hours=23)):
                self.env["grc.appointment"]._grc_send_sms_reminders()
                self.env["grc.appointment"]._grc_send_sms_reminders()
            reminders = self._sms(appointment) - sms
            self.assertEqual(len(reminders), 1)
            self.assertEqual(reminders.state, "outgoing")
            self.assertTrue(appointment.sms_reminder_sent)
            appointment.action_grc_cancel()
            self.assertEqual(len(self._sms(appointment)), 3)
            send.assert_not_called()

    def test_email_when_channel_is_email(self):
        """A citizen who prefers e-mail gets e-mails, no SMS, even with a
        mobile and the consent; so does one without consent to SMS."""
        self.citizen.preferred_channel = "email"
        appointment = self._book(user=self.helene)
        self.assertFalse(self._sms(appointment))
        self.assertEqual(len(self._mails(appointment)), 1)
        self.citizen.write({"preferred_channel": "sms", "consent_sms": False})
        callback = self.env["grc.callback"]._grc_request(
            self.team_desk,
            self.citizen,
            "06 11 22 33 44",
            self.team_desk._grc_callback_periods()[0][0],
        )
        self.assertFalse(self._sms(callback))
        self.assertEqual(len(self._mails(callback)), 1)

    def test_callback_confirmed_by_sms_to_the_number_given(self):
        """The call-back is confirmed by SMS to the mobile just given."""
        env = self.env(user=self.helene)
        callback = env["grc.callback"]._grc_request(
            self.team_desk.with_env(env),
            self.citizen,
            "07 81 23 45 67",
            self.team_desk._grc_callback_periods()[0][0],
        )
        callback = callback.sudo()
        sms = self._sms(callback)
        self.assertEqual(sms.number, "+33781234567")
        self.assertIn("+33781234567", sms.body)
        self.assertFalse(self._mails(callback))
