# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import datetime, timedelta

import pytz
from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon
from odoo.addons.grc_demo.models.grc_demo_generator import draw_satisfaction

NOW = datetime(2026, 3, 2, 10, 0, 0)
OPEN_STATES = {"new", "qualified", "in_progress", "waiting"}


@freeze_time(NOW)
class TestDemoGenerator(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, login="gen_agent", groups="grc_citoyen.group_grc_agent"
        )
        cls.team_voirie.user_ids = cls.agent
        cls.team_ccas.user_ids = new_test_user(
            cls.env, login="gen_social", groups="grc_citoyen.group_grc_agent"
        )
        cls.type_pothole = cls.env["grc.request.type"].create(
            {
                "name": "Nid-de-poule",
                "code": "VOI-NID",
                "team_id": cls.team_voirie.id,
                "location_required": True,
                "sla_target": 10,
            }
        )
        cls.type_social = cls.env["grc.request.type"].create(
            {
                "name": "Aide sociale",
                "code": "CCAS-AID",
                "team_id": cls.team_ccas.id,
                "is_confidential": True,
            }
        )
        cls.generator = cls.env["grc.demo.generator"]

    def _generate(self, **kwargs):
        values = {"citizens": 10, "requests": 30, "seed": 7, "end_date": NOW}
        values.update(kwargs)
        return self.generator._generate_commune(**values)

    def test_counts(self):
        """The commune has the citizens and requests asked for, all complete."""
        result = self._generate()
        citizens, requests = result["citizens"], result["requests"]
        self.assertEqual(len(citizens), 10)
        self.assertEqual(len(requests), 30)
        self.assertTrue(all(citizens.mapped("is_citizen")))
        self.assertTrue(
            all(n.startswith("CIT-") for n in citizens.mapped("citizen_number"))
        )
        self.assertLessEqual(requests.partner_id, citizens)
        for request in requests:
            self.assertRegex(request.number, r"^DEM-\d{4}-\d{6}$")
            self.assertTrue(request.channel_id and request.stage_id)
            self.assertEqual(request.team_id, request.request_type_id.team_id)
            if request.user_id:
                self.assertIn(request.user_id, request.team_id.user_ids)
        located = requests.filtered(lambda r: r.request_type_id == self.type_pothole)
        self.assertTrue(located)
        self.assertTrue(all(located.mapped("location_street")))
        social = requests.filtered(lambda r: r.request_type_id == self.type_social)
        self.assertTrue(social and all(social.mapped("is_confidential")))
        self.assertEqual(len(result["interactions"]), 30 // 7)

    def test_phone_call_log(self):
        """Each phone contact logged is an answered call of the call log;
        other calls were answered without a note or missed."""
        phone = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        desk = self.env.ref("grc_citoyen.helpdesk_ticket_channel_front_desk")
        interactions = self.env["grc.interaction"].create(
            [
                {
                    "name": f"Question {index}",
                    "partner_id": self.citizen.id,
                    "channel_id": (desk if index % 4 == 0 else phone).id,
                    "team_id": self.team_voirie.id,
                    "user_id": self.agent.id,
                    "date": NOW - timedelta(days=index),
                }
                for index in range(40)
            ]
        )
        logged = interactions.filtered(lambda i: i.channel_id == phone)
        start = NOW - timedelta(days=60)
        self.generator._generate_phone_calls(interactions, 7, start, NOW)
        calls = self.env["grc.phone.call"].search(
            [("team_id", "=", self.team_voirie.id)]
        )
        linked = calls.filtered("interaction_id")
        self.assertEqual(linked.interaction_id, logged)
        self.assertEqual(set(linked.mapped("status")), {"answered"})
        for call in linked:
            self.assertEqual(call.date, call.interaction_id.date)
        self.assertTrue(all(start <= call.date <= NOW for call in calls))
        missed = calls.filtered(lambda c: c.status == "missed")
        self.assertTrue(missed and not missed.user_id)
        self.assertLess(len(missed), len(calls) / 3)

    def test_stage_spread(self):
        """Old requests are mostly closed, recent ones still open."""
        requests = self._generate(requests=60)["requests"]
        self.assertGreaterEqual(len(set(requests.mapped("grc_state"))), 3)
        old = requests.filtered(lambda r: r.received_date < NOW - timedelta(days=90))
        done = old.filtered(lambda r: r.grc_state in ("closed", "cancelled"))
        self.assertGreater(len(done), len(old) / 2)
        recent = requests.filtered(lambda r: r.received_date > NOW - timedelta(days=3))
        self.assertNotIn("closed", recent.mapped("grc_state"))

    def test_dates_are_consistent(self):
        """Dates follow the request's life, answers come in opening hours."""
        requests = self._generate(requests=60)["requests"]
        for request in requests:
            state = request.grc_state
            received = request.received_date
            steps = [
                received,
                request.first_response_date,
                request.resolution_date,
                request.closure_date,
            ]
            steps = [step for step in steps if step]
            self.assertEqual(steps, sorted(steps), request.name)
            self.assertLessEqual(steps[-1], NOW)
            self.assertGreaterEqual(request.create_date, received)
            self.assertGreaterEqual(received, NOW - timedelta(days=18 * 31))
            self.assertEqual(
                bool(request.resolution_date), state in ("resolved", "closed")
            )
            self.assertEqual(
                bool(request.closure_date), state in ("closed", "cancelled")
            )
            if state == "new":
                self.assertFalse(request.first_response_date)
            if state in ("in_progress", "waiting", "resolved", "closed"):
                self.assertTrue(request.first_response_date)
            if request.first_response_date:
                answered = pytz.utc.localize(request.first_response_date)
                answered = answered.astimezone(pytz.timezone("Europe/Paris"))
                self.assertLess(answered.weekday(), 5)
                self.assertTrue(8.5 <= answered.hour + answered.minute / 60 < 17.5)

    def test_featured_citizen(self):
        """A featured citizen gets 5 to 8 requests, open and closed ones."""
        result = self._generate(featured_citizen_ids=self.citizen.ids)
        own = result["requests"].filtered(lambda r: r.partner_id == self.citizen)
        self.assertTrue(5 <= len(own) <= 8)
        states = set(own.mapped("grc_state"))
        self.assertTrue(states & OPEN_STATES)
        self.assertIn("closed", states)

    def test_deterministic(self):
        """The same seed builds the same commune."""
        first = self._generate()["requests"].sorted("received_date")
        second = self._generate()["requests"].sorted("received_date")
        self.assertEqual(first.mapped("name"), second.mapped("name"))
        self.assertEqual(first.mapped("received_date"), second.mapped("received_date"))
        self.assertEqual(first.mapped("grc_state"), second.mapped("grc_state"))

    def test_no_request_type(self):
        """Without request types the commune has citizens and no requests."""
        self.env["grc.request.type"].search([]).active = False
        result = self._generate()
        self.assertEqual(len(result["citizens"]), 10)
        self.assertFalse(result["requests"])

    def test_satisfaction_draws_in_the_demo_order(self):
        """The demo and the bulk path share one draw of a survey answer; it
        takes its numbers in the order the demo always did (answers or not,
        score, resolved, comment, delay): the demo commune stays the same."""
        comments = {
            "satisfied": ["Merci"],
            "neutral": ["Correct"],
            "dissatisfied": ["Trop long"],
        }
        rng, reference = random.Random(11), random.Random(11)
        answers = 0
        for days in range(60):
            drawn = draw_satisfaction(rng, days, comments)
            if reference.random() > 0.35:
                self.assertIsNone(drawn)
                continue
            answers += 1
            mean = 8.6 - min(days, 40) * 0.12
            score = max(0, min(10, round(reference.gauss(mean, 1.8))))
            band = (
                "satisfied"
                if score >= 8
                else "dissatisfied"
                if score <= 4
                else "neutral"
            )
            weights = {"satisfied": [90, 9, 1], "neutral": [60, 30, 10]}
            resolved = reference.choices(
                ["yes", "partly", "no"], weights.get(band, [25, 35, 40])
            )[0]
            comment = (
                reference.choice(comments[band]) if reference.random() < 0.4 else None
            )
            delay = timedelta(days=reference.uniform(0.2, 6))
            self.assertEqual(
                drawn,
                {
                    "score": score,
                    "band": band,
                    "resolved": resolved,
                    "comment": comment,
                    "delay": delay,
                },
            )
        self.assertTrue(answers)

    def test_satisfaction_answers(self):
        """With the survey addon, closed requests are invited to the survey and
        about a third answer, with scores from 0 to 10 given after closure."""
        if "satisfaction_score" not in self.env["helpdesk.ticket"]._fields:
            self.skipTest("grc_citoyen_satisfaction is not installed")
        requests = self._generate(citizens=40, requests=400)["requests"]
        closed = requests.filtered(lambda r: r.grc_state == "closed")
        invitations = self.env["survey.user_input"].search(
            [("grc_ticket_id", "in", closed.ids)]
        )
        self.assertEqual(invitations.grc_ticket_id, closed)
        answered = closed.filtered("satisfaction_date")
        self.assertTrue(0.2 < len(answered) / len(closed) < 0.5)
        self.assertFalse(requests.filtered("satisfaction_date") - closed)
        for request in answered:
            self.assertTrue(0 <= request.satisfaction_score <= 10)
            self.assertGreaterEqual(request.satisfaction_date, request.closure_date)
            self.assertLessEqual(request.satisfaction_date, NOW)
        self.assertEqual(
            set(invitations.filtered(lambda a: a.state == "done").grc_ticket_id.ids),
            set(answered.ids),
        )
        scores = answered.mapped("satisfaction_score")
        self.assertTrue(any(s >= 8 for s in scores) and any(s <= 6 for s in scores))
        self.assertTrue(answered.filtered("satisfaction_comment"))
