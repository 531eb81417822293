# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GrcCommon
from .french_screens import FrenchScreensMixin
from .test_notification import NotificationCommon


class TestResolveAndClose(NotificationCommon):
    """ "Resolve and close": one click when nothing is left to do."""

    def _started(self):
        ticket = self._submit()
        self._move(ticket, self.stage_in_progress)
        return ticket

    def test_resolved_then_closed_citizen_told_both(self):
        """The request ends closed with both dates; the citizen gets the
        answer (with the resolution) and the closure, not only the latter."""
        ticket = self._started()
        before = self._mails(ticket)
        ticket.grc_resolution = "<p>Lampadaire remplacé.</p>"
        ticket.action_grc_resolve_and_close()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(ticket.grc_state, "closed")
        self.assertTrue(ticket.resolution_date)
        self.assertTrue(ticket.closure_date)
        answer, closure = self._mails(ticket) - before
        self.assertIn("has been handled", answer.subject)
        self.assertIn("Lampadaire remplacé.", answer.body_html)
        self.assertIn("is closed", closure.subject)
        self.assertEqual((answer | closure).recipient_ids, self.citizen)

    def test_without_resolution_nothing_changes(self):
        """Without a resolution the request stays as it was, with the reason."""
        ticket = self._started()
        with self.assertRaisesRegex(UserError, "Describe the resolution"):
            ticket.action_grc_resolve_and_close()
        self.assertEqual(ticket.grc_state, "in_progress")


@tagged("post_install", "-at_install")
class TestAgentJourneyTour(HttpCase, FrenchScreensMixin, GrcCommon):
    """The agent's main journey in a browser at 1366 × 768, in French,
    counted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._grc_load_french()
        cls.agent = new_test_user(
            cls.env,
            login="journey-agent",
            name="Julien Roux",
            groups="grc_citoyen.group_grc_agent",
            lang="fr_FR",
        )
        cls.team_voirie.user_ids = [(4, cls.agent.id)]
        # Where a request put in the wrong service is transferred to.
        cls.team_parks = cls.env["helpdesk.ticket.team"].create(
            {"name": "Espaces verts", "code": "ESV", "parent_id": cls.direction.id}
        )
        qualified = cls.env.ref("grc_citoyen.helpdesk_ticket_stage_qualified")
        now = fields.Datetime.now()
        cls.late = cls._create_request(
            name="Lampadaire en retard", user_id=cls.agent.id, stage_id=qualified.id
        )
        cls.later = cls._create_request(
            name="Trottoir abîmé",
            description="<p>Une dalle du trottoir est descellée.</p>",
            user_id=cls.agent.id,
            stage_id=qualified.id,
        )
        # The citizen and the agent who had the request before follow it:
        # the reply's recipients, to be shown by name.
        previous = new_test_user(
            cls.env,
            login="journey-previous",
            name="Marc Dupont",
            email="voirie@example.com",
            groups="grc_citoyen.group_grc_agent",
        )
        cls.late.message_subscribe(partner_ids=(cls.citizen | previous.partner_id).ids)
        cls.env.flush_all()
        # The late one is the oldest deadline of the queue, past by two days.
        for request, deadline in (
            (cls.late, now - timedelta(days=2)),
            (cls.later, now + timedelta(days=4)),
        ):
            cls.env.cr.execute(
                "UPDATE helpdesk_ticket SET grc_sla_deadline = %s WHERE id = %s",
                (deadline, request.id),
            )
        # Filed five months ago and never moved since: "5 mois" in its stage.
        cls.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
            (now - timedelta(days=155), cls.late.id),
        )
        cls.env.invalidate_all()

    def test_oldest_late_request_answered_and_closed_in_six_clicks(self):
        """Landing on their queue, the agent opens the oldest late request,
        replies to the citizen, takes it in hand, resolves and closes it: six
        clicks and no scroll (the issue counted 17 clicks and 5 scrolls). On
        the way, French as agents speak it: "5 mois" in a stage, not "5m.";
        "Ctrl + Entrée" to send, not "CTRL + Saisir"."""
        self.start_tour("/odoo", "grc_agent_journey", login="journey-agent")
        self.assertEqual(self.late.grc_state, "closed")
        self.assertIn("Lampadaire remplacé", self.late.grc_resolution)
        answer = self.late.message_ids.filtered(
            lambda m: "remplacé jeudi matin" in (m.body or "")
        )
        self.assertEqual(answer.author_id, self.agent.partner_id)
        self.assertIn(self.citizen, answer.notified_partner_ids | answer.partner_ids)
        self.assertEqual(self.later.grc_state, "qualified")

    def test_transfer_with_a_reason_in_three_clicks(self):
        """From their queue, the agent sends a request to the right service
        with the reason: three clicks, Alt+T and Tab (the issue counted ten
        clicks). The request out of their reach, they are back on their
        queue, told where it went."""
        self.start_tour("/odoo", "grc_agent_transfer", login="journey-agent")
        self.assertEqual(self.later.team_id, self.team_parks)
        self.assertEqual(self.later.routing_origin, "transfer")
        self.assertIn("les espaces verts s'en chargent", self.later.routing_trace)
        self.assertEqual(self.late.team_id, self.team_voirie)
