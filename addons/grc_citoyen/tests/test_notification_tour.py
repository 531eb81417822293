# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .test_notification import NotificationCommon


@tagged("post_install", "-at_install")
class TestAgentAnswerTour(HttpCase, NotificationCommon):
    def test_agent_answers_citizen_sees_answer(self):
        """An agent answers from the request; the citizen reads it on the portal."""
        new_test_user(
            self.env,
            login="helene",
            groups="base.group_portal",
            partner_id=self.citizen.id,
            email="helene.nunez@example.fr",
        )
        self.agent.write({"password": "agent_voirie"})
        ticket = self._submit(name="Lampadaire éteint rue des Lilas")
        self.start_tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "grc_agent_answer",
            login="agent_voirie",
        )
        answer = ticket.message_ids.filtered(
            lambda m: "Nous passerons jeudi matin" in (m.body or "")
        )
        self.assertEqual(answer.author_id, self.agent.partner_id)
        self.assertTrue(ticket.first_response_date)
        self.start_tour(
            f"/my/requests/{ticket.id}", "grc_citizen_sees_answer", login="helene"
        )
