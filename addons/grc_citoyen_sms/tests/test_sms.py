# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.addons.grc_citoyen.tests.test_notification import NotificationCommon


class SmsCommon(NotificationCommon):
    def _sms(self, ticket):
        return self.env["sms.sms"].search(
            [("mail_message_id.res_id", "=", ticket.id)], order="id"
        )

    def _enable_sms(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "grc_citoyen.sms_enabled", "True"
        )
        self.citizen.write({"mobile": "+33612345678", "consent_sms": True})


class TestSmsNotifications(SmsCommon):
    def test_sms_only_with_consent(self):
        """SMS are queued only when enabled, agreed to and sent to a mobile."""
        ticket = self._submit()
        self._move(ticket, self.stage_in_progress)
        self.citizen.write({"mobile": "+33612345678", "consent_sms": False})
        self.env["ir.config_parameter"].sudo().set_param(
            "grc_citoyen.sms_enabled", "True"
        )
        with patch.object(type(self.env["sms.sms"]), "_send") as send:
            self._move(ticket, self.stage_waiting)
            self.assertFalse(self._sms(ticket))
            # Agreed, but only a landline number: nothing either.
            self.citizen.write({"mobile": False, "phone": "+33478000000"})
            self.citizen.consent_sms = True
            self._move(ticket, self.stage_in_progress)
            self._move(ticket, self.stage_waiting)
            self.assertFalse(self._sms(ticket))
            self.citizen.phone = "+33612345678"
            self._move(ticket, self.stage_done, grc_resolution="<p>Réparé.</p>")
        sms = self._sms(ticket)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(sms.number, "+33612345678")
        self.assertIn(ticket.number, sms.body)
        self.assertIn("/my/requests/", sms.body)
        send.assert_not_called()
        # SMS switched off: none, whatever the consent.
        self.env["ir.config_parameter"].sudo().set_param(
            "grc_citoyen.sms_enabled", "False"
        )
        self._move(ticket, self.stage_closed)
        self.assertEqual(self._sms(ticket), sms)

    def test_sms_acknowledgement(self):
        """A citizen who agreed to SMS gets the acknowledgement by SMS too."""
        self._enable_sms()
        ticket = self._submit()
        sms = self._sms(ticket)
        self.assertEqual(len(sms), 1)
        self.assertIn(ticket.number, sms.body)
        self.assertEqual(len(self._mails(ticket)), 1)

    def test_sms_only_acknowledgement_counts(self):
        """Without e-mail, the SMS is the acknowledgement of registration."""
        self._enable_sms()
        self.citizen.consent_email = False
        ticket = self._submit()
        self.assertEqual(len(self._sms(ticket)), 1)
        self.assertFalse(self._mails(ticket))
        self.assertTrue(ticket.ack_registration_date)

    def test_closure_sms_gives_the_invitation(self):
        """The closure SMS links to what the closure invites to (the survey,
        when installed), else to the request."""
        self._enable_sms()
        Ticket = type(self.env["helpdesk.ticket"])
        invitation = {
            "text": "Tell us.",
            "label": "Give my opinion",
            "url": "https://ville.example.fr/avis",
        }
        ticket = self._submit()
        self._resolve(ticket)
        before = self._sms(ticket)
        with patch.object(Ticket, "_grc_closure_invitations", return_value=[]):
            self._move(ticket, self.stage_closed)
        sms = self._sms(ticket) - before
        self.assertEqual(len(sms), 1)
        self.assertIn("is closed", sms.body)
        self.assertIn(ticket.grc_citizen_url, sms.body)

        other = self._submit(idempotency_key="other")
        self._resolve(other)
        before = self._sms(other)
        with patch.object(
            Ticket, "_grc_closure_invitations", return_value=[invitation]
        ):
            self._move(other, self.stage_closed)
        sms = self._sms(other) - before
        self.assertIn("Give my opinion: https://ville.example.fr/avis", sms.body)


class TestSmsChannel(SmsCommon):
    def test_sms_channel(self):
        """SMS is a channel once enabled, agreed to and with a mobile."""
        ticket = self._create_request()
        self.citizen.consent_email = False
        self.citizen.write({"mobile": "+33612345678", "consent_sms": True})
        self.assertEqual(ticket._grc_contact_channels(), set())
        self._enable_sms()
        self.assertEqual(ticket._grc_contact_channels(), {"sms"})
        self.citizen.consent_email = True
        self.assertEqual(ticket._grc_contact_channels(), {"email", "sms"})

    def test_agent_message_by_sms(self):
        """Without e-mail but with SMS, the citizen gets a link by SMS."""
        self._enable_sms()
        ticket = self._submit()
        self.citizen.consent_email = False
        before = self._sms(ticket)
        ticket.with_user(self.agent).message_post(
            body="Nous passerons jeudi matin.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        sms = self._sms(ticket) - before
        self.assertEqual(len(sms), 1)
        self.assertIn("new message", sms.body)
