# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Routes of Odoo's addons narrowed by controllers/security.py."""

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.grc_citoyen.tests.test_security_routes import SecurityRoutesCommon


@tagged("post_install", "-at_install")
class TestNarrowedRoutes(HttpCase, SecurityRoutesCommon):
    def test_website_info_hidden_from_visitors(self):
        """/website/info (installed modules, version) is a 404 for visitors."""
        response = self.url_open("/website/info")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("helpdesk", response.text.lower())

    def test_website_info_hidden_from_citizens(self):
        """/website/info is a 404 for citizens too, and left to the staff."""
        self._login(self.user_marc)
        self.assertEqual(self.url_open("/website/info").status_code, 404)
        self._login(self.agent)
        self.assertEqual(self.url_open("/website/info").status_code, 200)

    def test_installed_modules_left_to_staff(self):
        """/web/session/modules lists the modules to the staff only."""
        self._login(self.user_marc)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/web/session/modules")
        self._login(self.agent)
        self.assertIn("grc_citoyen", self.make_jsonrpc_request("/web/session/modules"))

    def test_link_preview_of_any_url_for_staff_only(self):
        """The editor's preview of an external URL is not fetched for visitors."""
        params = {"preview_url": "https://intranet.example.org/"}
        route = "/html_editor/link_preview_external"
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(route, params)
        self._login(self.user_marc)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(route, params)
        self._login(self.agent)
        self.assertFalse(self.make_jsonrpc_request(route, params))

    def test_citizen_message_links_not_fetched(self):
        """The server does not fetch the links a citizen wrote in a message."""
        message = self.request_helene._grc_portal_post_message(
            self.citizen, "Voir http://127.0.0.1:5432/ et http://10.0.0.1/admin", []
        )
        self._login(self.user_helene)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/mail/link_preview", {"message_id": message.id})

    def test_visitor_cannot_subscribe_an_address(self):
        """An anonymous visitor cannot make an address follow a démarche."""
        self.type_lamp.is_published = True
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/website_mail/follow",
                {
                    "id": self.type_lamp.id,
                    "object": "grc.request.type",
                    "message_is_follower": "off",
                    "email": "victime@example.org",
                },
            )
        self.assertFalse(
            self.type_lamp.message_partner_ids.filtered(
                lambda p: p.email == "victime@example.org"
            )
        )

    def test_contact_form_sends_no_unsigned_copy(self):
        """The contact form cannot mail an address given in copy only."""
        self.url_open(
            "/website/form/mail.mail",
            data={
                "email_from": "x@example.org",
                "email_cc": "victime@example.org",
                # Any value: the signature is only checked with an email_to.
                "website_form_signature": "x",
                "subject": "Votre dossier",
                "body": "Cliquez ici",
            },
        )
        self.assertFalse(
            self.env["mail.mail"].search([("email_cc", "ilike", "victime@")])
        )
