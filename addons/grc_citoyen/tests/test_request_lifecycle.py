# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import GrcCommon

STATES = (
    "new",
    "qualified",
    "in_progress",
    "waiting",
    "resolved",
    "closed",
    "cancelled",
)

# The life cycle as the specification states it, independently of the code.
EXPECTED_MOVES = {
    "new": {"qualified", "in_progress", "cancelled"},
    "qualified": {"in_progress", "waiting", "cancelled"},
    "in_progress": {"waiting", "resolved", "cancelled"},
    "waiting": {"in_progress", "resolved", "cancelled"},
    "resolved": {"closed", "in_progress"},
    "closed": set(),
    "cancelled": set(),
}

STAGE_XMLIDS = {
    "new": "helpdesk_mgmt.helpdesk_ticket_stage_new",
    "qualified": "grc_citoyen.helpdesk_ticket_stage_qualified",
    "in_progress": "helpdesk_mgmt.helpdesk_ticket_stage_in_progress",
    "waiting": "helpdesk_mgmt.helpdesk_ticket_stage_awaiting",
    "resolved": "helpdesk_mgmt.helpdesk_ticket_stage_done",
    "closed": "grc_citoyen.helpdesk_ticket_stage_closed",
    "cancelled": "helpdesk_mgmt.helpdesk_ticket_stage_cancelled",
}


