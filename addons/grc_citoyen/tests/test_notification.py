# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import new_test_user
from odoo.tools import mute_logger

from .common import GrcCommon


class NotificationCommon(GrcCommon):
    """Tracking on (stage mails depend on it), an agent of the service."""

    @classmethod
    def default_env_context(cls):
        return {"no_reset_password": True}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"
        cls.tickets = cls.env["helpdesk.ticket"]
        cls.agent = new_test_user(
            cls.env,
            login="agent_voirie",
            name="Agent Voirie",
            groups="grc_citoyen.group_grc_agent",
        )
        cls.team_voirie.user_ids = [(4, cls.agent.id)]
        cls.team_voirie.user_id = cls.agent
        cls.type_lamp.is_published = True
        cls.channel_web = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        cls.channel_front_desk = cls.env.ref(
            "grc_citoyen.helpdesk_ticket_channel_front_desk"
        )
        cls.stage_qualified = cls.env.ref("grc_citoyen.helpdesk_ticket_stage_qualified")
        cls.stage_in_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_waiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_closed = cls.env.ref("grc_citoyen.helpdesk_ticket_stage_closed")
        cls.stage_cancelled = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_cancelled"
        )

    def _submit(self, **values):
        vals = {
            "request_type_id": self.type_lamp.id,
            "description": "Le lampadaire devant le n°12 ne s'allume plus.",
            "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
            "partner_id": self.citizen.id,
        }
        vals.update(values)
        return self.tickets._grc_submit_request(vals).sudo(False)

    def _mails(self, ticket):
        return self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)],
            order="id",
        )

    def _send_server_down(self, mail):
        """Try to send ``mail`` while the outgoing mail server is down."""
        server_down = patch.object(
            type(self.env["ir.mail_server"]),
            "connect",
            side_effect=ConnectionRefusedError("down"),
        )
        with server_down, mute_logger("odoo.addons.mail.models.mail_mail"):
            mail.send()

    def _move(self, ticket, stage, **values):
        """Change the stage and run the tracking, as at the end of a transaction."""
        ticket.write(dict(values, stage_id=stage.id))
        self.env.flush_all()
        self.env.cr.precommit.run()


