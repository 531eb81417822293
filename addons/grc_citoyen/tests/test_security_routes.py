# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Routes of Odoo and of its addons that citizens and visitors reach.

The inventory of every public or portal route and its verdict is in
readme/CONFIGURE.md (section Security); these tests pin the verdicts.
"""

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import GrcCommon

# A 1x1 PNG picture, base64.
PICTURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAA"
    "AElFTkSuQmCC"
)


class SecurityRoutesCommon(GrcCommon):
    """A citizen with a request and a message of the service on it, another
    citizen, an agent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_helene = new_test_user(
            cls.env,
            login="sec_helene",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
            email="helene.nunez@example.fr",
        )
        cls.user_marc = new_test_user(
            cls.env,
            login="sec_marc",
            groups="base.group_portal",
            name="Marc Lefebvre",
            email="marc.lefebvre@example.fr",
        )
        cls.user_marc.partner_id.is_citizen = True
        cls.agent = new_test_user(
            cls.env,
            login="sec_agent",
            groups="base.group_user,grc_citoyen.group_grc_agent",
            name="Agent Voirie",
        )
        cls.request_helene = cls._create_request()
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "plan.txt",
                "raw": b"Plan du quartier",
                "res_model": "helpdesk.ticket",
                "res_id": cls.request_helene.id,
            }
        )
        cls.message = cls.request_helene.message_post(
            body="Nous passons demain.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=cls.agent.partner_id.id,
            attachment_ids=cls.attachment.ids,
        )
        # A real picture, so that it differs from the placeholder.
        cls.citizen.image_1920 = PICTURE

    def _login(self, user):
        self.authenticate(user.login, user.login)


@tagged("post_install", "-at_install")
class TestSecurityRoutes(HttpCase, SecurityRoutesCommon):
    # ------------------------------------------------------------------
    # Information about the server
    # ------------------------------------------------------------------

    def test_database_manager_closed(self):
        """The database manager and its listing are closed (list_db = False)."""
        response = self.url_open("/web/database/selector")
        self.assertNotIn(self.env.cr.dbname, response.text)
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/web/database/list")

    # ------------------------------------------------------------------
    # Accounts: sign-up, password reset, own details
    # ------------------------------------------------------------------

    def test_signup_without_invitation_closed(self):
        """Nobody opens an account without the town hall's invitation."""
        self.assertEqual(self.url_open("/web/signup").status_code, 404)

    def test_password_reset_tells_nothing_about_accounts(self):
        """Password reset answers the same for a known and an unknown address."""
        self.env["ir.config_parameter"].sudo().set_param(
            "auth_signup.reset_password", True
        )
        self.authenticate(None, None)
        answers = []
        for login in ("marc.lefebvre@example.fr", "nobody@example.fr"):
            response = self.url_open(
                "/web/reset_password",
                data={"login": login, "csrf_token": http.Request.csrf_token(self)},
            )
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("No account found", response.text)
            answers.append("Password reset instructions sent" in response.text)
        self.assertEqual(answers, [True, True])

    def _post_account(self, **values):
        partner = self.user_helene.partner_id
        data = {
            "name": partner.name,
            "email": partner.email,
            "phone": "+33 6 12 34 56 78",
            "street": "12 rue des Lilas",
            "city": "Lyon",
            "country_id": self.env.ref("base.fr").id,
            "csrf_token": http.Request.csrf_token(self),
        }
        data.update(values)
        return self.url_open("/my/account", data=data, allow_redirects=False)

    def test_account_page_keeps_the_email(self):
        """A new address typed on the account page is only asked for: the
        account keeps its address until the link mailed to it is opened."""
        self._login(self.user_helene)
        response = self._post_account(email="someone.else@example.fr")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.citizen.email, "helene.nunez@example.fr")
        self.assertEqual(self.citizen.grc_email_pending, "someone.else@example.fr")

    def test_account_page_updates_the_address(self):
        """The rest of the details form still saves (same e-mail, new street)."""
        self._login(self.user_helene)
        response = self._post_account(email="Helene.Nunez@example.fr")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.citizen.street, "12 rue des Lilas")
        self.assertEqual(self.citizen.email, "helene.nunez@example.fr")

    def test_account_page_refuses_citizen_fields(self):
        """Citizen number and flags are not fields of the details form."""
        number = self.citizen.citizen_number
        self._login(self.user_helene)
        response = self._post_account(citizen_number="CIT-9999999", is_citizen="")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Unknown field", response.text)
        self.assertEqual(self.citizen.citizen_number, number)
        self.assertTrue(self.citizen.is_citizen)

    # ------------------------------------------------------------------
    # Files and pictures of other people
    # ------------------------------------------------------------------

    def test_attachment_not_served_by_id(self):
        """A request's file is not served by its id, to anybody but staff."""
        url = f"/web/content/{self.attachment.id}"
        self.assertEqual(self.url_open(url).status_code, 404)
        self._login(self.user_marc)
        self.assertEqual(self.url_open(url).status_code, 404)
        self.assertEqual(
            self.url_open(
                f"/web/content/ir.attachment/{self.attachment.id}/raw"
            ).status_code,
            404,
        )

    def test_attachment_served_with_its_token(self):
        """The citizen's request page links the file with its access token."""
        self.request_helene._grc_portal_attachments()
        self._login(self.user_helene)
        response = self.url_open(
            f"/web/content/{self.attachment.id}"
            f"?access_token={self.attachment.access_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"Plan du quartier")

    def test_avatars_of_others_are_placeholders(self):
        """Another citizen's picture comes back as the anonymous placeholder."""
        placeholder = self.url_open("/web/image/res.partner/0/avatar_128").content
        for url in (
            f"/web/image/res.partner/{self.citizen.id}/avatar_128",
            f"/web/image/res.partner/{self.citizen.id}/image_128",
            f"/web/image/res.users/{self.user_helene.id}/avatar_128",
        ):
            self._login(self.user_marc)
            self.assertEqual(self.url_open(url).content, placeholder, url)
            self.authenticate(None, None)
            self.assertEqual(self.url_open(url).content, placeholder, url)
        self._login(self.user_helene)
        own = self.url_open(f"/web/image/res.partner/{self.citizen.id}/avatar_128")
        self.assertNotEqual(own.content, placeholder)

    def test_message_links_reveal_nothing(self):
        """Links to an agent's message do not show it to another citizen."""
        self._login(self.user_marc)
        for url in (
            f"/mail/message/{self.message.id}",
            f"/mail/view?model=helpdesk.ticket&res_id={self.request_helene.id}",
        ):
            response = self.url_open(url)
            self.assertNotIn("Nous passons demain", response.text, url)
            self.assertNotIn(self.request_helene.name, response.text, url)
