# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user

from .common import GrcCommon


@freeze_time("2026-03-02 09:00:00")
class TestAssignment(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        agent_group = "grc_citoyen.group_grc_agent"
        cls.manager = new_test_user(
            cls.env, "voirie_chef", "grc_citoyen.group_grc_manager", name="Chef Voirie"
        )
        cls.alice = new_test_user(cls.env, "alice", agent_group, name="Alice")
        cls.bruno = new_test_user(cls.env, "bruno", agent_group, name="Bruno")
        cls.chloe = new_test_user(cls.env, "chloe", agent_group, name="Chloé")
        cls.agents = cls.alice | cls.bruno | cls.chloe
        cls.team_voirie.write(
            {
                "user_ids": [(6, 0, (cls.agents | cls.manager).ids)],
                "user_id": cls.manager.id,
                "assignment_mode": "least_loaded",
            }
        )
        # The manager steers the service and takes no request.
        cls.manager.grc_is_available = False
        cls.team_other = cls.env["helpdesk.ticket.team"].create(
            {"name": "Espaces verts", "user_ids": [(6, 0, cls.bruno.ids)]}
        )

    def _load(self, user, count, priority="1", team=None):
        for __ in range(count):
            self._create_request(
                user_id=user.id,
                priority=priority,
                team_id=(team or self.team_voirie).id,
            )

    def _leave(self, user, date_from, date_to):
        resource = self.env["resource.resource"].create(
            {"name": user.name, "user_id": user.id}
        )
        return self.env["resource.calendar.leaves"].create(
            {
                "name": "Congés",
                "resource_id": resource.id,
                "date_from": date_from,
                "date_to": date_to,
            }
        )

    # Least loaded -------------------------------------------------------

    def test_least_loaded_agent_gets_the_request(self):
        """The agent with the lightest open load, weighted by priority, gets it."""
        self._load(self.alice, 2)  # load 2 x 2 = 4
        self._load(self.bruno, 1, priority="3")  # load 4, one request
        self._load(self.chloe, 1, priority="3", team=self.team_other)
        self._load(self.chloe, 1, priority="0")  # load 4 + 1, across services
        request = self._create_request()
        # Alice and Bruno weigh 4: the fewer open requests wins.
        self.assertEqual(request.user_id, self.bruno)
        self.assertIn("Bruno", request.assignment_trace)
        self.assertIn("least loaded", request.assignment_trace)

    def test_closed_requests_do_not_count(self):
        """Only open requests make an agent's load."""
        self._load(self.alice, 1)
        self._load(self.bruno, 2)
        # New requests may be cancelled straight away (the life cycle allows it).
        cancelled = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        self.env["helpdesk.ticket"].search([("user_id", "=", self.bruno.id)]).write(
            {"stage_id": cancelled.id}
        )
        self._load(self.chloe, 1)
        self.assertEqual(self._create_request().user_id, self.bruno)

    def test_capacity_and_leave_and_availability_are_respected(self):
        """Agents at capacity, on leave or unavailable get nothing."""
        self.team_voirie.agent_capacity = 2
        self._load(self.alice, 2)  # at the service's capacity
        self._load(self.bruno, 1)
        self.chloe.grc_capacity = 5
        self._load(self.chloe, 3)  # above the service's, below her own
        self._leave(self.chloe, "2026-03-01 00:00:00", "2026-03-06 18:00:00")
        self._leave(self.bruno, "2026-02-01 00:00:00", "2026-02-10 18:00:00")  # past
        request = self._create_request()
        self.assertEqual(request.user_id, self.bruno)
        self.assertIn("on leave: Chloé", request.assignment_trace)
        self.assertIn("at capacity: Alice", request.assignment_trace)
        self.assertIn("not available: Chef Voirie", request.assignment_trace)

    def test_nobody_available_leaves_request_in_queue_for_the_manager(self):
        """Nobody available: unassigned, and the manager gets an activity."""
        self.team_voirie.agent_capacity = 1
        self._load(self.alice, 1)
        self._load(self.bruno, 1)
        self.chloe.grc_is_available = False
        request = self._create_request()
        self.assertFalse(request.user_id)
        self.assertEqual(request.team_id, self.team_voirie)
        self.assertIn("No agent available", request.assignment_trace)
        activity = request.activity_ids
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(activity.summary, "No agent available")

    def test_agent_given_at_intake_is_kept(self):
        """An agent chosen when filing the request is not replaced."""
        request = self._create_request(user_id=self.chloe.id)
        self.assertEqual(request.user_id, self.chloe)
        self.assertFalse(request.assignment_trace)

    def test_batch_of_requests_is_spread(self):
        """Requests created together are spread over the agents."""
        requests = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Demande {i}",
                    "description": "<p>x</p>",
                    "team_id": self.team_voirie.id,
                }
                for i in range(6)
            ]
        )
        self.assertEqual(
            sorted(request.user_id.login for request in requests),
            ["alice", "alice", "bruno", "bruno", "chloe", "chloe"],
        )

    def test_load_is_counted_in_fixed_queries(self):
        """Choosing among 3 or 30 agents costs the same number of queries."""
        engine = self.env["grc.assignment.engine"]

        def queries():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            user, __ = engine._assign(self.team_voirie, "1")
            self.assertTrue(user)
            return self.cr.sql_log_count - before

        self._load(self.alice, 1)
        few = queries()
        more = self.env["res.users"].create(
            [{"name": f"Agent {i}", "login": f"agent{i}"} for i in range(27)]
        )
        self.team_voirie.user_ids |= more
        for user in more[:5]:
            self._load(user, 1, priority="2")
        self.assertEqual(queries(), few)

    # Round robin and manual ---------------------------------------------

    def test_round_robin_serves_agents_in_turn(self):
        """Round robin gives each available agent a request in turn."""
        self.team_voirie.assignment_mode = "round_robin"
        self._load(self.bruno, 5)  # load does not matter in round robin
        users = [self._create_request().user_id for __ in range(4)]
        self.assertEqual(users, [self.chloe, self.alice, self.bruno, self.chloe])
        self.bruno.grc_is_available = False
        self.assertEqual(self._create_request().user_id, self.alice)
        self.assertEqual(self._create_request().user_id, self.chloe)

    def test_round_robin_trace_names_the_previous_agent(self):
        """The trace says who was served before, even after they left."""
        self.team_voirie.assignment_mode = "round_robin"
        first = self._create_request()
        self.assertIn("first in turn", first.assignment_trace)
        self.assertIn("Round robin among 3 of the 4 members", first.assignment_trace)
        second = self._create_request()
        self.assertIn(f"next after {first.user_id.name}", second.assignment_trace)
        self.team_voirie.user_ids -= second.user_id
        third = self._create_request()
        self.assertIn(f"next after {second.user_id.name}", third.assignment_trace)
        self.assertNotEqual(third.user_id, second.user_id)

    def test_many_skipped_members_are_counted_not_named(self):
        """Beyond five members skipped for a reason, the trace counts them."""
        absent = self.env["res.users"].create(
            [
                {
                    "name": f"Absent {i}",
                    "login": f"absent{i}",
                    "grc_is_available": False,
                }
                for i in range(6)
            ]
        )
        self.team_voirie.user_ids |= absent
        request = self._create_request()
        self.assertIn("not available: 7", request.assignment_trace)
        self.assertNotIn("Absent 0", request.assignment_trace)
        self.assertIn("of the 10 members", request.assignment_trace)

    def test_manual_service_leaves_routed_requests_unassigned(self):
        """A manual service gets routed requests unassigned, with no activity."""
        self.team_voirie.assignment_mode = "manual"
        request = self._create_request(team_id=False)
        self.assertEqual(request.team_id, self.team_voirie)
        self.assertFalse(request.user_id)
        self.assertFalse(request.activity_ids)

    def test_why_unassigned_is_traced_and_counted_for_the_manager(self):
        """A request nobody takes says why (service by hand, or no agent
        available) and the services list counts each kind."""
        self.team_other.write({"assignment_mode": "manual", "user_id": self.manager.id})
        by_hand = self._create_request(team_id=self.team_other.id)
        self.assertFalse(by_hand.user_id)
        self.assertIn("assigns its requests by hand", by_hand.assignment_trace)
        self.assertEqual(by_hand.grc_unassigned_reason, "manual")
        self.team_voirie.agent_capacity = 1
        self._load(self.alice, 1)
        self._load(self.bruno, 1)
        self.chloe.grc_is_available = False
        nobody = self._create_request()
        self.assertEqual(nobody.grc_unassigned_reason, "no_agent")
        assigned = self._create_request(user_id=self.alice.id)
        self.assertFalse(assigned.grc_unassigned_reason)
        teams = self.team_other | self.team_voirie
        teams.invalidate_recordset()
        self.assertEqual(teams.mapped("grc_unassigned_manual_count"), [1, 0])
        self.assertEqual(teams.mapped("grc_unassigned_no_agent_count"), [0, 1])
        # The manager's filters find them.
        found = self.env["helpdesk.ticket"].search(
            [("grc_unassigned_reason", "!=", False)]
        )
        self.assertEqual(found, by_hand | nobody)
        # Taken by an agent, or closed: no longer counted.
        nobody.user_id = self.chloe
        self._resolve(by_hand)
        self.assertFalse(nobody.grc_unassigned_reason)
        self.assertFalse(by_hand.grc_unassigned_reason)

    # Bad input ----------------------------------------------------------

    def test_negative_capacity_is_refused(self):
        """A negative capacity, of a service or an agent, is refused."""
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.team_voirie.agent_capacity = -1
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.alice.grc_capacity = -3

    def test_agent_marks_themselves_unavailable(self):
        """An agent can untick their own availability, not their capacity."""
        self.alice.with_user(self.alice).write({"grc_is_available": False})
        self.assertFalse(self.alice.grc_is_available)
        with self.assertRaises(AccessError):
            self.alice.with_user(self.alice).write({"grc_capacity": 50})

    # Re-assignment and transfer -----------------------------------------

    def test_reassign_keeps_the_history(self):
        """Re-assigning moves the request away from an absent agent, on the chatter."""
        request = self._create_request()
        first = request.user_id
        self._leave(first, "2026-03-01 00:00:00", "2026-03-31 00:00:00")
        request.with_user(self.manager).action_grc_reassign()
        self.assertNotEqual(request.user_id, first)
        self.assertTrue(request.user_id)
        note = request.message_ids[0]
        self.assertIn(
            f"Re-assigned from {first.name} to {request.user_id.name}", note.body
        )
        self.assertEqual(note.author_id, self.manager.partner_id)

    def test_reassign_refused_for_manual_service(self):
        """Re-assigning a request of a manual service says to choose by hand."""
        request = self._create_request(team_id=self.team_other.id)
        with self.assertRaisesRegex(UserError, "assigns its requests by hand"):
            request.action_grc_reassign()

    def test_transfer_needs_a_reason_and_is_on_the_chatter(self):
        """A transfer says why, is on the chatter, and assigns in the new service."""
        self.team_other.assignment_mode = "least_loaded"
        request = self._create_request()
        wizard_form = Form(
            self.env["grc.ticket.transfer"]
            .with_user(request.user_id)
            .with_context(default_ticket_id=request.id)
        )
        wizard_form.team_id = self.team_other
        wizard_form.reason = "   "
        wizard = wizard_form.save()
        with self.assertRaisesRegex(UserError, "Say why"):
            wizard.action_transfer()
        wizard.reason = "Arbre tombé sur la chaussée : espaces verts."
        agent = request.user_id
        result = wizard.action_transfer()
        # No longer theirs: the agent goes back to their queue, told where.
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("Espaces verts", result["params"]["message"])
        self.assertEqual(result["params"]["next"]["res_model"], "helpdesk.ticket")
        self.assertEqual(request.team_id, self.team_other)
        self.assertEqual(request.routing_origin, "transfer")
        self.assertEqual(request.user_id, self.bruno)
        note = request.message_ids[0]
        self.assertIn("Transferred from", note.body)
        self.assertIn("Espaces verts", note.body)
        self.assertIn("Arbre tombé sur la chaussée", note.body)
        self.assertEqual(note.author_id, agent.partner_id)

    def test_transfer_to_a_direction_or_same_service_is_refused(self):
        """Transfers go to another service, never to a direction."""
        request = self._create_request()
        with self.assertRaisesRegex(UserError, "is a direction"):
            request._grc_transfer(self.direction, "Mauvais service")
        with self.assertRaisesRegex(UserError, "already in"):
            request._grc_transfer(self.team_voirie, "Même service")

    def test_reroute_records_the_move(self):
        """Re-routing after a new rule moves the request and says so."""
        request = self._create_request(team_id=False)
        self.assertEqual(request.team_id, self.team_voirie)
        rule = self.env["grc.routing.rule"].create(
            {"name": "Arbres", "keywords": "lampadaire", "team_id": self.team_other.id}
        )
        request.action_grc_reroute()
        self.assertEqual(request.team_id, self.team_other)
        self.assertEqual(request.routing_rule_id, rule)
        self.assertFalse(request.user_id)
        note = request.message_ids[0]
        self.assertIn("Re-routed from", note.body)
        self.assertIn("Arbres", note.body)
