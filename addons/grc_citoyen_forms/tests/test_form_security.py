# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import GrcFormsCommon


@tagged("post_install", "-at_install")
class TestFormSecurity(GrcFormsCommon):
    """A citizen reads the answers and documents of their own requests only;
    a confidential request's stay within its service; answers are written by
    the intake only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.helene, cls.marc = cls._create_portal_users("forms")
        tickets = cls.env["helpdesk.ticket"]
        cls.ticket_helene = tickets._grc_submit_request(cls._intake_values())
        cls.ticket_marc = tickets._grc_submit_request(
            cls._intake_values(partner_id=cls.marc.partner_id.id)
        )
        cls.type_terrace.is_confidential = False
        cls.type_social = cls.type_terrace.copy(
            {"code": "SOC", "is_confidential": True, "team_id": cls.team_ccas.id}
        )
        cls.ticket_social = tickets._grc_submit_request(
            cls._intake_values(
                request_type_id=cls.type_social.id,
                partner_id=cls.marc.partner_id.id,
                form_documents={
                    cls.type_social.grc_document_ids[0].id: [
                        ("kbis.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
                    ]
                },
            )
        )
        cls.agent_voirie = new_test_user(
            cls.env,
            login="agent_voirie_forms",
            groups="grc_citoyen.group_grc_agent",
        )
        cls.team_voirie.user_ids = [(4, cls.agent_voirie.id)]

    def test_portal_reads_own_answers_only(self):
        answers = self.env["grc.form.answer"].with_user(self.helene)
        self.assertEqual(
            answers.search([]).ticket_id, self.ticket_helene, "only Hélène's request"
        )
        self.assertTrue(
            self.ticket_helene.grc_form_answer_ids.with_user(self.helene).read(
                ["display_value"]
            )
        )
        with self.assertRaises(AccessError):
            self.ticket_marc.grc_form_answer_ids.with_user(self.helene).read(
                ["display_value"]
            )
        documents = self.env["grc.request.document"].with_user(self.helene)
        self.assertEqual(documents.search([]).ticket_id, self.ticket_helene)
        with self.assertRaises(AccessError):
            self.ticket_marc.grc_document_ids.with_user(self.helene).read(["name"])

    def test_portal_cannot_write(self):
        answer = self.ticket_helene.grc_form_answer_ids[0].with_user(self.helene)
        with self.assertRaises(AccessError):
            answer.write({"display_value": "modifié"})
        with self.assertRaises(AccessError):
            self.env["grc.form.answer"].with_user(self.helene).create(
                {"ticket_id": self.ticket_helene.id, "key": "x"}
            )
        document = self.ticket_helene.grc_document_ids.with_user(self.helene)
        with self.assertRaises(AccessError):
            document.action_grc_valid()
        with self.assertRaises(AccessError):
            self.type_terrace.grc_question_ids[0].with_user(self.helene).write(
                {"name": "x"}
            )

    def test_confidential_answers_stay_in_their_service(self):
        answers = self.env["grc.form.answer"].with_user(self.agent_voirie)
        self.assertFalse(answers.search([("ticket_id", "=", self.ticket_social.id)]))
        self.assertTrue(answers.search([("ticket_id", "=", self.ticket_helene.id)]))
        with self.assertRaises(AccessError):
            self.ticket_social.grc_document_ids.with_user(self.agent_voirie).read(
                ["name"]
            )
        # The agent of the service checks the documents of their requests.
        document = self.ticket_helene.grc_document_ids.with_user(self.agent_voirie)
        document.action_grc_valid()
        self.assertEqual(document.state, "valid")
