# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta
from unittest.mock import patch

import requests

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon

from ..models.mail_push import MAX_ATTEMPTS

MAIL_PUSH_SENDER = "odoo.addons.mail.models.mail_push.push_to_end_point"
MAIL_THREAD_SENDER = "odoo.addons.mail.models.mail_thread.push_to_end_point"
ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)


def subscription(name):
    return {
        "endpoint": f"https://fcm.googleapis.com/fcm/send/{name}",
        "keys": {
            "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u"
            "-Ts1XbjhazAkj7I99e8QcYP7DkM",
            "auth": "tBHItJI5svbpez7KI4CCXg",
        },
    }


class PushCommon(GrcCommon):
    @classmethod
    def default_env_context(cls):
        return {"no_reset_password": True}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"
        cls.devices = cls.env["mail.push.device"]
        # Odoo makes the VAPID keys on first use.
        cls.devices.get_web_push_vapid_public_key()
        cls.helene, cls.marc = cls._create_portal_users("push")
        cls.agent = new_test_user(
            cls.env,
            login="agent_push",
            name="Agent Voirie",
            groups="grc_citoyen.group_grc_agent",
        )
        cls.team_voirie.user_ids = [(4, cls.agent.id)]
        cls.type_lamp.is_published = True
        cls.phone = cls.devices._grc_register_app_device(
            cls.citizen, subscription("helene-phone"), ANDROID
        )
        cls.marc_phone = cls.devices._grc_register_app_device(
            cls.marc.partner_id, subscription("marc-phone"), ANDROID
        )
        cls.stage_in_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_waiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.cron = cls.env.ref("mail.ir_cron_web_push_notification")

    def _submit(self):
        return (
            self.env["helpdesk.ticket"]
            ._grc_submit_request(
                {
                    "request_type_id": self.type_lamp.id,
                    "description": "Le lampadaire devant le n°12 ne s'allume plus.",
                    "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
                    "partner_id": self.citizen.id,
                }
            )
            .sudo(False)
        )

    def _move(self, ticket, stage, **values):
        """Change the stage and run the tracking, as at the end of a transaction."""
        ticket.write(dict(values, stage_id=stage.id))
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _queued(self, ticket):
        pushes = self.env["mail.push"].search([], order="id")
        return [
            (push.mail_push_device_id, json.loads(push.payload))
            for push in pushes
            if json.loads(push.payload)["options"]["tag"] == f"grc-request-{ticket.id}"
        ]


class TestPushSteps(PushCommon):
    def test_each_step_queued_for_the_citizens_phones(self):
        """Acknowledgement, status, answer, request for information and
        closure each queue one push per phone of the citizen, after commit,
        with the reference and the step only; Odoo's own push of the
        message is not sent to the citizen."""
        with patch(MAIL_THREAD_SENDER) as direct_sender:
            ticket = self._submit()
            self.env.cr.precommit.run()
            self._move(ticket, self.stage_in_progress)
            ticket.with_user(self.agent).message_post(
                body="Nous passerons jeudi matin avec la nacelle.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.citizen.ids,
            )
            self._move(
                ticket, self.stage_waiting, waiting_reason="Une photo du lampadaire"
            )
            self._move(ticket, self.stage_in_progress)
            self._move(ticket, self.stage_done, grc_resolution="<p>Réparé.</p>")
        direct_sender.assert_not_called()
        queued = self._queued(ticket)
        self.assertEqual(
            {device.id for device, _payload in queued}, set(self.phone.ids)
        )
        bodies = [payload["options"]["body"] for _device, payload in queued]
        self.assertEqual(len(bodies), 6, bodies)
        self.assertIn("registered", bodies[0])
        self.assertIn(self.stage_in_progress.name, bodies[1])
        self.assertIn("answered", bodies[2])
        self.assertIn("information", bodies[3])
        self.assertIn("closed", bodies[5])
        for _device, payload in queued:
            self.assertEqual(payload["title"], f"Request {ticket.number}")
            self.assertEqual(
                payload["options"]["data"]["url"], f"/my/requests/{ticket.id}"
            )
            text = json.dumps(payload)
            self.assertNotIn("lampadaire", text.lower())
            self.assertNotIn("nacelle", text)
        # Sent by Odoo's push cron, once the transaction is over.
        self.assertTrue(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)])
        )

    def test_push_in_the_citizens_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.citizen.lang = "fr_FR"
        ticket = self._submit()
        self._move(ticket, self.stage_in_progress)
        _device, payload = self._queued(ticket)[-1]
        self.assertTrue(payload["title"].startswith("Demande "), payload["title"])
        self.assertEqual(payload["options"]["lang"], "fr-FR")

    def test_no_push_without_consent(self):
        """Turning the notifications off on the account stops every push,
        without forgetting the phones; another citizen's phone never gets one."""
        self.citizen.consent_push = False
        ticket = self._submit()
        self._move(ticket, self.stage_in_progress)
        self.assertFalse(self._queued(ticket))
        self.assertTrue(self.phone.exists())


