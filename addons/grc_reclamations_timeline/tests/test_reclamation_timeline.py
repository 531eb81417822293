# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.grc_reclamations.tests.common import ReclamationCommon


class TestReclamationTimeline(ReclamationCommon):
    """A complaint shows on its citizen's timeline to whoever reads it: its
    responsible service and the complaints officers, nobody else."""

    def test_complaint_line_follows_the_complaint(self):
        complaint = self._create_reclamation(responsible_team_id=self.team_voirie.id)
        frontdesk = new_test_user(
            self.env,
            login="rec-timeline-desk",
            groups="grc_citoyen.group_grc_frontdesk",
        )
        domain = [("partner_id", "=", self.citizen.id), ("kind", "=", "complaint")]
        timeline = self.env["grc.citizen.timeline"]
        for user in (self.agent_voirie, self.officer):
            with self.subTest(user=user.login):
                line = timeline.with_user(user).search(domain)
                self.assertEqual(
                    (line.res_model, line.res_id), (complaint._name, complaint.id)
                )
                self.assertIn(complaint.subject, line.name)
        for user in (self.agent_ccas, frontdesk):
            with self.subTest(user=user.login):
                self.assertFalse(timeline.with_user(user).search(domain))
