# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a citizen's portal account can do by calling the models itself
(/web/dataset/call_kw, /jsonrpc, /xmlrpc run the methods as the user)."""

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.auth_signup.models.res_partner import SignupError

from .common import CitizenRpcCommon


@tagged("post_install", "-at_install")
class TestCitizenRpcRights(CitizenRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request_helene = cls._create_request()
        cls.request_marc = cls._create_request(
            name="Trottoir abîmé", partner_id=cls.user_marc.partner_id.id
        )

    # ------------------------------------------------------------------
    # Other citizens' data
    # ------------------------------------------------------------------

    def test_citizen_cannot_read_another_citizen(self):
        """Marc reads neither Hélène's request nor her contact record."""
        with self.assertRaises(AccessError):
            self._as(self.user_marc, self.request_helene).read(["name"])
        with self.assertRaises(AccessError):
            self._as(self.user_marc, self.citizen).read(["name", "email"])
        tickets = self.env["helpdesk.ticket"].with_user(self.user_marc).search([])
        self.assertEqual(tickets, self.request_marc)
        partners = (
            self.env["res.partner"]
            .with_user(self.user_marc)
            .search([("is_citizen", "=", True)])
        )
        self.assertNotIn(self.citizen, partners)

    # ------------------------------------------------------------------
    # Agents' actions on the citizen's own records
    # ------------------------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_citizen_cannot_move_own_request(self):
        """The life cycle actions of agents are refused on the citizen's request."""
        own = self._as(self.user_helene, self.request_helene)
        for method in (
            "action_grc_qualify",
            "action_grc_cancel",
            "action_grc_reroute",
            "action_grc_reassign",
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(own, method)()
        self.assertEqual(self.request_helene.grc_state, "new")

    def test_citizen_cannot_reopen_by_rpc(self):
        """Reopening goes through the portal page and its checks, not RPC."""
        self._resolve(self.request_helene)
        with self.assertRaises(AccessError):
            self._as(self.user_helene, self.request_helene).action_grc_reopen()
        self.assertEqual(self.request_helene.grc_state, "resolved")

    # ------------------------------------------------------------------
    # Own account
    # ------------------------------------------------------------------

    def test_citizen_cannot_change_email_by_rpc(self):
        """The e-mail address that identifies a citizen is not self-writeable."""
        with self.assertRaises(AccessError):
            self._as(self.user_marc, self.user_marc).write(
                {"email": "helene.nunez@example.fr"}
            )
        self.assertEqual(self.user_marc.email, "marc.lefebvre@example.fr")

    def test_citizen_keeps_own_preferences(self):
        """Other preferences of the citizen's own user remain theirs."""
        self._as(self.user_marc, self.user_marc).write({"tz": "Europe/Paris"})
        self.assertEqual(self.user_marc.tz, "Europe/Paris")

    # ------------------------------------------------------------------
    # Sign-up
    # ------------------------------------------------------------------

    def _open_signup(self):
        self.env["website"].search([]).auth_signup_uninvited = "b2c"

    def _signup(self, **values):
        self._open_signup()
        data = {
            "login": "nouveau@example.fr",
            "name": "Nouveau Citoyen",
            "password": "Un mot de passe long !",
        }
        data.update(values)
        return self.env["res.users"].sudo().signup(data)

    def _users(self, login="nouveau@example.fr"):
        return (
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", login)])
        )

    def test_signup_creates_a_portal_account(self):
        """A sign-up makes a portal account, not an internal one."""
        self._signup()
        self.assertTrue(self._users().share)

    def test_signup_cannot_ask_for_groups(self):
        """Values of a sign-up cannot make an internal user."""
        group_user = self.env.ref("base.group_user")
        with self.assertRaisesRegex(SignupError, "portal accounts"):
            self._signup(groups_id=[(6, 0, group_user.ids)])
        self.assertFalse(self._users())

    def test_signup_refused_with_internal_template(self):
        """A template user turned internal by mistake creates no account."""
        template = self.env.ref("base.template_portal_user_id")
        template.groups_id = [(6, 0, self.env.ref("base.group_user").ids)]
        with self.assertRaisesRegex(SignupError, "portal accounts"):
            self._signup()
        self.assertFalse(self._users())

    def test_citizen_cannot_sign_up_others(self):
        """A portal account cannot create users through the sign-up method."""
        self._open_signup()
        # Odoo's sign-up reports the AccessError of the copy as a SignupError.
        with self.assertRaises(SignupError):
            self.env["res.users"].with_user(self.user_marc).signup(
                {"login": "autre@example.fr", "name": "Autre", "password": "x" * 12}
            )
        self.assertFalse(self._users("autre@example.fr"))
