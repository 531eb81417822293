# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.common import GrcCommon

MAIL = """Return-Path: <paul.durand@example.fr>
To: demandes@ville.example.fr
Message-ID: {msg_id}
Date: Tue, 03 Mar 2026 10:12:00 +0100
From: Paul Durand <paul.durand@example.fr>
MIME-Version: 1.0
Subject: Lampadaire =?utf-8?q?=C3=A9teint?=
Content-Type: text/plain; charset=utf-8

Le lampadaire devant le 12 rue des Lilas est éteint depuis lundi.
"""

GATEWAY_LOGGER = "odoo.addons.grc_citoyen_hardening.models.grc_mail_failure"


@tagged("post_install", "-at_install")
class TestMailFailure(GrcCommon):
    """An incoming mail whose processing fails is kept raw, visible to the
    administrators, tried again, then left to handle by hand: never lost."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.failures = cls.env["grc.mail.failure"]
        cls.tickets = cls.env["helpdesk.ticket"]
        cls.grc_admin = new_test_user(
            cls.env,
            login="grc_admin_mail",
            groups="base.group_user,grc_citoyen.group_grc_admin",
        )
        cls.agent = new_test_user(
            cls.env,
            login="grc_agent_mail",
            groups="base.group_user,grc_citoyen.group_grc_agent",
        )

    def _process(self, msg_id):
        # Filed on requests as an incoming mail server of requests does (no
        # alias: on an alias, Odoo bounces the mail in a cursor of its own).
        message = MAIL.format(msg_id=msg_id).encode()
        # What fails does not matter (a bug, a lock, a full disk...): the
        # request's creation raises after the citizen was created.
        with (
            patch.object(
                type(self.tickets),
                "_grc_after_create",
                side_effect=RuntimeError("disk full"),
            ),
            mute_logger(GATEWAY_LOGGER),
        ):
            return self.env["mail.thread"].message_process("helpdesk.ticket", message)

    def _make_due(self, failure):
        failure.next_try = fields.Datetime.now() - timedelta(seconds=1)

    def test_failed_mail_kept_raw_and_nothing_half_written(self):
        tickets_before = self.tickets.search_count([])
        partners_before = self.env["res.partner"].search_count([])
        self.assertFalse(self._process("<broken-1@example.fr>"))
        failure = self.failures.search([("message_id", "=", "<broken-1@example.fr>")])
        self.assertEqual(len(failure), 1)
        self.assertEqual(failure.state, "retry")
        self.assertEqual(failure.email_from, "Paul Durand <paul.durand@example.fr>")
        self.assertEqual(failure.subject, "Lampadaire éteint")
        self.assertIn("disk full", failure.error)
        self.assertGreater(failure.next_try, fields.Datetime.now())
        self.assertEqual(
            base64.b64decode(failure.with_context(bin_size=False).raw),
            MAIL.format(msg_id="<broken-1@example.fr>").encode(),
        )
        # The failed processing left nothing behind: no request, no citizen.
        self.assertEqual(self.tickets.search_count([]), tickets_before)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)

    def test_cron_files_the_request_once_the_cause_is_gone(self):
        self._process("<broken-2@example.fr>")
        failure = self.failures.search([("message_id", "=", "<broken-2@example.fr>")])
        # Not due yet: the cron leaves it.
        self.failures._cron_try_again()
        self.assertEqual(failure.state, "retry")
        self._make_due(failure)
        self.failures._cron_try_again()
        self.assertEqual(failure.state, "done")
        ticket = self.tickets.search(
            [("message_ids.message_id", "=", "<broken-2@example.fr>")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id.email, "paul.durand@example.fr")
        self.assertEqual((failure.res_model, failure.res_id), (ticket._name, ticket.id))
        self.assertEqual(failure.action_open_record()["res_id"], ticket.id)

    def test_same_mail_again_is_one_more_try_then_by_hand(self):
        self.env["ir.config_parameter"].set_param(
            "grc_citoyen.mail_failure_max_attempts", "3"
        )
        self._process("<broken-3@example.fr>")
        # The mailgate's mail server hands the same mail again.
        self._process("<broken-3@example.fr>")
        failure = self.failures.search([("message_id", "=", "<broken-3@example.fr>")])
        self.assertEqual(len(failure), 1)
        self.assertEqual(failure.attempts, 2)
        self._make_due(failure)
        admin_partner = self.grc_admin.partner_id
        with (
            patch.object(
                type(self.tickets),
                "_grc_after_create",
                side_effect=RuntimeError("disk still full"),
            ),
            mute_logger(GATEWAY_LOGGER),
        ):
            self.failures._cron_try_again()
        self.assertEqual(failure.state, "manual")
        self.assertEqual(failure.attempts, 3)
        self.assertFalse(failure.next_try)
        self.assertIn("disk still full", failure.error)
        alert = self.env["mail.message"].search(
            [
                ("partner_ids", "in", admin_partner.ids),
                ("subject", "=", "Incoming mails not processed"),
            ]
        )
        self.assertEqual(len(alert), 1)
        # Past the ceiling, only an administrator's action tries again.
        self.failures._cron_try_again()
        self.assertEqual(failure.state, "manual")
        failure.with_user(self.grc_admin).action_try_again()
        self.assertEqual(failure.state, "done")
        with self.assertRaises(UserError):
            failure.with_user(self.grc_admin).action_try_again()

    def test_unreadable_mail_kept_and_dismissed_by_hand(self):
        garbage = b"\xff\xfe not a mail \x00\x01"
        with mute_logger(GATEWAY_LOGGER):
            self.assertFalse(self.env["mail.thread"].message_process(None, garbage))
        failure = self.failures.search([], limit=1)
        self.assertEqual(
            base64.b64decode(failure.with_context(bin_size=False).raw), garbage
        )
        with mute_logger(GATEWAY_LOGGER):
            self.assertFalse(failure._grc_try_again())
        self.assertEqual(failure.attempts, 2)
        with self.assertRaises(UserError), mute_logger(GATEWAY_LOGGER):
            failure.with_user(self.grc_admin).action_try_again()
        failure.with_user(self.grc_admin).action_dismiss()
        self.assertEqual(failure.state, "dismissed")

    def test_fetched_over_imap_failure_is_kept_though_marked_read(self):
        server = self.env["fetchmail.server"].create(
            {
                "name": "Boîte de la mairie",
                "server_type": "imap",
                "server": "imap.example.fr",
                "state": "done",
                "object_id": self.env.ref("helpdesk_mgmt.model_helpdesk_ticket").id,
            }
        )
        raw = MAIL.format(msg_id="<imap-1@example.fr>").encode()
        flags = []

        class FakeImap:
            def select(self):
                return "OK", [b"1"]

            def search(self, *args):
                return "OK", [b"1"]

            def fetch(self, num, what):
                return "OK", [(b"1 (RFC822)", raw)]

            def store(self, num, op, flag):
                flags.append(op)

            def close(self):
                pass

            def logout(self):
                pass

        with (
            patch.object(type(server), "connect", return_value=FakeImap()),
            patch.object(self.env.cr, "commit", return_value=None),
            patch.object(
                type(self.tickets),
                "_grc_after_create",
                side_effect=RuntimeError("disk full"),
            ),
            mute_logger(GATEWAY_LOGGER, "odoo.addons.mail.models.fetchmail"),
        ):
            server.fetch_mail()
        self.assertEqual(flags[-1], "+FLAGS")
        failure = self.failures.search([("message_id", "=", "<imap-1@example.fr>")])
        self.assertEqual(failure.source, "Boîte de la mairie")

    def test_only_administrators_see_kept_mails(self):
        self._process("<broken-4@example.fr>")
        failure = self.failures.search([("message_id", "=", "<broken-4@example.fr>")])
        subject = failure.with_user(self.grc_admin).read(["subject"])[0]["subject"]
        self.assertEqual(subject, "Lampadaire éteint")
        with self.assertRaises(AccessError):
            failure.with_user(self.agent).read(["subject"])
        with self.assertRaises(AccessError):
            failure.with_user(self.agent).write({"state": "dismissed"})
