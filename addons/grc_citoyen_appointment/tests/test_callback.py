# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

import pytz

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import AppointmentCommon


@tagged("post_install", "-at_install")
class TestCallback(AppointmentCommon):
    """ "Be called back": a period of the service's opening hours, an agent
    free then, the call in their activities, the outcome recorded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_desk.grc_callback_enabled = True
        cls.call = cls.env.ref("mail.mail_activity_data_call")
        cls.agent_voirie = new_test_user(
            cls.env,
            login="rappel-voirie",
            name="Agent Voirie",
            groups="grc_citoyen.group_grc_agent",
        )
        cls.team_voirie.user_ids = [(4, cls.agent_voirie.id)]

    def _ask(self, user=None, start=None, phone="06 12 34 56 78", **values):
        env = self.env(user=user) if user else self.env
        team = self.team_desk.with_env(env)
        if start is None:
            start = team._grc_callback_periods()[0][0]
        partner = user.partner_id if user else self.citizen
        return env["grc.callback"]._grc_request(
            team, partner, phone, start, values=values
        )

    def test_periods_are_the_opening_hours(self):
        """The periods are the service's opening hours (mornings and
        afternoons, Paris time), while one of its agents is not busy the
        whole period; the least busy agent comes first."""
        periods = self.team_desk._grc_callback_periods()
        self.assertTrue(periods)
        paris = pytz.timezone("Europe/Paris")
        for start, stop, agents in periods:
            local_start = pytz.utc.localize(start).astimezone(paris)
            local_stop = pytz.utc.localize(stop).astimezone(paris)
            self.assertLess(local_start.weekday(), 5)
            self.assertIn(
                (local_start.hour, local_stop.hour), [(8, 12), (13, 17)], local_start
            )
            self.assertEqual(agents, self.agent_1 | self.agent_2)
        start, stop, _agents = periods[1]
        # Agent 1 busy the whole period, agent 2 for an hour of it.
        self.env["calendar.event"].create(
            [
                {
                    "name": "Formation",
                    "start": start - timedelta(hours=1),
                    "stop": stop,
                    "partner_ids": [(6, 0, self.agent_1.partner_id.ids)],
                },
                {
                    "name": "Réunion",
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "partner_ids": [(6, 0, self.agent_2.partner_id.ids)],
                },
            ]
        )
        period = self.team_desk._grc_callback_periods(
            begin=start, end=start + timedelta(seconds=1)
        )
        self.assertEqual(period[0][2], self.agent_2)
        # Both busy the whole period: it is no longer offered.
        self.env["calendar.event"].create(
            {
                "name": "Séminaire",
                "start": start,
                "stop": stop,
                "partner_ids": [(6, 0, self.agent_2.partner_id.ids)],
            }
        )
        self.assertNotIn(start, [p[0] for p in self.team_desk._grc_callback_periods()])
        with self.assertRaises(UserError):
            self._ask(user=self.helene, start=start)
        self.team_desk.grc_callback_enabled = False
        self.assertEqual(self.team_desk._grc_callback_periods(), [])

    def test_request_lands_in_the_agents_queue(self):
        """The citizen asks with the draft where they stopped: the number is
        kept in international format, the call is an activity of a free
        agent due on the day, with the draft; the confirmation is queued."""
        draft, _refused = self.env["grc.citizen.draft"]._grc_save(
            self.citizen, self.type_lamp, [("name", "Lampadaire éteint")]
        )
        start, stop, agents = self.team_desk._grc_callback_periods()[0]
        callback = self._ask(
            user=self.helene,
            start=start,
            request_type_id=self.type_lamp.id,
            draft_id=draft.id,
            note="Je ne trouve pas le numéro du lampadaire.",
        )
        callback = callback.sudo()
        self.assertEqual(callback.phone, "+33612345678")
        self.assertEqual((callback.slot_start, callback.slot_stop), (start, stop))
        self.assertEqual(callback.user_id, agents[:1])
        self.assertEqual(callback.state, "waiting")
        activity = callback.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, self.call)
        self.assertEqual(activity.user_id, callback.user_id)
        local = pytz.utc.localize(start).astimezone(pytz.timezone("Europe/Paris"))
        self.assertEqual(activity.date_deadline, local.date())
        self.assertIn("+33612345678", activity.note)
        self.assertIn(draft.display_name, activity.note)
        # In the agent's queue and their activities.
        self.assertIn(
            callback,
            self.env["grc.callback"]
            .with_user(callback.user_id)
            .search([("activity_user_id", "=", callback.user_id.id)]),
        )
        mail = self.env["mail.mail"].search(
            [("model", "=", "grc.callback"), ("res_id", "=", callback.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn(self.citizen, mail.recipient_ids)
        self.assertIn("+33612345678", mail.body_html)

    def test_bad_phone_or_period_refused(self):
        """A number that is not one, a period that is not offered: refused
        with a clear message, nothing recorded."""
        start = self.team_desk._grc_callback_periods()[0][0]
        for phone in ("", "12", "06 12", "bonjour", "+33 1"):
            with self.assertRaises(ValidationError):
                self._ask(user=self.helene, start=start, phone=phone)
        for wrong in (start + timedelta(minutes=30), False, "demain"):
            with self.assertRaises(UserError):
                self._ask(user=self.helene, start=wrong)
        self.assertFalse(self.env["grc.callback"].search([]))
        self.assertEqual(
            self._ask(start=start, phone="+32 470 12 34 56").phone, "+32470123456"
        )

    def test_outcome_reached_and_not_reached(self):
        """Reached: closed, the activity done. Not reached: tried again at
        the next free period, then closed and the citizen told after the
        last try."""
        periods = self.team_desk._grc_callback_periods()
        reached = self._ask(start=periods[0][0])
        reached.with_user(reached.user_id).action_grc_reached()
        self.assertEqual(reached.state, "reached")
        self.assertTrue(reached.done_date)
        self.assertFalse(reached.activity_ids)
        with self.assertRaises(UserError):
            reached.action_grc_not_reached()

        missed = self._ask(start=periods[0][0])
        missed.with_user(missed.user_id).action_grc_not_reached()
        self.assertEqual(missed.state, "waiting")
        self.assertEqual(missed.attempt_count, 1)
        self.assertGreater(missed.slot_start, periods[0][0])
        self.assertEqual(len(missed.activity_ids), 1)
        missed.action_grc_not_reached()
        self.assertEqual(missed.attempt_count, 2)
        self.assertEqual(missed.state, "waiting")
        missed.action_grc_not_reached()
        self.assertEqual(missed.state, "not_reached")
        self.assertEqual(missed.attempt_count, 3)
        self.assertFalse(missed.activity_ids)
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [("model", "=", "grc.callback"), ("res_id", "=", missed.id)]
            ),
            2,  # the confirmation, then "could not reach you"
        )

    def test_rules(self):
        """The citizen and the service's agents read the call-back, nobody
        else reads or writes it."""
        callback = self._ask(user=self.helene)
        Callback = self.env["grc.callback"]
        self.assertEqual(Callback.with_user(self.helene).search([]), callback)
        self.assertFalse(Callback.with_user(self.marc).search([]))
        with self.assertRaises(AccessError):
            callback.with_user(self.marc).read(["phone"])
        with self.assertRaises(AccessError):
            callback.with_user(self.marc).action_grc_cancel()
        with self.assertRaises(AccessError):
            callback.with_user(self.helene).write({"phone": "+33612345679"})
        with self.assertRaises(AccessError):
            Callback.with_user(self.helene).create(
                {
                    "partner_id": self.citizen.id,
                    "team_id": self.team_desk.id,
                    "phone": "+33612345678",
                    "slot_start": callback.slot_start,
                    "slot_stop": callback.slot_stop,
                }
            )
        self.assertEqual(Callback.with_user(self.agent_1).search([]), callback)
        self.assertFalse(Callback.with_user(self.agent_voirie).search([]))
        with self.assertRaises(AccessError):
            callback.with_user(self.agent_voirie).read(["phone"])
        with self.assertRaises(AccessError):
            callback.with_user(self.agent_voirie).action_grc_reached()
        callback.with_user(self.helene).action_grc_cancel()
        self.assertEqual(callback.sudo().state, "cancelled")
        self.assertFalse(callback.sudo().activity_ids)
