# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from .common import GrcPilotageCommon


class TestKpiInteraction(GrcPilotageCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        values = [
            (cls.channel_phone, cls.team_voirie, False),
            (cls.channel_phone, cls.team_voirie, False),
            (cls.channel_phone, cls.team_voirie, cls.req_lamp_open),
            (cls.channel_desk, cls.team_cleaning, False),
            (cls.channel_desk, cls.team_ccas, False),
        ]
        cls.interactions = cls.env["grc.interaction"].create(
            [
                {
                    "name": "Question sur un lampadaire",
                    "partner_id": cls.citizen.id,
                    "channel_id": channel.id,
                    "team_id": team.id,
                    "ticket_id": ticket and ticket.id,
                    "date": datetime(2026, 1, 20, 10, 0),
                }
                for channel, team, ticket in values
            ]
        )

    def _figures(self, groupby):
        return {
            key: (count, requests, fcr)
            for key, count, requests, fcr in self.env[
                "grc.kpi.interaction"
            ]._read_group(
                [("id", "in", self.interactions.ids)],
                [groupby],
                ["__count", "request_count:sum", "first_contact_resolution:avg"],
            )
        }

    def test_first_contact_resolution_per_channel(self):
        """Contacts answered on the spot make the first-contact resolution rate."""
        per_channel = self._figures("channel_id")
        count, requests, fcr = per_channel[self.channel_phone]
        self.assertEqual((count, requests), (3, 1))
        self.assertAlmostEqual(fcr, 200 / 3)
        self.assertEqual(per_channel[self.channel_desk], (2, 0, 100.0))

    def test_direction_month_and_confidentiality(self):
        """Contacts carry the direction, local month and confidentiality of
        their service."""
        per_direction = self._figures("direction_id")
        self.assertEqual(per_direction[self.direction][0], 4)
        per_month = self._figures("month:month")
        self.assertEqual(per_month[date(2026, 1, 1)][0], 5)
        confidential = self.env["grc.kpi.interaction"].search(
            [("id", "in", self.interactions.ids), ("is_confidential", "=", True)]
        )
        self.assertEqual(len(confidential), 1)
        self.assertEqual(confidential.team_id, self.team_ccas)

    def test_no_personal_data_in_the_view(self):
        """The indicator views expose no citizen, subject nor notes."""
        for model in ("grc.kpi.interaction", "grc.kpi.request"):
            fields = self.env[model]._fields
            for name in ("partner_id", "name", "notes", "description"):
                self.assertNotIn(name, fields, f"{model}.{name}")
