# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The use of the online channels by month, counted by hand on the accounts
and requests written below."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon


@freeze_time("2026-03-15 10:00:00")
class TestChannelUsage(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Europe/Paris"
        ref = cls.env.ref
        web = ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        app = ref("grc_citoyen.helpdesk_ticket_channel_mobile_app")
        desk = ref("grc_citoyen.helpdesk_ticket_channel_front_desk")
        phone = ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        # Accounts: two created in January, one in February (with the app),
        # one on 28 February at 23:30 in Paris... that is 22:30 UTC, still
        # February; one deactivated.
        created = [
            datetime(2026, 1, 5, 10),
            datetime(2026, 1, 20, 10),
            datetime(2026, 2, 10, 10),
            datetime(2026, 2, 28, 22, 30),
            datetime(2026, 1, 7, 10),
        ]
        cls.portal_users = []
        for index, moment in enumerate(created):
            user = new_test_user(
                cls.env, login=f"usage-{index}", groups="base.group_portal"
            )
            cls.portal_users.append(user)
            cls.env.flush_all()
            cls.env.cr.execute(
                "UPDATE res_users SET create_date = %s WHERE id = %s",
                [moment, user.id],
            )
        cls.portal_users[4].active = False
        device = (
            cls.env["mail.push.device"]
            .sudo()
            .create(
                {
                    "partner_id": cls.portal_users[2].partner_id.id,
                    "endpoint": "https://push.example.org/abc",
                    "keys": '{"p256dh": "x", "auth": "y"}',
                }
            )
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE mail_push_device SET create_date = %s WHERE id = %s",
            [datetime(2026, 2, 11, 10), device.id],
        )
        # February's online requests: 4, of which 2 finished at the desk
        # or on the phone; a desk request is not online.
        requests = [
            (web, datetime(2026, 2, 2, 10), desk),
            (web, datetime(2026, 2, 3, 10), None),
            (app, datetime(2026, 2, 4, 10), phone),
            (app, datetime(2026, 2, 5, 10), None),
            (desk, datetime(2026, 2, 6, 10), None),
            (web, datetime(2026, 1, 6, 10), desk),
        ]
        for channel, received, finished in requests:
            ticket = cls._create_request(channel_id=channel.id)
            cls.env.flush_all()
            cls.env.cr.execute(
                "UPDATE helpdesk_ticket SET received_date = %s, "
                "grc_completion_channel_id = %s WHERE id = %s",
                [received, finished and finished.id, ticket.id],
            )
        cls.env.invalidate_all()

    def _row(self, month):
        return self.env["grc.channel.usage"].search(
            [("company_id", "=", self.env.company.id), ("month", "=", month)]
        )

    def test_monthly_counts(self):
        # Two citizens sign in in March, one of them twice.
        for user in (self.portal_users[0], self.portal_users[2], self.portal_users[0]):
            user.with_user(user)._update_last_login()
        Usage = self.env["grc.channel.usage"]
        Usage._refresh(months=3, companies=self.env.company)
        february, january, march = (
            self._row(date(2026, 2, 1)),
            self._row(date(2026, 1, 1)),
            self._row(date(2026, 3, 1)),
        )
        # Accounts existing at month end, active today (the fifth one is not).
        self.assertEqual((january.portal_accounts, january.new_portal_accounts), (2, 2))
        self.assertEqual(
            (february.portal_accounts, february.new_portal_accounts), (4, 2)
        )
        self.assertEqual((january.app_accounts, february.app_accounts), (0, 1))
        self.assertEqual((february.online_requests, february.finished_at_desk), (4, 2))
        self.assertEqual(february.finished_at_desk_rate, 50.0)
        self.assertEqual((january.online_requests, january.finished_at_desk), (1, 1))
        self.assertEqual(march.active_users, 2)
        self.assertEqual(march.active_rate, 50.0)
        self.assertEqual(february.active_users, 0)
        # Refreshed again: the sign-ins are kept.
        Usage._refresh(months=1, companies=self.env.company)
        self.assertEqual(march.active_users, 2)
        # An agent signing in is not a citizen.
        desk = new_test_user(
            self.env, login="usage-desk", groups="grc_citoyen.group_grc_frontdesk"
        )
        desk.with_user(desk)._update_last_login()
        self.assertEqual(march.active_users, 2)
        # Counts only, for steering readers: not for the front desk.
        with self.assertRaises(AccessError):
            Usage.with_user(desk).search([])
