# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.grc_citoyen_appointment.tests.common import AppointmentCommon


@tagged("post_install", "-at_install")
class TestAppointmentTimeline(AppointmentCommon):
    """Appointments and call-backs on the citizen's timeline, as
    confidential as their service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_desk.grc_callback_enabled = True
        cls.agent_voirie = new_test_user(
            cls.env,
            login="rappel-voirie",
            name="Agent Voirie",
            groups="grc_citoyen.group_grc_agent",
        )
        cls.team_voirie.user_ids = [(4, cls.agent_voirie.id)]

    def test_timeline(self):
        team = self.team_desk.with_user(self.helene)
        start = team._grc_callback_periods()[0][0]
        callback = (
            self.env["grc.callback"]
            .with_user(self.helene)
            ._grc_request(
                team, self.helene.partner_id, "06 12 34 56 78", start, values={}
            )
        )
        appointment = self._book(user=self.helene)
        timeline = self.env["grc.citizen.timeline"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        lines = {(line.res_model, line.res_id): line for line in timeline}
        self.assertEqual(
            lines[("grc.callback", callback.id)].channel_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone"),
        )
        self.assertEqual(lines[("grc.callback", callback.id)].kind, "callback")
        line = lines[("grc.appointment", appointment.id)]
        self.assertEqual((line.kind, line.date), ("appointment", appointment.start))
        # Confidential service: its lines stay with it.
        self.team_desk.is_confidential = True
        Timeline = self.env["grc.citizen.timeline"]
        domain = [("res_model", "in", ("grc.callback", "grc.appointment"))]
        self.assertFalse(Timeline.with_user(self.agent_voirie).search(domain))
        self.assertEqual(len(Timeline.with_user(self.agent_1).search(domain)), 2)
