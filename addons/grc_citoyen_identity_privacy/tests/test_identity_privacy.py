# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestIdentityPrivacy(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env.ref("grc_citoyen_identity.provider_franceconnect")
        cls.user = new_test_user(
            cls.env,
            login="certified@example.test",
            groups="base.group_portal",
            name="Angela Dubois",
            email="certified@example.test",
        )
        cls.user.write({"oauth_provider_id": cls.provider.id, "oauth_uid": "fc-sub"})
        cls.partner = cls.user.partner_id
        cls.partner._grc_apply_certified_identity(
            {
                "sub": "fc-sub",
                "given_name": "Angela Claire",
                "family_name": "Dubois",
                "birthdate": "1962-08-24",
                "birthplace": "75107",
                "birthcountry": "99100",
                "email": "certified@example.test",
            },
            cls.provider,
        )

    def test_download_includes_the_certified_identity(self):
        data, _files = self.partner.with_user(self.user)._grc_personal_data_export()
        certified = data["profile"]["certified_identity"]
        self.assertEqual(certified["given_names"], "Angela Claire")
        self.assertEqual(certified["date_of_birth"], "1962-08-24")
        self.assertEqual(certified["place_of_birth"], "75107")
        self.assertEqual(certified["certified_by"], "FranceConnect")

    def test_anonymisation_removes_the_certified_identity_and_the_link(self):
        self.assertTrue(self.partner.grc_identity_certified)
        self.env["grc.retention.engine"]._anonymise_citizens(self.partner)
        partner = self.partner.with_context(active_test=False)
        self.assertFalse(partner.grc_identity_certified)
        for fname in (
            "grc_certified_given_names",
            "grc_certified_family_name",
            "grc_certified_birthdate",
            "grc_certified_birthplace",
            "grc_certified_email",
        ):
            self.assertFalse(partner[fname], fname)
        user = self.user.with_context(active_test=False)
        self.assertFalse(user.oauth_uid)
        self.assertFalse(user.oauth_provider_id)
