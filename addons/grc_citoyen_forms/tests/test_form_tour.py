# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GrcFormsCommon


@tagged("post_install", "-at_install")
class TestFormTour(GrcFormsCommon, HttpCase):
    def test_terrace_permit(self):
        """A café owner files the terrace permit (a question shown by an
        answer, two documents); the agent refuses the insurance certificate;
        the citizen sends another one from the portal."""
        new_test_user(
            self.env,
            login="helene_terrasse",
            groups="base.group_portal",
            partner_id=self.citizen.id,
            email=self.citizen.email,
        )
        agent = new_test_user(
            self.env, login="agent_terrasse", groups="grc_citoyen.group_grc_agent"
        )
        self.team_voirie.user_ids = [(4, agent.id)]
        self.start_tour(
            f"/demarches/{self.type_terrace.id}/nouvelle",
            "grc_forms_terrace_file",
            login="helene_terrasse",
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("request_type_id", "=", self.type_terrace.id)]
        )
        self.assertEqual(len(ticket), 1)
        answers = {answer.key: answer for answer in ticket.grc_form_answer_ids}
        self.assertTrue(answers["chauffage"].value_bool)
        self.assertEqual(answers["type_chauffage"].value_char, "Électrique")
        self.assertEqual(answers["siret"].value_char, "73282932000074")
        self.assertEqual(len(ticket.grc_document_ids), 2)

        # The agent refuses the insurance certificate.
        insurance = ticket.grc_document_ids.filtered(
            lambda d: d.document_id == self.doc_insurance
        ).with_user(agent)
        insurance.refusal_reason = "Le certificat a expiré."
        insurance.action_grc_to_replace()
        self.assertEqual(insurance.state, "to_replace")
        first_file = insurance.attachment_id

        self.start_tour(
            f"/my/requests/{ticket.id}",
            "grc_forms_terrace_replace",
            login="helene_terrasse",
        )
        self.assertEqual(insurance.state, "received")
        self.assertEqual(insurance.attachment_id.name, "assurance-2026.pdf")
        self.assertNotEqual(insurance.attachment_id, first_file)
