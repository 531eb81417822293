# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.urls import url_encode

from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk


class GrcCustomerPortalHelpdesk(CustomerPortalHelpdesk):
    """One place for citizens to follow their requests: /my/requests.

    helpdesk_mgmt's ticket pages show the same requests without the public
    timeline rules (agent contact details, every stage): they send citizens
    to the GRC pages, access token included.
    """

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_tickets(self, **kw):
        return request.redirect("/my/requests", code=301)

    @http.route(
        ["/my/ticket/<int:ticket_id>"], type="http", auth="public", website=True
    )
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        query = f"?{url_encode({'access_token': access_token})}" if access_token else ""
        return request.redirect(f"/my/requests/{ticket_id}{query}", code=301)