class TestAcknowledgement(NotificationCommon):
    def test_one_acknowledgement_with_reference(self):
        """Filing a request queues one acknowledgement quoting the reference."""
        ticket = self._submit()
        self.env.cr.precommit.run()
        mails = self._mails(ticket)
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.state, "outgoing")
        self.assertIn(ticket.number, mails.subject)
        self.assertIn("registered", mails.subject)
        self.assertIn(ticket.number, mails.body_html)
        self.assertIn("acknowledgement of receipt", mails.body_html)
        self.assertIn("/my/requests/", mails.body_html)
        self.assertEqual(mails.recipient_ids, self.citizen)
        self.assertEqual(mails.grc_acknowledges, "registration")
        # Queued is not sent: recorded when the mail leaves.
        self.assertFalse(ticket.ack_registration_date)
        self.assertFalse(ticket.ack_receipt_date)

    def test_acknowledgement_recorded_when_the_mail_left(self):
        """Mail server down: the acknowledgement is not recorded as sent; it
        is when the mail leaves, at the time it left."""
        ticket = self._submit()
        self.env.cr.precommit.run()
        mail = self._mails(ticket)
        self._send_server_down(mail)
        self.assertEqual(mail.state, "exception")
        self.assertFalse(ticket.ack_registration_date)
        # The server is back (the retry cron queued it again).
        mail.state = "outgoing"
        with freeze_time("2026-03-16 09:30:00"):
            mail.send()
        self.assertEqual(str(ticket.ack_registration_date), "2026-03-16 09:30:00")
        self.assertFalse(ticket.ack_receipt_date)

    def test_front_desk_acknowledgement_announces_no_receipt(self):
        """A request filed at the front desk gets the same single acknowledgement."""
        ticket = self._submit(channel="grc_citoyen.helpdesk_ticket_channel_front_desk")
        mails = self._mails(ticket)
        self.assertEqual(len(mails), 1)
        self.assertIn(ticket.number, mails.body_html)
        self.assertNotIn("acknowledgement of receipt", mails.body_html)

    def test_no_consent_no_acknowledgement_mail(self):
        """A citizen who refused e-mails, or has none, gets no acknowledgement mail."""
        self.citizen.consent_email = False
        ticket = self._submit()
        self.assertFalse(self._mails(ticket))
        self.assertFalse(ticket.ack_registration_date)
        self.citizen.write({"consent_email": True, "email": False})
        ticket = self._submit(idempotency_key="other")
        self.assertFalse(self._mails(ticket))

    def test_failing_mail_server_keeps_request(self):
        """A mail server failure leaves the request and its stage change in place."""
        ticket = self._submit()
        self._move(ticket, self.stage_in_progress)
        mails = self._mails(ticket)
        self.assertEqual(len(mails), 2)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        with (
            patch.object(
                type(self.env["ir.mail_server"]),
                "send_email",
                side_effect=OSError("SMTP down"),
            ) as send_email,
            mute_logger("odoo.addons.mail.models.mail_mail"),
        ):
            self.env["mail.mail"].process_email_queue(ids=mails.ids)
        self.assertTrue(send_email.called)
        self.assertEqual(set(mails.mapped("state")), {"exception"})
        self.assertTrue(ticket.exists())
        self.assertEqual(ticket.stage_id, self.stage_in_progress)

    def test_receipt_acknowledgement_cron(self):
        """An untriggered receipt acknowledgement leaves before its deadline, once."""
        with freeze_time("2026-03-02 09:00:00"):
            ticket = self._submit()
        self.assertTrue(ticket.ack_receipt_deadline)
        before = self._mails(ticket)
        with freeze_time("2026-03-03 09:00:00"):
            self.assertFalse(self.tickets._cron_grc_receipt_acknowledgements())
        with freeze_time(ticket.ack_receipt_deadline):
            self.assertEqual(self.tickets._cron_grc_receipt_acknowledgements(), ticket)
            self.assertFalse(self.tickets._cron_grc_receipt_acknowledgements())
        sent = self._mails(ticket) - before
        self.assertEqual(len(sent), 1)
        self.assertIn("Acknowledgement of receipt", sent.subject)
        self.assertIn("Voirie", sent.body_html)
        self.assertEqual(sent.grc_acknowledges, "receipt")
        # Queued is not sent; still queued, it is not queued again.
        self.assertFalse(ticket.ack_receipt_date)
        with freeze_time(ticket.ack_receipt_deadline):
            self.assertFalse(self.tickets._cron_grc_receipt_acknowledgements())
        self.assertEqual(self._mails(ticket) - before, sent)

    def test_receipt_acknowledgement_recorded_when_the_mail_left(self):
        """The acknowledgement of receipt a stage change sends is recorded
        when its mail leaves: not while the mail server refuses it, nor
        queued twice meanwhile (next stage, cron)."""
        ticket = self._submit()
        before = self._mails(ticket)
        self._move(ticket, self.stage_qualified)
        mail = self._mails(ticket) - before
        self.assertEqual(mail.grc_acknowledges, "receipt")
        self.assertFalse(ticket.ack_receipt_date)
        self._send_server_down(mail)
        self.assertEqual(mail.state, "exception")
        self.assertFalse(ticket.ack_receipt_date)
        # Taken in hand meanwhile: the in-progress mail, not a second receipt.
        self._move(ticket, self.stage_in_progress)
        other = self._mails(ticket) - before - mail
        self.assertIn("is being handled", other.subject)
        with freeze_time(ticket.ack_receipt_deadline):
            self.assertFalse(self.tickets._cron_grc_receipt_acknowledgements())
        self.assertEqual(len(self._mails(ticket) - before), 2)
        # The server is back (the retry cron queued it again).
        mail.state = "outgoing"
        with freeze_time("2026-03-17 10:15:00"):
            mail.send()
        self.assertEqual(str(ticket.ack_receipt_date), "2026-03-17 10:15:00")


