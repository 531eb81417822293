# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class GrcHelpdeskTicketController(HelpdeskTicketController):
    """helpdesk_mgmt's citizen-facing form is replaced by the démarches catalogue.

    Its form files tickets without the intake checks (files, idempotency,
    citizen matching): every request goes through ``_grc_submit_request``.
    """

    @http.route("/new/ticket", type="http", auth="user", website=True)
    def create_new_ticket(self, **kw):
        return request.redirect("/demarches", code=303)

    @http.route("/submitted/ticket", type="http", auth="user", website=True, csrf=True)
    def submit_ticket(self, **kw):
        return request.redirect("/demarches", code=303)

    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], csrf=True)
    def support_ticket_close(self, ticket_id=None, stage_id=None, **kw):
        """Close a request from the portal, as its citizen.

        helpdesk_mgmt searches the ticket with sudo() on a GET route, so any
        logged-in user could close anybody's ticket by its id. The request's
        own method decides, as the caller, and writes the stage only.
        """
        try:
            ticket_id, stage_id = int(ticket_id), int(stage_id)
        except (TypeError, ValueError) as exc:
            raise NotFound() from exc
        ticket = request.env["helpdesk.ticket"].browse(ticket_id).exists()
        stage = request.env["helpdesk.ticket.stage"].browse(stage_id).exists()
        try:
            ticket._grc_portal_close(stage)
        except (AccessError, MissingError, ValueError) as exc:
            # Same answer whether the request does not exist or is not theirs.
            raise NotFound() from exc
        except ValidationError as exc:
            raise Forbidden() from exc
        return request.redirect(f"/my/requests/{ticket.id}")
