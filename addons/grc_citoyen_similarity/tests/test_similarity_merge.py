# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .test_similarity import LAT, LON, SimilarityCommon


@tagged("post_install", "-at_install")
class TestRequestMerge(SimilarityCommon):
    """Duplicates are merged into a surviving request whose resolution reaches
    every citizen concerned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen_marc = cls.env["res.partner"].create(
            {"name": "Marc Lefebvre", "email": "marc@example.fr", "is_citizen": True}
        )
        cls.citizen_lea = cls.env["res.partner"].create(
            {"name": "Léa Martin", "email": "lea@example.fr", "is_citizen": True}
        )
        cls.duplicate = cls._create_request(
            partner_id=cls.citizen_marc.id,
            location_latitude=LAT,
            location_longitude=LON,
        )
        cls.agent = new_test_user(
            cls.env, login="agent_merge", groups="grc_citoyen.group_grc_agent"
        )
        cls.team_voirie.user_ids = [(4, cls.agent.id)]

    def _merge(self, tickets, target, user=None):
        wizard_model = self.env["grc.request.merge"]
        if user:
            wizard_model = wizard_model.with_user(user)
            tickets = tickets.with_user(user)
        action = tickets.action_grc_open_merge()
        with Form(wizard_model.with_context(**action["context"])) as wizard:
            wizard.target_id = target
        return wizard.record.action_merge()

    def test_merge_cancels_the_duplicate(self):
        """The merged request is a cancelled duplicate saying where it went."""
        action = self._merge(self.duplicate, self.report, user=self.agent)
        self.assertEqual(action["res_id"], self.report.id)
        self.assertEqual(self.duplicate.duplicate_id, self.report)
        self.assertEqual(self.duplicate.grc_state, "cancelled")
        self.assertIn(
            f"Merged into {self.report.number}", self.duplicate.grc_resolution
        )
        self.assertEqual(self.report.duplicate_ids, self.duplicate)
        self.assertEqual(self.report.grc_state, "new")
        told = self.duplicate.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
        )
        self.assertIn(self.report.number, told[:1].body)

    def test_merged_citizens_are_affected_not_followers(self):
        """The survivor reaches the merged citizens without showing them its data."""
        self._merge(self.duplicate, self.report)
        self.assertEqual(
            self.report._grc_affected_partners(), self.citizen | self.citizen_marc
        )
        self.assertEqual(self.report.grc_affected_count, 2)
        # Followers of a ticket may read it on the portal: never another citizen.
        self.assertNotIn(self.citizen_marc, self.report.message_partner_ids)

    def test_earlier_merges_follow_the_survivor(self):
        """Requests merged into a request that is merged in turn follow the survivor."""
        third = self._create_request(partner_id=self.citizen_lea.id)
        self._merge(third, self.duplicate)
        self._merge(self.duplicate, self.report)
        self.assertEqual(third.duplicate_id, self.report)
        self.assertEqual(
            self.report._grc_affected_partners(),
            self.citizen | self.citizen_marc | self.citizen_lea,
        )

    def test_merge_in_the_actions_menu(self):
        """The merge is reachable from the Actions menu of the agent."""
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.agent)
            .get_bindings("helpdesk.ticket")["action"]
        )
        self.assertIn(
            self.env.ref("grc_citoyen_similarity.helpdesk_ticket_action_grc_merge").id,
            {action["id"] for action in bindings},
        )

    def test_merge_from_a_list(self):
        """Several selected requests merge into one of them."""
        third = self._create_request(partner_id=self.citizen_lea.id)
        wizard = (
            self.env["grc.request.merge"]
            .with_context(
                active_model="helpdesk.ticket",
                active_ids=(self.report | self.duplicate | third).ids,
            )
            .create({"target_id": self.report.id})
        )
        self.assertEqual(wizard.ticket_ids, self.report | self.duplicate | third)
        wizard.action_merge()
        self.assertEqual(self.report.duplicate_ids, self.duplicate | third)
        self.assertFalse(self.report.duplicate_id)

    def test_refused_merges(self):
        """No merge into itself, into a finished or merged request, nor of one."""
        with self.assertRaisesRegex(UserError, "into itself"):
            self.report._grc_merge_into(self.report)
        self._resolve(self.duplicate)
        with self.assertRaisesRegex(UserError, "still being handled"):
            self.report._grc_merge_into(self.duplicate)
        with self.assertRaisesRegex(UserError, "only open"):
            self.duplicate._grc_merge_into(self.report)

    def test_resolution_tells_every_citizen_concerned(self):
        """Resolving the survivor tells the other citizens, naming nobody."""
        self._merge(self.duplicate, self.report)
        self.report.grc_affected_partner_ids = self.citizen_lea
        self._resolve(self.report)
        subtype = self.env.ref(
            "grc_citoyen_similarity.mt_grc_request_affected_resolved"
        )
        message = self.report.message_ids.filtered(lambda m: m.subtype_id == subtype)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.citizen_marc | self.citizen_lea)
        self.assertIn(self.report.number, message.body)
        self.assertNotIn(self.citizen.name, message.body)
        self.assertNotIn("lampadaire devant", message.body.lower())
        notified = message.notification_ids.res_partner_id
        self.assertEqual(notified, self.citizen_marc | self.citizen_lea)