class TestPushQueue(PushCommon):
    def _queue(self, device, title):
        return self.env["mail.push"].create(
            {
                "mail_push_device_id": device.id,
                "payload": json.dumps({"title": title, "options": {}}),
            }
        )

    def test_sent_by_the_cron(self):
        push = self._queue(self.phone, "one")
        with patch(MAIL_PUSH_SENDER) as sender:
            self.env["mail.push"]._push_notification_to_endpoint()
        self.assertEqual(sender.call_count, 1)
        call = sender.call_args.kwargs
        self.assertEqual(call["device"]["endpoint"], self.phone.endpoint)
        self.assertEqual(json.loads(call["payload"])["title"], "one")
        self.assertFalse(push.exists())

    def test_push_service_out_of_reach_retried_then_given_up(self):
        """A push service that cannot be reached keeps the notification for
        a later try, behind newer ones, never blocking; after
        MAX_ATTEMPTS tries it is given up."""
        failing = self._queue(self.phone, "failing")
        later = fields.Datetime.now() + timedelta(minutes=4)
        with patch(MAIL_PUSH_SENDER, side_effect=requests.ConnectionError("down")):
            self.env["mail.push"]._push_notification_to_endpoint()
        self.assertTrue(failing.exists())
        self.assertEqual(failing.grc_attempts, 1)
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        self.assertTrue(any(trigger.call_at >= later for trigger in triggers))
        # A newer notification goes first on the next run.
        newer = self._queue(self.marc_phone, "newer")
        sent = []
        with patch(
            MAIL_PUSH_SENDER,
            side_effect=lambda **kw: sent.append(json.loads(kw["payload"])["title"]),
        ):
            self.env["mail.push"]._push_notification_to_endpoint(batch_size=1)
        self.assertEqual(sent, ["newer"])
        self.assertFalse(newer.exists())
        with patch(MAIL_PUSH_SENDER, side_effect=requests.Timeout("slow")):
            for _attempt in range(MAX_ATTEMPTS - 1):
                self.env["mail.push"]._push_notification_to_endpoint()
        self.assertFalse(failing.exists())


class TestPushDevices(PushCommon):
    def test_registration_checked_and_named(self):
        self.assertTrue(self.citizen.consent_push)
        self.assertTrue(self.phone.grc_app_device)
        self.assertEqual(self.phone.grc_device_name, "Android · Chrome")
        for bad in (
            {"endpoint": "http://push.example.fr/x", "keys": subscription("x")["keys"]},
            {"endpoint": "https://push.example.fr/x", "keys": {"p256dh": "a b"}},
            {"endpoint": "https://push.example.fr/x"},
            "not a subscription",
        ):
            with self.assertRaises(UserError):
                self.devices._grc_register_app_device(self.citizen, bad)
        # The same phone registered again is not a second device.
        again = self.devices._grc_register_app_device(
            self.citizen, subscription("helene-phone"), ANDROID
        )
        self.assertEqual(again, self.phone)

    def test_revoke_own_device_only(self):
        self.assertFalse(
            self.devices._grc_revoke(self.marc.partner_id, device_id=self.phone.id)
        )
        self.assertFalse(
            self.devices._grc_revoke(self.marc.partner_id, endpoint=self.phone.endpoint)
        )
        self.assertTrue(self.phone.exists())
        for hostile in ("\x00", "A" * 10000, None):
            self.assertFalse(self.devices._grc_revoke(self.citizen, endpoint=hostile))
        self.devices._grc_revoke(self.citizen, endpoint=self.phone.endpoint)
        self.assertFalse(self.phone.exists())

    def test_citizens_cannot_read_devices(self):
        with self.assertRaises(AccessError):
            self.devices.with_user(self.helene).search([])
        with self.assertRaises(AccessError):
            self.marc_phone.with_user(self.marc).write({"partner_id": self.citizen.id})


@tagged("post_install", "-at_install")
class TestPushPortal(HttpCase, PushCommon):
    def test_notifications_page(self):
        """The citizen sees their phones on the account page, registers this
        phone, turns the notifications off, and cannot remove another's."""
        self.authenticate(self.helene.login, self.helene.login)
        page = self.url_open("/my/notifications")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Android · Chrome", page.text)
        self.assertIn(self.devices.sudo().get_web_push_vapid_public_key(), page.text)
        self.assertNotIn("marc-phone", page.text)
        csrf = self.opener.get(self.base_url() + "/grc-app/session").json()[
            "csrf_token"
        ]
        reply = self.url_open(
            "/grc-app/push/subscribe",
            data={
                "csrf_token": csrf,
                "subscription": json.dumps(subscription("tablet")),
            },
        )
        self.assertEqual(reply.json(), {"ok": True})
        self.assertTrue(
            self.devices._grc_app_devices(self.citizen).filtered(
                lambda device: device.endpoint.endswith("/tablet")
            )
        )
        bad = self.url_open(
            "/grc-app/push/subscribe", data={"csrf_token": csrf, "subscription": "{"}
        )
        self.assertEqual(bad.status_code, 400)
        other = self.url_open(
            f"/my/notifications/devices/{self.marc_phone.id}/remove",
            data={"csrf_token": csrf},
        )
        self.assertEqual(other.status_code, 404)
        self.assertTrue(self.marc_phone.exists())
        self.url_open("/my/notifications", data={"csrf_token": csrf})
        self.assertFalse(self.citizen.consent_push)
        self.url_open(
            f"/my/notifications/devices/{self.phone.id}/remove",
            data={"csrf_token": csrf},
        )
        self.assertFalse(self.phone.exists())
