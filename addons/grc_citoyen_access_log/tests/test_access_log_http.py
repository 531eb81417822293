# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import TICKET_FORM, AccessLogCommon


@tagged("post_install", "-at_install")
class TestAccessLogHttp(HttpCase, AccessLogCommon):
    """Through the web client's own calls: the route and the screen are
    logged, and the read/write transaction of a form open holds the log."""

    def call_kw(self, model, method, args, kwargs=None, screen=None):
        headers = {"Referer": f"{self.base_url()}{screen}"} if screen else {}
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            headers=headers,
        )

    def test_form_open_logs_route_and_screen(self):
        """Opening a request from the back office names the call and the page."""
        self.authenticate(self.agent.login, self.agent.login)
        screen = f"/odoo/action-123/{self.request.id}"
        self.call_kw(
            "helpdesk.ticket",
            "web_read",
            [[self.request.id]],
            {"specification": TICKET_FORM},
            screen=f"{screen}?debug=1",
        )
        entry = self.entries(res_id=self.request.id, model_name="helpdesk.ticket")
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.route, "/web/dataset/call_kw/helpdesk.ticket/web_read")
        self.assertEqual(entry.screen, screen)
        self.assertEqual(entry.user_ref, self.agent.id)

    def test_export_through_rpc_is_logged(self):
        """An export of citizens names the route and each citizen."""
        self.authenticate(self.agent.login, self.agent.login)
        self.call_kw(
            "res.partner",
            "export_data",
            [[self.citizen.id], ["name", "email"]],
        )
        entry = self.entries(operation="export")
        self.assertEqual(entry.citizen_ref, self.citizen.id)
        self.assertEqual(entry.route, "/web/dataset/call_kw/res.partner/export_data")

    def test_list_view_is_not_logged(self):
        """The list of requests is not a consultation of each of them."""
        self.authenticate(self.agent.login, self.agent.login)
        self.call_kw(
            "helpdesk.ticket",
            "web_search_read",
            [],
            {"domain": [("id", "=", self.request.id)], "specification": TICKET_FORM},
        )
        self.assertFalse(self.entries())
