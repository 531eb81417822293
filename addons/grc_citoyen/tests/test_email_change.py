# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

from freezegun import freeze_time

from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import GrcAccountsCommon

NEIGHBOUR = "voisine.martin@example.fr"


class EmailChangeMixin:
    """Reads what the e-mail change flow mailed."""

    def _mails_to(self, address):
        return self.env["mail.mail"].sudo().search([("email_to", "ilike", address)])

    def _confirm_url(self, address):
        mails = self._mails_to(address).filtered(
            lambda mail: "/my/account/email/" in (mail.body_html or "")
        )
        self.assertEqual(len(mails), 1, f"one confirmation link to {address}")
        url = re.search(r'href="([^"]*/my/account/email/[^"]+)"', mails.body_html)
        return url.group(1).replace("&amp;", "&")

    def _token(self, address):
        return parse_qs(urlparse(self._confirm_url(address)).query)["token"][0]

    def assertEmailUnchanged(self, partner, email):
        partner.invalidate_recordset()
        self.assertEqual(partner.email, email)


@tagged("post_install", "-at_install")
class TestEmailChangeVerified(EmailChangeMixin, GrcAccountsCommon):
    """A citizen's account takes a new address only once the link mailed to
    that address is opened, whoever asks for it and on whichever path."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.frontdesk = new_test_user(
            cls.env,
            login="email_frontdesk",
            groups="grc_citoyen.group_grc_frontdesk,base.group_partner_manager",
        )
        cls.old_email = cls.citizen.email

    def test_rpc_by_portal_user_refused(self):
        """A citizen writing their partner or user over RPC changes nothing,
        nor marks their address verified."""
        for records, values in (
            (self.citizen, {"email": NEIGHBOUR}),
            (self.user_a, {"email": NEIGHBOUR}),
            (self.citizen_b, {"email": NEIGHBOUR}),
            (self.citizen, {"grc_email_verified": True}),
            (self.user_a, {"grc_email_verified": True}),
        ):
            with self.subTest(model=records._name, values=values):
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    records.with_user(self.user_a).write(values)
        self.assertEmailUnchanged(self.citizen, self.old_email)
        self.assertFalse(self.citizen.grc_email_verified)
        self.assertFalse(
            any((self.citizen | self.citizen_b).mapped("grc_email_pending"))
        )
        self.assertFalse(self._mails_to(NEIGHBOUR))

    def test_front_desk_change_goes_through_link(self):
        """An agent changing the address of a citizen with an account only
        sends the link to the new address."""
        self.citizen.with_user(self.frontdesk).write(
            {"email": NEIGHBOUR, "street": "3 rue Neuve"}
        )
        self.assertEmailUnchanged(self.citizen, self.old_email)
        self.assertEqual(self.citizen.street, "3 rue Neuve")
        self.assertEqual(self.citizen.grc_email_pending, NEIGHBOUR)
        self.assertTrue(self._confirm_url(NEIGHBOUR))
        self.assertEqual(len(self._mails_to(self.old_email)), 1)
        # The context flag of the confirmation is no way round, over RPC.
        self.citizen_b.with_user(self.frontdesk).with_context(
            grc_email_change_confirmed=True
        ).write({"email": NEIGHBOUR})
        self.assertEmailUnchanged(self.citizen_b, "bruno@example.fr")
        self.assertEqual(self.citizen_b.grc_email_pending, NEIGHBOUR)
        # Through the user too (the administrator's user form).
        self.user_b.write({"email": "bruno.nouveau@example.fr"})
        self.assertEmailUnchanged(self.citizen_b, "bruno@example.fr")
        self.assertEqual(self.citizen_b.grc_email_pending, "bruno.nouveau@example.fr")

    def test_links_to_one_address_are_limited(self):
        """Asking again and again never floods the new address: past the
        per-address limit of the anonymous forms, the request is refused."""
        self.env["ir.config_parameter"].sudo().set_param(
            "grc_citoyen.throttle_mail_address_max", "2"
        )
        for _attempt in range(2):
            self.citizen.with_user(self.frontdesk).write({"email": NEIGHBOUR})
        with self.assertRaises(UserError):
            self.citizen.with_user(self.frontdesk).write({"email": NEIGHBOUR})
        self.assertEqual(len(self._mails_to(NEIGHBOUR)), 2)
        self.assertEmailUnchanged(self.citizen, self.old_email)

    def test_front_desk_corrects_citizen_without_account(self):
        """A citizen without an account keeps being corrected directly."""
        walk_in = self.env["res.partner"].create(
            {"name": "Sans Compte", "is_citizen": True, "email": "faute@exemple.fr"}
        )
        walk_in.with_user(self.frontdesk).write({"email": "juste@example.fr"})
        self.assertEqual(walk_in.email, "juste@example.fr")
        self.assertFalse(self._mails_to("juste@example.fr"))

    def test_nobody_marks_an_address_verified(self):
        """Staff cannot mark an address verified by hand."""
        with self.assertRaises(AccessError):
            self.citizen.with_user(self.frontdesk).write({"grc_email_verified": True})
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(AccessError):
            self.citizen.with_user(admin).write({"grc_email_pending": NEIGHBOUR})

    def test_forged_expired_and_replaced_links(self):
        """Only the last link mailed, before its expiry, changes the address."""
        self.citizen._grc_request_email_change(NEIGHBOUR)
        first = self._token(NEIGHBOUR)
        self.assertTrue(self.citizen._grc_confirm_email_change(first[:-2] + "00"))
        self.assertTrue(self.citizen._grc_confirm_email_change(""))
        # Another citizen's link does not work for this one.
        self.assertTrue(self.citizen_b._grc_confirm_email_change(first))
        self.assertEmailUnchanged(self.citizen_b, "bruno@example.fr")
        # A new request replaces the first link.
        self.citizen._grc_request_email_change("autre@example.fr")
        self.assertTrue(self.citizen._grc_confirm_email_change(first))
        self.assertEmailUnchanged(self.citizen, self.old_email)
        self.assertFalse(self.citizen.grc_email_verified)

    def test_expired_link(self):
        """A link opened after its expiry changes nothing."""
        self.citizen._grc_request_email_change(NEIGHBOUR)
        token = self._token(NEIGHBOUR)
        with freeze_time(fields.Datetime.now() + timedelta(days=3)):
            self.assertTrue(self.citizen._grc_confirm_email_change(token))
        self.assertEmailUnchanged(self.citizen, self.old_email)

    def test_conflict_with_verified_account(self):
        """An address another account has verified is not taken over."""
        self.citizen_b._grc_mark_email_verified()
        self.citizen._grc_request_email_change("bruno@example.fr")
        error = self.citizen._grc_confirm_email_change(self._token("bruno@example.fr"))
        self.assertIn("another account", error)
        self.assertEmailUnchanged(self.citizen, self.old_email)

    def test_invitation_link_verifies_the_address_it_was_sent_to(self):
        """Opening an invitation or password link proves the address; the
        address typed in the sign-up form is ignored."""
        self.assertFalse(self.citizen.grc_email_verified)
        partner = self.citizen.sudo()
        partner.signup_prepare(signup_type="reset")
        token = partner._generate_signup_token()
        self.env["res.users"].sudo().signup({"password": "Tr0ub4dor&3-new"}, token)
        self.assertTrue(self.citizen.grc_email_verified)
        invited = self.env["res.partner"].create(
            {"name": "Invitée", "is_citizen": True, "email": "invitee@example.fr"}
        )
        invited.sudo().signup_prepare()
        token = invited.sudo()._generate_signup_token()
        self.env["res.users"].sudo().signup(
            {"login": NEIGHBOUR, "email": NEIGHBOUR, "password": "Tr0ub4dor&3-x"},
            token,
        )
        self.assertEqual(invited.email, "invitee@example.fr")
        self.assertTrue(invited.grc_email_verified)

    def test_login_follows_the_address(self):
        """A login that was the old address becomes the new one."""
        self.user_a.login = self.old_email
        self.citizen._grc_request_email_change(NEIGHBOUR)
        self.citizen._grc_confirm_email_change(self._token(NEIGHBOUR))
        self.assertEqual(self.user_a.login, NEIGHBOUR)


@tagged("post_install", "-at_install")
class TestEmailChangePortal(EmailChangeMixin, GrcAccountsCommon, HttpCase):
    """The account page asks for the change; the link mailed confirms it."""

    def _post_account(self, **values):
        self.authenticate("citizen_a", "citizen_a")
        data = {
            "name": self.citizen.name,
            "email": self.citizen.email,
            "phone": "+33 6 12 34 56 78",
            "street": "12 rue des Lilas",
            "city": "Lyon",
            "country_id": self.env.ref("base.fr").id,
            "csrf_token": http.Request.csrf_token(self),
        }
        data.update(values)
        return self.url_open("/my/account", data=data, allow_redirects=False)

    def test_account_page_then_link(self):
        old_email = self.citizen.email
        response = self._post_account(email=NEIGHBOUR)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my/account"))
        self.assertEmailUnchanged(self.citizen, old_email)
        self.assertEqual(self.citizen.street, "12 rue des Lilas")
        page = self.url_open("/my/account")
        self.assertIn(NEIGHBOUR, page.text)
        self.assertEqual(len(self._mails_to(old_email)), 1)
        url = urlparse(self._confirm_url(NEIGHBOUR))
        # Opened from the new mailbox, signed in or not.
        self.authenticate(None, None)
        forged = self.url_open(f"{url.path}?token=forged")
        self.assertEqual(forged.status_code, 400)
        self.assertEmailUnchanged(self.citizen, old_email)
        done = self.url_open(f"{url.path}?{url.query}")
        self.assertEqual(done.status_code, 200)
        self.assertIn(NEIGHBOUR, done.text)
        self.assertEmailUnchanged(self.citizen, NEIGHBOUR)
        self.assertTrue(self.citizen.grc_email_verified)
        self.assertEqual(self.url_open(f"{url.path}?{url.query}").status_code, 400)

    def test_verify_current_address(self):
        """An account whose address is not verified asks for a link to it."""
        self.authenticate("citizen_a", "citizen_a")
        self.assertIn("not verified", self.url_open("/my/account").text)
        response = self.url_open(
            "/my/account/email/verify",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        url = urlparse(self._confirm_url(self.citizen.email))
        self.assertEqual(self.url_open(f"{url.path}?{url.query}").status_code, 200)
        self.assertTrue(self.citizen.grc_email_verified)
