# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common_api import GrcApiClientCase, GrcApiCommon


@tagged("post_install", "-at_install")
class TestApiTokenIssuance(GrcApiClientCase):
    """A token acts as its citizen: only the citizen makes one, and it dies
    with the citizen's password and sessions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.frontdesk = new_test_user(
            cls.env, login="token_frontdesk", groups="grc_citoyen.group_grc_frontdesk"
        )
        cls.agent = new_test_user(
            cls.env, login="token_agent", groups="grc_citoyen.group_grc_agent"
        )
        cls.grc_admin = new_test_user(
            cls.env, login="token_grc_admin", groups="grc_citoyen.group_grc_admin"
        )

    def _token_values(self, user):
        tokens = self.env["grc.api.token"]
        return {
            "user_id": user.id,
            "token_hash": tokens._grc_hash("grc_forged"),
            "expiry_date": fields.Datetime.now() + timedelta(days=1),
        }

    def test_no_staff_creates_a_token(self):
        """Neither the front desk, an agent nor the GRC administrator can
        create a token for a citizen, whatever the client."""
        for staff in (self.frontdesk, self.agent, self.grc_admin):
            with self.subTest(staff=staff.login), self.assertRaises(AccessError):
                self.env["grc.api.token"].with_user(staff).create(
                    self._token_values(self.user_b)
                )
        for staff in (self.frontdesk, self.grc_admin):
            with self.subTest(staff=staff.login), self.assertRaises(AccessError):
                self.citizen_b.with_user(staff).action_grc_issue_api_token()
        self.assertEqual(self.citizen_b.sudo().grc_api_token_ids, self.token_b_record)
        form = self.env["res.partner"].get_view(view_type="form")["arch"]
        self.assertNotIn("action_grc_issue_api_token", form)
        self.assertNotIn("grc.api.token.show", self.env)

    def test_staff_cannot_extend_nor_read_secret(self):
        """Staff see and revoke tokens; they neither prolong them nor read
        their hash."""
        later = fields.Datetime.now() + timedelta(days=3650)
        for staff in (self.frontdesk, self.grc_admin):
            token = self.token_b_record.with_user(staff)
            with self.subTest(staff=staff.login):
                self.assertEqual(token.partner_id, self.citizen_b)
                with self.assertRaises(AccessError):
                    token.write({"expiry_date": later})
                with self.assertRaises(AccessError):
                    token.read(["token_hash"])

    def test_staff_revokes(self):
        """The front desk can revoke a token: the app is signed out."""
        self.token_b_record.with_user(self.frontdesk).action_grc_revoke()
        self.assertEqual(self.token_b_record.state, "revoked")
        self.assertEqual(self.token_b_record.revoked_by_id, self.frontdesk)
        self.assertApiError(
            self._call("GET", "/me", self.token_b), 401, "invalid_token"
        )

    def test_citizen_cannot_revoke_others_by_rpc(self):
        """A citizen has no right on tokens outside their portal page."""
        with self.assertRaises(AccessError):
            self.token_b_record.with_user(self.user_a).action_grc_revoke()
        self.assertFalse(self.token_b_record.revoked_date)

    def test_password_change_revokes(self):
        """Changing the password signs every app of the account out."""
        self.user_a.with_user(self.user_a).change_password("citizen_a", "n3w-P4ss!")
        self.assertEqual(self.token_a_record.state, "revoked")
        self.assertApiError(
            self._call("GET", "/me", self.token_a), 401, "invalid_token"
        )
        self.assertEqual(self.token_b_record.state, "valid")

    def test_password_set_by_administrator_revokes(self):
        """A password set by an administrator (or by a reset link) ends
        the tokens too."""
        self.user_b.password = "reset-by-admin"
        self.assertEqual(self.token_b_record.state, "revoked")
        self.assertEqual(self.token_a_record.state, "valid")

    def test_logout_all_devices_revokes(self):
        """ "Log out from all devices" signs the mobile app out too."""
        # As res.users.action_revoke_all_devices runs it: on env.user (sudo).
        self.user_a.with_user(self.user_a).env.user._action_revoke_all_devices()
        self.assertEqual(self.token_a_record.state, "revoked")
        self.assertApiError(
            self._call("GET", "/me", self.token_a), 401, "invalid_token"
        )
        self.assertEqual(self.token_b_record.state, "valid")


@tagged("post_install", "-at_install")
class TestApiTokenDevices(GrcApiCommon, HttpCase):
    """On the portal, the citizen sees their devices and revokes them one by
    one; a new password from the portal ends them all."""

    def test_revoke_one_device(self):
        tablet, tablet_token = self.env["grc.api.token"]._grc_issue(
            self.user_a, "Tablette"
        )
        self.authenticate("citizen_a", "citizen_a")
        page = self.url_open("/my/security")
        self.assertIn("Phone A", page.text)
        self.assertIn("Tablette", page.text)
        self.assertIn(tablet.token_start, page.text)
        response = self.url_open(
            f"/my/security/mobile-app/{tablet.id}/revoke",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(tablet.state, "revoked")
        self.assertEqual(self.token_a_record.state, "valid")
        self.assertNotIn("Tablette", self.url_open("/my/security").text)
        me = "/api/grc/v1/me"
        refused = self.url_open(me, headers=self._headers(tablet_token))
        self.assertEqual(refused.status_code, 401)
        accepted = self.url_open(me, headers=self._headers(self.token_a))
        self.assertEqual(accepted.status_code, 200)

    @mute_logger("odoo.addons.base.models.res_users")
    def test_portal_password_change_revokes(self):
        self.authenticate("citizen_a", "citizen_a")
        response = self.url_open(
            "/my/security",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "old": "citizen_a",
                "new1": "Tr0ub4dor&3-new",
                "new2": "Tr0ub4dor&3-new",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.token_a_record.state, "revoked")
        self.assertEqual(self.token_b_record.state, "valid")
