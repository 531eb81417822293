# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import smtplib
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import TransactionCase
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_mail_server import MailDeliveryException

MAIL_LOGGER = "odoo.addons.mail.models.mail_mail"


class TestMailRetry(TransactionCase):
    """Mails the outgoing server refused for a while are sent again
    (models/mail_mail.py): SMTP down, then up, and every mail leaves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Mail = cls.env["mail.mail"]
        cls.MailServer = type(cls.env["ir.mail_server"])
        cls.max_retries, cls.delay = cls.Mail._grc_retry_settings()

    def _mails(self, count=2):
        return self.Mail.create(
            [
                {
                    "subject": f"Accusé de réception {index}",
                    "email_from": "mairie@ville.example.fr",
                    "email_to": f"citoyen{index}@example.fr",
                    "body_html": "<p>Votre demande a bien été reçue.</p>",
                }
                for index in range(count)
            ]
        )

    def _server_down(self):
        return patch.object(
            self.MailServer, "connect", side_effect=ConnectionRefusedError("down")
        )

    def _retry_at(self, minutes):
        # A second past: the cron's clock has no microseconds, the mails' has.
        at = self.env.cr.now() + timedelta(minutes=minutes, seconds=1)
        with freeze_time(at):
            self.Mail._cron_grc_retry_failed_mails()

    def test_server_down_then_up_every_mail_sent(self):
        mails = self._mails()
        with self._server_down():
            mails.send()
        self.assertEqual(mails.mapped("state"), ["exception"] * 2)
        self.assertEqual(mails.mapped("failure_type"), ["mail_smtp"] * 2)
        # Not before the first delay.
        self._retry_at(self.delay - 1)
        self.assertEqual(mails.mapped("state"), ["exception"] * 2)
        self._retry_at(self.delay)
        self.assertEqual(mails.mapped("state"), ["outgoing"] * 2)
        self.assertEqual(mails.mapped("grc_retry_count"), [1, 1])
        # Still down: failed again, tried again after twice the delay.
        with self._server_down():
            mails.send()
        self._retry_at(2 * self.delay - 1)
        self.assertEqual(mails.mapped("state"), ["exception"] * 2)
        self._retry_at(2 * self.delay)
        self.assertEqual(mails.mapped("state"), ["outgoing"] * 2)
        # The server is back (test mode sends nothing out): every mail leaves.
        mails.send()
        self.assertEqual(mails.exists().mapped("state"), ["sent"] * len(mails.exists()))

    def _refused(self, code, text):
        """What Odoo's send_email raises when the server refuses the mail."""
        error = smtplib.SMTPSenderRefused(code, text, "mairie@ville.example.fr")
        return patch.object(
            self.MailServer,
            "send_email",
            side_effect=MailDeliveryException(
                "Mail Delivery Failed",
                "Mail delivery failed via SMTP server 'smtp.example.fr'.\n"
                f"SMTPSenderRefused: {error}",
            ),
        )

    def test_temporary_reply_retried_permanent_kept(self):
        temporary, permanent = self._mails()
        with self._refused(451, b"Try again later"), mute_logger(MAIL_LOGGER):
            temporary.send()
        with self._refused(550, b"Mailbox unavailable"), mute_logger(MAIL_LOGGER):
            permanent.send()
        self.assertEqual(
            (temporary | permanent).mapped("failure_type"), ["unknown"] * 2
        )
        self._retry_at(self.delay)
        self.assertEqual(temporary.state, "outgoing")
        # A permanent refusal stays visible as failed, never retried.
        self.assertEqual(permanent.state, "exception")
        self.assertEqual(permanent.grc_retry_count, 0)

    def test_ceiling_alerts_administrators_once(self):
        mail = self._mails(1)
        mail.grc_retry_count = self.max_retries
        with self._server_down():
            mail.send()
        admin = self.env.ref("base.user_admin")
        self.assertIn(admin, self.env.ref("grc_citoyen.group_grc_admin").users)
        alerts = self.env["mail.message"].search
        self._retry_at(10 * 24 * 60)
        self.assertEqual(mail.state, "exception")
        self.assertTrue(mail.grc_retry_alerted)
        alert = alerts([("subject", "=", "Mails not sent")])
        self.assertEqual(len(alert), 1)
        self.assertIn(admin.partner_id, alert.partner_ids)
        self.assertIn("1 mails could not be sent", str(alert.body))
        # Told once, not at every run of the cron.
        self._retry_at(11 * 24 * 60)
        self.assertEqual(len(alerts([("subject", "=", "Mails not sent")])), 1)
