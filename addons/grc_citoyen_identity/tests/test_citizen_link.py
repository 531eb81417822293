# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import OidcCase
from .test_oidc_checks import IDENTITY


@tagged("post_install", "-at_install")
class TestCitizenLink(OidcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen = new_test_user(
            cls.env,
            login="angela.dubois@example.test",
            password="angela-password-1",
            groups="base.group_portal",
            name="Angie Dubois",
            email="angela.dubois@example.test",
        )
        cls.citizen.partner_id.is_citizen = True

    def _users_count(self):
        return self.env["res.users"].with_context(active_test=False).search_count([])

    def test_verified_email_links_the_existing_citizen(self):
        self.citizen.partner_id._grc_mark_email_verified()
        count = self._users_count()
        response = self.sign_in(self.fc, "fc-sub-9", identity=IDENTITY)
        self.assertNotIn("grc_oidc_error", response.headers["Location"])
        self.assertEqual(self.session_uid(), self.citizen.id)
        self.assertEqual(self.citizen.oauth_uid, "fc-sub-9")
        self.assertEqual(self._users_count(), count)
        partner = self.citizen.partner_id
        # What the citizen wrote stays; the certified identity is apart.
        self.assertEqual(partner.name, "Angie Dubois")
        self.assertEqual(partner.grc_certified_given_names, "Angela Claire Louise")
        self.assertEqual(str(partner.birthdate), "1962-08-24", "was empty: filled")

    def test_unverified_email_is_refused_not_duplicated(self):
        count = self._users_count()
        partners = self.env["res.partner"].search_count([])
        response = self.sign_in(self.fc, "fc-sub-9", identity=IDENTITY)
        self.assertRefused(response, "link_needed")
        self.assertEqual(self._users_count(), count)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertFalse(self.citizen.oauth_uid)

    def test_citizen_without_account_verified(self):
        """A citizen known at the town hall, whose address was verified,
        gets their account on their own record."""
        partner = self.env["res.partner"].create(
            {"name": "Paul Martin", "is_citizen": True, "email": "paul@example.test"}
        )
        partner._grc_mark_email_verified()
        self.sign_in(
            self.fc, "fc-sub-10", identity=dict(IDENTITY, email="paul@example.test")
        )
        user = self.env["res.users"].search([("oauth_uid", "=", "fc-sub-10")])
        self.assertEqual(user.partner_id, partner)
        self.assertEqual(partner.name, "Paul Martin")

    def test_explicit_link_from_my_account(self):
        """Signed in with their password, the citizen links FranceConnect
        from "My account": the link is their confirmation."""
        self.authenticate(self.citizen.login, "angela-password-1")
        page = self.url_open("/my/account").text
        self.assertIn("grc_link_franceconnect", page)
        auth_url = self.start(self.fc, link=True)
        params = self.provider.authorize(auth_url, "fc-sub-11", identity=IDENTITY)
        response = self.callback(params)
        self.assertNotIn("grc_oidc_error", response.headers["Location"])
        self.assertTrue(response.headers["Location"].endswith("/my/account"))
        self.assertEqual(self.citizen.oauth_uid, "fc-sub-11")
        self.assertTrue(self.citizen.partner_id.grc_identity_certified)
        page = self.url_open("/my/account").text
        self.assertIn("grc_certified_identity", page)
        self.assertIn("Angela Claire Louise", page)

    def test_identity_of_another_account_is_not_linked(self):
        """Linking from "My account" an identity that signs in another
        account is refused: the citizen stays who they are."""
        self.sign_in(
            self.fc, "fc-sub-15", identity=dict(IDENTITY, email="z@example.test")
        )
        self.opener.cookies.clear()
        self.authenticate(self.citizen.login, "angela-password-1")
        auth_url = self.start(self.fc, link=True)
        params = self.provider.authorize(auth_url, "fc-sub-15", code="code-2")
        # Refused; the citizen is still signed in with their own account.
        self.assertRefused(self.callback(params), "linked_elsewhere", self.citizen.id)
        self.assertFalse(self.citizen.oauth_uid)

    def test_changes_of_the_citizen_are_kept(self):
        """A later sign-in refreshes the certified identity, never what the
        citizen changed since."""
        self.sign_in(
            self.fc, "fc-sub-12", identity=dict(IDENTITY, email="x@example.test")
        )
        user = self.env["res.users"].search([("oauth_uid", "=", "fc-sub-12")])
        partner = user.partner_id
        self.assertEqual(partner.name, "Angela Claire Louise Dubois")
        partner.name = "Angela Dubois-Martin"
        self.opener.cookies.clear()
        renamed = dict(IDENTITY, email="x@example.test", family_name="Durand")
        self.sign_in(self.fc, "fc-sub-12", identity=renamed, code="code-2")
        self.assertEqual(self.session_uid(), user.id)
        self.assertEqual(partner.name, "Angela Dubois-Martin")
        self.assertEqual(partner.grc_certified_family_name, "Durand")

    def test_untouched_name_follows_the_certified_one(self):
        self.sign_in(
            self.fc, "fc-sub-13", identity=dict(IDENTITY, email="y@example.test")
        )
        partner = (
            self.env["res.users"].search([("oauth_uid", "=", "fc-sub-13")]).partner_id
        )
        self.opener.cookies.clear()
        renamed = dict(IDENTITY, email="y@example.test", family_name="Durand")
        self.sign_in(self.fc, "fc-sub-13", identity=renamed, code="code-2")
        self.assertEqual(partner.name, "Angela Claire Louise Durand")

    def test_agent_address_is_not_a_citizen(self):
        new_test_user(
            self.env,
            login="agent.fc@example.test",
            groups="base.group_user",
            email="agent.fc@example.test",
        )
        response = self.sign_in(
            self.fc, "fc-sub-14", identity=dict(IDENTITY, email="agent.fc@example.test")
        )
        self.assertRefused(response, "agent_account")

    def test_certified_fields_are_not_writable_by_the_citizen(self):
        partner = self.citizen.partner_id
        with self.assertRaises(AccessError):
            partner.with_user(self.citizen).write({"grc_certified_family_name": "X"})
        other = new_test_user(
            self.env, login="other-citizen", groups="base.group_portal"
        )
        with self.assertRaises(AccessError):
            partner.with_user(other).read(["grc_certified_birthdate"])
