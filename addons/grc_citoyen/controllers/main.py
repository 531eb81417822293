# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class GrcHelpdeskTicketController(HelpdeskTicketController):
    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], csrf=True)
    def support_ticket_close(self, ticket_id=None, stage_id=None, **kw):
        """Close a request from the portal, as the citizen who can read it.

        helpdesk_mgmt searches the ticket with sudo() on a GET route, so any
        logged-in user could close anybody's ticket by its id.
        """
        try:
            ticket_id, stage_id = int(ticket_id), int(stage_id)
        except (TypeError, ValueError) as exc:
            raise NotFound() from exc
        ticket = request.env["helpdesk.ticket"].browse(ticket_id).exists()
        # Same answer whether the request does not exist or is not theirs.
        if not ticket or not ticket.has_access("read"):
            raise NotFound()
        ticket_sudo = ticket.sudo()
        stage = ticket_sudo._grc_portal_close_stages().filtered(
            lambda s: s.id == stage_id
        )
        if not stage:
            raise Forbidden()
        ticket_sudo.stage_id = stage
        return request.redirect(f"/my/ticket/{ticket_sudo.id}")

    def _prepare_submit_ticket_vals(self, **kw):
        """Only accept a category the portal offers.

        helpdesk_mgmt browses whatever id is posted and takes the company of
        that category: a crafted form could file a request in a hidden
        category or in another authority.
        """
        category = str(kw.get("category") or "")
        if not category.isdigit() or int(category) not in self._get_categories().ids:
            kw["category"] = ""
        return super()._prepare_submit_ticket_vals(**kw)