class GrcLifecycleCommon(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stages = {
            state: cls.env.ref(xmlid) for state, xmlid in STAGE_XMLIDS.items()
        }
        cls.agent = new_test_user(
            cls.env,
            login="agent_voirie_lc",
            groups="grc_citoyen.group_grc_agent",
            name="Agent Voirie",
        )
        cls.team_voirie.user_ids = cls.agent

    @classmethod
    def _request_in(cls, state, **values):
        values.setdefault("grc_resolution", "<p>Lampadaire remplacé.</p>")
        return cls._create_request(stage_id=cls.stages[state].id, **values)


class TestRequestTransitions(GrcLifecycleCommon):
    def test_map_is_the_specified_one(self):
        """The overridable map of moves is the life cycle of the specification."""
        moves = self.env["helpdesk.ticket"]._grc_allowed_transitions()
        self.assertEqual({k: set(v) for k, v in moves.items()}, EXPECTED_MOVES)

    def test_stages_stand_for_every_status(self):
        """Every request status has its stage in the data."""
        for state, stage in self.stages.items():
            self.assertEqual(stage.grc_state, state)

    def test_every_move_between_statuses(self):
        """Allowed moves succeed; every other move raises naming both stages."""
        for old in STATES:
            for new in STATES:
                if old == new:
                    continue
                with self.subTest(old=old, new=new):
                    request = self._request_in(old)
                    if new in EXPECTED_MOVES[old]:
                        request.stage_id = self.stages[new]
                        self.assertEqual(request.grc_state, new)
                    else:
                        old_name = re.escape(self.stages[old].name)
                        new_name = re.escape(self.stages[new].name)
                        pattern = f"{old_name}.*{new_name}"
                        with self.assertRaisesRegex(UserError, pattern):
                            request.stage_id = self.stages[new]
                        self.assertEqual(request.grc_state, old)

    def test_stages_without_status_are_free(self):
        """A stage without request status can be reached and left freely."""
        free_stage = self.env["helpdesk.ticket.stage"].create(
            {"name": "Sorting", "sequence": 50}
        )
        request = self._request_in("closed")
        request.stage_id = free_stage
        request.stage_id = self.stages["new"]
        self.assertEqual(request.grc_state, "new")

    def test_batch_move_checks_each_request(self):
        """Moving several requests at once refuses if one of them cannot move."""
        ok = self._request_in("in_progress")
        ko = self._request_in("cancelled")
        with self.assertRaises(UserError):
            (ok | ko).write({"stage_id": self.stages["waiting"].id})
        self.assertEqual(ok.grc_state, "in_progress")

    def test_buttons_follow_the_life_cycle(self):
        """Header buttons walk a request from new to closed."""
        request = self._create_request(user_id=self.agent.id)
        self.assertEqual(request.grc_state, "new")
        request.action_grc_qualify()
        self.assertEqual(request.grc_state, "qualified")
        request.action_grc_start()
        self.assertEqual(request.grc_state, "in_progress")
        request.action_grc_wait()
        self.assertEqual(request.grc_state, "waiting")
        request.action_grc_start()
        request.grc_resolution = "<p>Lampe changée le 3 mars.</p>"
        request.action_grc_resolve()
        self.assertEqual(request.grc_state, "resolved")
        request.action_grc_close()
        self.assertEqual(request.grc_state, "closed")

    def test_cancel_button(self):
        """A new request can be cancelled and then cannot be started again."""
        request = self._create_request()
        request.action_grc_cancel()
        self.assertEqual(request.grc_state, "cancelled")
        with self.assertRaises(UserError):
            request.action_grc_start()

    def test_resolve_requires_a_resolution(self):
        """Resolving without describing the resolution is refused clearly."""
        request = self._request_in("in_progress", grc_resolution=False)
        with self.assertRaisesRegex(UserError, "resolution"):
            request.action_grc_resolve()
        with self.assertRaisesRegex(UserError, "resolution"):
            request.stage_id = self.stages["resolved"]
        request.write(
            {
                "stage_id": self.stages["resolved"].id,
                "grc_resolution": "<p>Nid de poule rebouché.</p>",
            }
        )
        self.assertEqual(request.grc_state, "resolved")

    def test_reopen_only_resolved_or_closed(self):
        """Reopening a request that is not done is refused."""
        request = self._request_in("in_progress")
        with self.assertRaisesRegex(UserError, "reopened"):
            request.action_grc_reopen()

    def test_missing_stage_is_explained(self):
        """A service without a stage for the status gets a clear error."""
        self.stages["qualified"].team_ids = self.team_ccas
        request = self._create_request()
        with self.assertRaisesRegex(UserError, "Qualified"):
            request.action_grc_qualify()


class TestRequestDates(GrcLifecycleCommon):
    def test_resolution_and_closure_dates(self):
        """Resolving and closing stamp their dates; a reopen clears them."""
        with freeze_time("2026-03-02 09:00:00"):
            request = self._request_in("in_progress", user_id=self.agent.id)
        with freeze_time("2026-03-04 10:00:00"):
            request.action_grc_resolve()
        self.assertEqual(request.resolution_date, datetime(2026, 3, 4, 10, 0))
        # Nobody had answered: the resolution is the first answer.
        self.assertEqual(request.first_response_date, datetime(2026, 3, 4, 10, 0))
        with freeze_time("2026-03-05 11:00:00"):
            request.action_grc_close()
        self.assertEqual(request.closure_date, datetime(2026, 3, 5, 11, 0))
        with freeze_time("2026-03-06 08:00:00"):
            request.action_grc_reopen()
        self.assertEqual(request.grc_state, "in_progress")
        self.assertFalse(request.resolution_date)
        self.assertFalse(request.closure_date)
        self.assertEqual(request.first_response_date, datetime(2026, 3, 4, 10, 0))

    def test_reopen_resolved_request(self):
        """A resolved request reopens to in progress and loses its resolution date."""
        request = self._request_in("in_progress", user_id=self.agent.id)
        request.action_grc_resolve()
        request.action_grc_reopen()
        self.assertEqual(request.grc_state, "in_progress")
        self.assertFalse(request.resolution_date)
        self.assertEqual(request.user_id, self.agent)

    def test_reopen_closed_within_window_keeps_agent(self):
        """A closed request reopens within the window, to the same agent."""
        with freeze_time("2026-03-02 09:00:00"):
            request = self._request_in("in_progress", user_id=self.agent.id)
            request.action_grc_resolve()
            request.action_grc_close()
        with freeze_time("2026-03-16 09:00:00"):
            request.action_grc_reopen()
        self.assertEqual(request.grc_state, "in_progress")
        self.assertEqual(request.user_id, self.agent)

    def test_reopen_closed_after_window_is_refused(self):
        """A closed request cannot be reopened once the window has passed."""
        self.env.company.grc_reopen_days = 5
        with freeze_time("2026-03-02 09:00:00"):
            request = self._request_in("in_progress", user_id=self.agent.id)
            request.action_grc_resolve()
            request.action_grc_close()
        with (
            freeze_time("2026-03-07 09:00:01"),
            self.assertRaisesRegex(UserError, "no longer be reopened"),
        ):
            request.action_grc_reopen()
        self.assertEqual(request.grc_state, "closed")

    def test_reopen_context_does_not_bypass_window(self):
        """Writing the stage with the reopen context still checks the window."""
        with freeze_time("2026-01-02 09:00:00"):
            request = self._request_in("in_progress")
            request.action_grc_resolve()
            request.action_grc_close()
        with freeze_time("2026-03-02 09:00:00"), self.assertRaises(UserError):
            request.with_context(grc_reopen=True).stage_id = self.stages["in_progress"]

    def test_first_response_is_an_agent_message(self):
        """The first message an agent sends to the citizen stamps the first response."""
        request = self._request_in("in_progress", user_id=self.agent.id)
        with freeze_time("2026-03-02 09:00:00"):
            request.with_user(self.agent).message_post(
                body="Note interne",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self.assertFalse(request.first_response_date)
        with freeze_time("2026-03-02 10:00:00"):
            request.with_user(self.agent).message_post(
                body="Bonjour, une équipe passe demain.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(request.first_response_date, datetime(2026, 3, 2, 10, 0))
        with freeze_time("2026-03-03 10:00:00"):
            request.with_user(self.agent).message_post(
                body="C'est fait.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(request.first_response_date, datetime(2026, 3, 2, 10, 0))

    def test_first_response_ignores_citizen_and_system(self):
        """Messages of the citizen or of the system are not a first response."""
        portal = new_test_user(
            self.env, login="citizen_lc_portal", groups="base.group_portal"
        )
        request = self._request_in("in_progress", partner_id=portal.partner_id.id)
        request.with_user(portal).message_post(
            body="Toujours en panne",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        request.message_post(
            body="Accusé de réception",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.env.ref("base.partner_root").id,
        )
        request.message_post(body="Automatique", subtype_xmlid="mail.mt_comment")
        self.assertFalse(request.first_response_date)

    def test_dates_are_tracked_on_the_chatter(self):
        """Stage and date changes appear in the chatter of the request."""
        request = self._request_in("in_progress").with_context(
            tracking_disable=False, mail_notrack=False
        )
        # A request created in the transaction is not tracked before commit.
        self.env.cr.precommit.run()
        request.action_grc_resolve()
        request.action_grc_close()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = request.message_ids.tracking_value_ids.field_id.mapped("name")
        for field_name in (
            "stage_id",
            "resolution_date",
            "first_response_date",
            "closure_date",
        ):
            self.assertIn(field_name, tracked)


class TestRequestAutoClose(GrcLifecycleCommon):
    def _resolved_on(self, when, **values):
        with freeze_time(when):
            request = self._request_in("in_progress", **values)
            request.action_grc_resolve()
        return request

    def test_cron_closes_after_the_window(self):
        """The cron closes requests resolved longer ago than the window, only them."""
        old = self._resolved_on("2026-03-01 09:00:00")
        recent = self._resolved_on("2026-03-10 09:00:00")
        with freeze_time("2026-03-17 09:00:00"):
            self.env["helpdesk.ticket"]._cron_close_resolved_requests()
        self.assertEqual(old.grc_state, "closed")
        self.assertEqual(old.closure_date, datetime(2026, 3, 17, 9, 0))
        self.assertEqual(recent.grc_state, "resolved")

    def test_cron_is_idempotent(self):
        """Running the cron again changes nothing."""
        request = self._resolved_on("2026-03-01 09:00:00")
        with freeze_time("2026-03-20 09:00:00"):
            closed = self.env["helpdesk.ticket"]._cron_close_resolved_requests()
        self.assertEqual(closed, request)
        with freeze_time("2026-03-21 09:00:00"):
            closed = self.env["helpdesk.ticket"]._cron_close_resolved_requests()
        self.assertFalse(closed)
        self.assertEqual(request.closure_date, datetime(2026, 3, 20, 9, 0))

    def test_cron_works_in_batches(self):
        """A batch smaller than the backlog closes the oldest first, the rest later."""
        requests = self.env["helpdesk.ticket"]
        for day in ("01", "02", "03"):
            requests |= self._resolved_on(f"2026-03-{day} 09:00:00")
        with freeze_time("2026-04-01 09:00:00"):
            first = self.env["helpdesk.ticket"]._cron_close_resolved_requests(
                batch_size=2
            )
            second = self.env["helpdesk.ticket"]._cron_close_resolved_requests(
                batch_size=2
            )
        self.assertEqual(first, requests[:2])
        self.assertEqual(second, requests[2:])

    def test_window_is_configured_per_authority(self):
        """The reopen window of the company decides when requests close."""
        self.env.company.grc_reopen_days = 3
        request = self._resolved_on("2026-03-01 09:00:00")
        with freeze_time("2026-03-04 09:00:01"):
            self.env["helpdesk.ticket"]._cron_close_resolved_requests()
        self.assertEqual(request.grc_state, "closed")

    def test_cron_record_exists(self):
        """The cron is installed and active."""
        cron = self.env.ref("grc_citoyen.ir_cron_close_resolved_requests")
        self.assertTrue(cron.active)
        self.assertEqual(cron.model_id.model, "helpdesk.ticket")
