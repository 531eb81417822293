# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.grc_citoyen.tests.test_security_confidential import (
    ConfidentialCommon,
)


class TestSlaEscalationConfidentiality(ConfidentialCommon):
    """The escalation of a confidential request stays within its service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Escalation = cls.env["grc.sla.escalation"]
        cls.escalation_ccas = Escalation.create(
            {"ticket_id": cls.request_ccas.id, "kind": "breached"}
        )
        cls.escalation_voirie = Escalation.create(
            {"ticket_id": cls.request_voirie.id, "kind": "breached"}
        )

    def test_frontdesk_does_not_read_confidential_escalations(self):
        for user in self.outsiders:
            with self.subTest(user=user.login):
                self.assertHidden(self.escalation_ccas, user, {"reassigned": True})
                self.assertTrue(self.escalation_voirie.with_user(user).read(["kind"]))

    def test_service_agent_reads_its_escalations(self):
        escalation = self.escalation_ccas.with_user(self.agent_ccas)
        self.assertEqual(escalation.read(["kind"])[0]["kind"], "breached")
