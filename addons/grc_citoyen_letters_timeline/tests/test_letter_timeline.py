# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.grc_citoyen_letters.tests.test_letter import LetterCommon


class TestLetterTimeline(LetterCommon):
    """A letter by post shows on its citizen's timeline, on the channel
    *Post*, and opens its request."""

    def test_letter_on_the_citizen_timeline(self):
        ticket = self._create_request()
        self.env["grc.letter"]._grc_queue(ticket, "message")
        lines = self.env["grc.citizen.timeline"].search(
            [("partner_id", "=", ticket.partner_id.id), ("kind", "=", "letter")]
        )
        self.assertEqual(lines.ticket_id, ticket)
        self.assertEqual(
            lines.channel_id, self.env.ref("grc_citoyen.helpdesk_ticket_channel_post")
        )
