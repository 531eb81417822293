# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ReclamationCommon


@tagged("post_install", "-at_install")
class TestReclamationRpcSecurity(ReclamationCommon):
    """What a citizen can do to their own complaint by calling the models
    themselves (JSON-RPC, XML-RPC): read it, nothing an officer does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="rec_rpc_portal",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
            email="helene.nunez@example.fr",
        )
        cls.reclamation = cls._create_reclamation()
        cls.other_user = new_test_user(
            cls.env,
            login="rec_rpc_other",
            groups="base.group_portal",
            email="paul.autre@example.fr",
        )

    def test_citizen_cannot_move_own_complaint(self):
        """The officer's actions are refused on the citizen's own complaint."""
        state = self.reclamation.state
        own = self.reclamation.with_user(self.portal_user)
        for method in (
            "action_admissible",
            "action_not_admissible",
            "action_start_analysis",
            "action_close",
            "action_convert_to_request",
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(own, method)()
        self.assertEqual(self.reclamation.state, state)
        self.assertFalse(self.reclamation.converted_ticket_id)

    def test_citizen_cannot_write_own_complaint(self):
        """Answer, justification and service are the officer's fields."""
        with self.assertRaises(AccessError):
            self.reclamation.with_user(self.portal_user).write(
                {"justification": "justified", "answer_body": "<p>Accordé.</p>"}
            )

    def test_citizen_cannot_mail_strangers_from_complaint(self):
        """A message on the complaint cannot be mailed to a contact by id."""
        with self.assertRaises(AccessError):
            self.reclamation.with_user(self.portal_user).message_post(
                body="Regardez",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.other_user.partner_id.ids,
            )

    def test_other_citizen_cannot_read_complaint(self):
        """Another citizen neither reads nor finds the complaint."""
        Reclamation = self.Reclamation.with_user(self.other_user)
        self.assertFalse(Reclamation.search([]))
        with self.assertRaises(AccessError):
            self.reclamation.with_user(self.other_user).read(["subject"])
