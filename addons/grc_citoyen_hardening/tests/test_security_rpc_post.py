# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a citizen posts by RPC (message_post called by a portal account)."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon


@tagged("post_install", "-at_install")
class TestCitizenRpcPost(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_helene = new_test_user(
            cls.env,
            login="rpcpost_helene",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
            email="helene.nunez@example.fr",
        )
        cls.user_marc = new_test_user(
            cls.env,
            login="rpcpost_marc",
            groups="base.group_portal",
            name="Marc Lefebvre",
            email="marc.lefebvre@example.fr",
        )
        cls.user_marc.partner_id.is_citizen = True
        cls.request_helene = cls._create_request()

    def _as(self, user, records):
        return records.with_user(user)

    # ------------------------------------------------------------------
    # Messages
    # ------------------------------------------------------------------

    def _post(self, user, **kwargs):
        values = {"body": "Toujours en panne.", "message_type": "comment"}
        values.update(kwargs)
        return self._as(user, self.request_helene).message_post(
            subtype_xmlid="mail.mt_comment", **values
        )

    def test_citizen_posts_a_comment(self):
        """A plain comment on the citizen's own request goes through, as them."""
        message = self._post(self.user_helene)
        self.assertEqual(message.sudo().author_id, self.citizen)

    def test_citizen_cannot_notify_strangers(self):
        """A citizen's message cannot be mailed to a contact chosen by id."""
        with self.assertRaises(AccessError):
            self._post(self.user_helene, partner_ids=self.user_marc.partner_id.ids)

    def test_refusal_names_only_a_readable_record(self):
        """Refused on a request they may not read, a citizen does not learn
        its name from the error; on their own request the error names it."""
        request_marc = self._create_request(
            partner_id=self.user_marc.partner_id.id, name="Dossier confidentiel"
        )
        with self.assertRaises(AccessError) as refusal:
            self._as(self.user_helene, request_marc).message_post(
                body="x", message_type="comment", email_from="x@example.fr"
            )
        self.assertNotIn("confidentiel", str(refusal.exception))
        self.assertNotIn(request_marc.number, str(refusal.exception))
        with self.assertRaises(AccessError) as refusal:
            self._post(self.user_helene, email_from="mairie@ville.example.fr")
        self.assertIn(self.request_helene.number, str(refusal.exception))

    def test_citizen_cannot_sign_as_someone_else(self):
        """Neither another author, another sender address nor an e-mail type."""
        for kwargs in (
            {"email_from": "mairie@ville.example.fr"},
            {"author_id": self.user_marc.partner_id.id},
            {"message_type": "email"},
        ):
            with self.subTest(**kwargs), self.assertRaises(AccessError):
                self._post(self.user_helene, **kwargs)
