# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.grc_citoyen_satisfaction.tests.test_satisfaction import (
    SatisfactionCommon,
)


@tagged("post_install", "-at_install")
class TestSatisfactionTimeline(SatisfactionCommon):
    def test_answer_on_the_citizen_timeline(self):
        """The answer is on the citizen's timeline, with its score, as
        confidential as its request."""
        ticket = self._closed_request()
        Timeline = self.env["grc.citizen.timeline"]
        domain = [
            ("partner_id", "=", ticket.partner_id.id),
            ("kind", "=", "satisfaction"),
        ]
        self.assertFalse(Timeline.search(domain))
        self._answer(ticket, 7)
        line = Timeline.search(domain)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.date, ticket.satisfaction_date)
        self.assertEqual(line.ticket_id, ticket)
        self.assertIn("(7/10)", line.name)
        self.assertEqual(line.is_confidential, ticket.is_confidential)
