# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from odoo.addons.grc_citoyen_api.schemas.grc_api_v1 import RequestDetail

# What the API hands back of a request (its schema's fields).
API_FIELDS = tuple(RequestDetail.model_fields)


class HelpdeskTicket(models.Model):
    """Every way the API reaches one request (reading it, writing on it)
    goes through ``_grc_api_get``: it is logged there, once per call."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _grc_api_get(self, request_id):
        ticket = super()._grc_api_get(request_id)
        if ticket:
            self.env["grc.access.log"]._grc_log_api_read(ticket, API_FIELDS)
        return ticket
