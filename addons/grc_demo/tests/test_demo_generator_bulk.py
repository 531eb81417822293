# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
import re
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon

NOW = datetime(2026, 3, 2, 10, 0, 0)
# Computed in the ORM from other values the generator decides (the
# helpdesk_mgmt defaults of stage, service and agent).
INPUTS = {"stage_id", "team_id", "user_id", "properties"}


class Interrupted(Exception):
    pass


@freeze_time(NOW)
class TestDemoGeneratorBulk(GrcCommon):
    """The bulk path writes with COPY what the ORM would have stored."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, login="bulk_agent", groups="grc_citoyen.group_grc_agent"
        )
        cls.team_voirie.user_ids = cls.agent
        cls.type_pothole = cls.env["grc.request.type"].create(
            {
                "name": "Nid-de-poule",
                "code": "VOI-NID",
                "team_id": cls.team_voirie.id,
                "location_required": True,
                "sla_target": 10,
                "first_response_target": 4,
                "first_response_unit": "hours",
            }
        )
        cls.type_social = cls.env["grc.request.type"].create(
            {
                "name": "Aide sociale",
                "code": "CCAS-AID",
                "team_id": cls.team_ccas.id,
                "is_confidential": True,
                "sla_target": 2,
                "sla_unit": "days",
                "implicit_decision": "reject",
                "implicit_decision_delay": 2,
                "implicit_decision_unit": "months",
            }
        )
        cls.generator = cls.env["grc.demo.generator"]
        cls.before = {
            model: cls.env[model].search([]).ids
            for model in (
                "res.partner",
                "helpdesk.ticket",
                "grc.interaction",
                "grc.reclamation",
            )
        }
        cls.written = cls.generator._bulk_generate_commune(
            60, citizens=12, months=1, seed=3, end_date=NOW, chunk=25
        )

    def _new(self, model):
        return self.env[model].search([("id", "not in", self.before[model])])

    def _assert_stored_as_computed(self, records):
        """Every stored computed field holds what the ORM computes."""
        names = [
            name
            for name, field in records._fields.items()
            if field.store and field.compute and name not in INPUTS
        ]
        records.invalidate_recordset()
        stored = {record.id: {n: record[n] for n in names} for record in records}
        for name in names:
            self.env.add_to_compute(records._fields[name], records)
        for record in records:
            for name in names:
                self.assertEqual(
                    record[name],
                    stored[record.id][name],
                    f"{records._name}.{name} of record {record.id}",
                )

    def test_counts_and_references(self):
        citizens = self._new("res.partner")
        requests = self._new("helpdesk.ticket")
        self.assertEqual(len(citizens), 12)
        self.assertEqual(len(requests), 60)
        self.assertEqual(self.written["citizens"], 12)
        # Chunks of 25, 25 and 10 requests: a contact every seventh.
        self.assertEqual(len(self._new("grc.interaction")), 3 + 3 + 1)
        self.assertEqual(len(set(citizens.mapped("citizen_number"))), 12)
        numbers = requests.mapped("number")
        self.assertEqual(len(set(numbers)), 60)
        for request in requests:
            match = re.fullmatch(r"DEM-(\d{4})-\d{6}", request.number)
            self.assertTrue(match, request.number)
            self.assertEqual(int(match.group(1)), request.received_date.year)
            self.assertEqual(request.team_id, request.request_type_id.team_id)
            self.assertTrue(request.partner_id.is_citizen)

    def test_stored_fields_as_the_orm_computes_them(self):
        requests = self._new("helpdesk.ticket")
        states = set(requests.mapped("grc_state"))
        self.assertIn("closed", states)
        self.assertTrue(states - {"closed", "resolved", "cancelled"})
        self.assertTrue(requests.filtered("grc_sla_deadline"))
        self.assertTrue(requests.filtered("ack_receipt_deadline"))
        self.assertTrue(requests.filtered("implicit_decision_date"))
        self._assert_stored_as_computed(requests)
        self._assert_stored_as_computed(self._new("res.partner"))
        self._assert_stored_as_computed(self._new("grc.interaction"))

    def test_complaints_as_the_orm_would_store_them(self):
        """A complaint for every thirteenth request of a chunk, with the
        deadlines of the complaints' rules, the status its stage gives and
        the deadline status the escalation engine computes."""
        complaints = self._new("grc.reclamation")
        # Chunks of 25, 25 and 10 requests.
        self.assertEqual(len(complaints), 1 + 1 + 0)
        self.assertEqual(self.written["complaints"], 2)
        self._assert_stored_as_computed(complaints)
        rules = self.env["grc.reclamation.deadline.rule"]
        engine = self.env["grc.reclamation.escalation"]
        for complaint in complaints:
            self.assertRegex(complaint.name, r"^\S+\d+$")
            self.assertEqual(complaint.state, complaint.stage_id.state)
            self.assertLessEqual(complaint.received_date, NOW)
            self.assertTrue(complaint.team_ids)
            self.assertLessEqual(complaint.ticket_ids.team_id, complaint.team_ids)
            expected = rules._compute_deadlines(
                complaint.received_date,
                complaint.reason_id,
                complaint.severity,
                complaint._reclamation_calendar(),
                complaint.company_id,
            )
            for name in ("ack_deadline", "answer_deadline", "answer_risk_date"):
                self.assertEqual(complaint[name], expected[name], name)
            self.assertEqual(
                complaint.deadline_status, engine._status_at(complaint, NOW)
            )
            if complaint.state in ("answered", "closed"):
                self.assertTrue(complaint.answer_date)
            if complaint.answer_date:
                self.assertLessEqual(complaint.answer_date, NOW)

    def test_dates_follow_the_life_cycle(self):
        for request in self._new("helpdesk.ticket"):
            self.assertLessEqual(request.received_date, NOW)
            if request.first_response_date:
                self.assertGreaterEqual(
                    request.first_response_date, request.received_date
                )
            if request.grc_state in ("resolved", "closed"):
                self.assertTrue(request.resolution_date and request.closed_date)
                self.assertLessEqual(request.resolution_date, NOW)
            else:
                self.assertFalse(request.resolution_date)
            self.assertEqual(request.closed, request.stage_id.closed)
            self.assertEqual(
                bool(request.sla_pause_start), request.grc_state == "waiting"
            )

    def test_satisfaction_answers(self):
        if "satisfaction_score" not in self.env["helpdesk.ticket"]._fields:
            self.skipTest("grc_citoyen_satisfaction is not installed")
        requests = self._new("helpdesk.ticket")
        closed = requests.filtered(lambda r: r.grc_state == "closed")
        invitations = self.env["survey.user_input"].search(
            [("grc_ticket_id", "in", requests.ids)]
        )
        self.assertEqual(invitations.grc_ticket_id, closed)
        answered = requests.filtered("satisfaction_date")
        self.assertLessEqual(answered, closed)
        self.assertEqual(
            invitations.filtered(lambda a: a.state == "done").grc_ticket_id, answered
        )
        for request in answered:
            self.assertTrue(0 <= request.satisfaction_score <= 10)
            self.assertGreaterEqual(request.satisfaction_date, request.closure_date)

    def test_resumable(self):
        """A run stopped after its first chunk carries on where it stopped."""
        before = self.env["helpdesk.ticket"].search_count([])

        def stop(what, done, total):
            if what == "requests":
                raise Interrupted()

        # Not assertRaises: its savepoint would undo the chunk written.
        interrupted = False
        try:
            self.generator._bulk_generate_commune(
                40, citizens=5, seed=4, end_date=NOW, chunk=15, progress=stop
            )
        except Interrupted:
            interrupted = True
        self.assertTrue(interrupted)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), before + 15)
        written = self.generator._bulk_generate_commune(
            40, citizens=5, seed=4, end_date=NOW, chunk=15
        )
        self.assertEqual(written["citizens"], 0)
        self.assertEqual(written["requests"], 25)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), before + 40)

    def test_tabled_working_time_as_the_engine(self):
        """The bulk run's tabled working time gives the SLA engine's
        deadlines, at-risk dates and working hours, across a public holiday
        and both daylight saving changes, in Paris time."""
        engine = self.env["grc.sla.engine"]
        calendar = self.env.company.resource_calendar_id.copy({"tz": "Europe/Paris"})
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Armistice",
                "calendar_id": calendar.id,
                "date_from": datetime(2025, 11, 10, 23, 0),
                "date_to": datetime(2025, 11, 11, 22, 59),
            }
        )
        start, until = datetime(2025, 3, 1), datetime(2026, 6, 1)
        tabled = engine._grc_tabled_working_time(calendar, start, until)
        self.assertTrue(tabled.tabled)
        rng = random.Random(7)
        moments = [
            datetime(2025, 3, 28, 16, 0),
            datetime(2025, 10, 24, 15, 59),
            datetime(2025, 11, 10, 16, 30),
        ] + [start + timedelta(seconds=rng.uniform(0, 300 * 86400)) for __ in range(60)]
        for moment in moments:
            for amount, unit in ((rng.choice([0.5, 3, 7.3, 26]), "hours"), (3, "days")):
                walk = engine._grc_working_time(calendar, moment)
                expected = engine._add_working_time(
                    moment, amount, unit, calendar, working_time=walk
                )
                self.assertEqual(tabled.naive_add(moment, amount, unit), expected)
                self.assertEqual(
                    engine._add_working_time(
                        moment, amount, unit, calendar, working_time=tabled
                    ),
                    expected,
                )
                self.assertEqual(
                    tabled.naive_at_risk(moment, expected, 0.75),
                    engine._grc_at_risk_date(
                        moment, expected, 0.75, calendar, working_time=walk
                    ),
                )
                later = moment + timedelta(days=rng.uniform(0, 40))
                self.assertEqual(
                    engine._working_hours_between(
                        moment, later, calendar, working_time=tabled
                    ),
                    engine._working_hours_between(moment, later, calendar),
                )
        # Beyond the tables the engine's walk answers.
        self.assertIsNone(tabled.naive_add(until + timedelta(days=30), 2, "days"))