class TestStageNotifications(NotificationCommon):
    def test_templates_per_stage(self):
        """Each stage a citizen cares about queues its own mail, with what it needs."""
        ticket = self._submit()
        seen = self._mails(ticket)

        def new_mail():
            nonlocal seen
            mail = self._mails(ticket) - seen
            seen |= mail
            self.assertEqual(len(mail), 1)
            self.assertEqual(mail.state, "outgoing")
            self.assertEqual(mail.recipient_ids, self.citizen)
            return mail

        self._move(ticket, self.stage_qualified)
        mail = new_mail()
        self.assertIn("Acknowledgement of receipt", mail.subject)
        self.assertEqual(mail.grc_acknowledges, "receipt")

        self._move(ticket, self.stage_in_progress)
        self.assertIn("is being handled", new_mail().subject)

        self._move(ticket, self.stage_waiting, waiting_reason="Une photo du lampadaire")
        mail = new_mail()
        self.assertIn("information needed", mail.subject)
        self.assertIn("Une photo du lampadaire", mail.body_html)

        self._move(ticket, self.stage_in_progress)
        new_mail()
        self._move(
            ticket, self.stage_done, grc_resolution="<p>Ampoule changée le 3 mars.</p>"
        )
        mail = new_mail()
        self.assertIn("has been handled", mail.subject)
        self.assertIn("Ampoule changée le 3 mars.", mail.body_html)

        self._move(ticket, self.stage_closed)
        mail = new_mail()
        self.assertIn("is closed", mail.subject)

    def test_receipt_acknowledgement_replaces_first_mail(self):
        """Taken in hand straight away, an electronic request gets the receipt
        acknowledgement instead of the in-progress mail, and only once."""
        ticket = self._submit()
        before = self._mails(ticket)
        self._move(ticket, self.stage_in_progress)
        mail = self._mails(ticket) - before
        self.assertEqual(len(mail), 1)
        self.assertIn("Acknowledgement of receipt", mail.subject)
        mail.send()
        self.assertTrue(ticket.ack_receipt_date)
        # Waiting then back: the usual mails, never a second acknowledgement.
        self._move(ticket, self.stage_waiting)
        self._move(ticket, self.stage_in_progress)
        subjects = (self._mails(ticket) - before - mail).mapped("subject")
        self.assertEqual(len(subjects), 2)
        self.assertFalse([s for s in subjects if "Acknowledgement" in s])

    def test_front_desk_request_gets_stage_mail(self):
        """A request filed at the front desk gets the in-progress mail."""
        ticket = self._submit(channel="grc_citoyen.helpdesk_ticket_channel_front_desk")
        before = self._mails(ticket)
        self._move(ticket, self.stage_in_progress)
        mail = self._mails(ticket) - before
        self.assertIn("is being handled", mail.subject)

    def test_no_consent_no_stage_mail(self):
        """A citizen who refused e-mails gets no stage mail."""
        ticket = self._submit()
        self.citizen.consent_email = False
        before = self._mails(ticket)
        self._move(ticket, self.stage_in_progress)
        self._move(ticket, self.stage_done, grc_resolution="<p>Réparé.</p>")
        self.assertEqual(self._mails(ticket), before)


class TestAgentMessage(NotificationCommon):
    def _answer(self, ticket):
        return ticket.with_user(self.agent).message_post(
            body="Nous passerons jeudi matin.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def test_agent_message_reaches_citizen(self):
        """The agent's message reaches the citizen in the request's layout."""
        ticket = self._submit()
        before = self._mails(ticket)
        message = self._answer(ticket)
        mail = self._mails(ticket) - before
        self.assertEqual(mail.mail_message_id, message)
        self.assertIn(self.citizen, mail.recipient_ids)
        self.assertIn("Nous passerons jeudi matin.", mail.body_html)
        self.assertIn(ticket.number, mail.body_html)
        self.assertIn("Follow my request", mail.body_html)
        self.assertTrue(ticket.first_response_date)

    def test_agent_message_without_consent(self):
        """Without e-mail consent the message stays on the portal: no mail."""
        ticket = self._submit()
        self.citizen.consent_email = False
        message = self._answer(ticket)
        self.assertNotIn(self.citizen, message.notification_ids.res_partner_id)


class TestContactChannels(NotificationCommon):
    def test_channels(self):
        """E-mail needs the citizen's consent and an address."""
        ticket = self._create_request()
        self.assertEqual(ticket._grc_contact_channels(), {"email"})
        self.citizen.consent_email = False
        self.assertEqual(ticket._grc_contact_channels(), set())
        self.citizen.write({"consent_email": True, "email": False})
        self.assertEqual(ticket._grc_contact_channels(), set())

    def test_sms_preferred_without_sms_channel(self):
        """A citizen who prefers SMS, which the core does not send, gets
        e-mails; without an e-mail address, nothing but the portal."""
        ticket = self._create_request()
        self.citizen.write(
            {"preferred_channel": "sms", "consent_sms": True, "mobile": "+33612345678"}
        )
        self.assertEqual(ticket._grc_contact_channels(), {"email"})
        self.citizen.email = False
        self.assertEqual(ticket._grc_contact_channels(), set())

    def test_post_preferred_citizen(self):
        """A citizen who prefers post, which the core does not send, can
        still be e-mailed when they agreed; their request is filed and
        acknowledged as any other."""
        self.citizen.write(
            {"preferred_channel": "post", "street": "1 rue A", "city": "Lyon"}
        )
        ticket = self._submit()
        self.assertTrue(ticket.number)
        self.assertEqual(self._mails(ticket).grc_acknowledges, "registration")
        self.assertEqual(ticket._grc_electronic_channels(), {"email"})
