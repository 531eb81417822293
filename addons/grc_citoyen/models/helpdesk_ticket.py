# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """A citizen request is a helpdesk ticket with a type, a public reference,
    a place and the dates a public service is measured on."""

    _inherit = "helpdesk.ticket"

    request_type_id = fields.Many2one(
        comodel_name="grc.request.type",
        string="Request type",
        index=True,
        tracking=True,
    )
    is_confidential = fields.Boolean(
        compute="_compute_is_confidential",
        store=True,
        index=True,
        help="Visible only to the agents of its service.",
    )
    grc_state = fields.Selection(
        related="stage_id.grc_state", store=True, index=True, string="Status"
    )
    support_need_ids = fields.Many2many(
        related="partner_id.support_need_ids", string="Citizen support needs"
    )
    support_note = fields.Text(related="partner_id.support_note")
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    # Where the request is about (a street lamp, a pothole...).
    location_street = fields.Char(string="Street")
    location_zip = fields.Char(string="Postal code", index=True)
    location_city = fields.Char(string="City")
    location_district = fields.Char(string="District", index=True)
    location_latitude = fields.Float(string="Latitude", digits=(10, 7))
    location_longitude = fields.Float(string="Longitude", digits=(10, 7))
    received_date = fields.Datetime(
        string="Received on",
        default=fields.Datetime.now,
        required=True,
        index=True,
        tracking=True,
        help="When the authority received the request (a letter may be "
        "registered days after it arrived).",
    )
    first_response_date = fields.Datetime(
        copy=False, index=True, help="First answer sent to the citizen."
    )
    resolution_date = fields.Datetime(copy=False, index=True, tracking=True)
    closure_date = fields.Datetime(copy=False, index=True)
    resolution = fields.Html(
        help="What was done; told to the citizen when the request is resolved."
    )

    _sql_constraints = [
        (
            "number_company_uniq",
            "unique(number, company_id)",
            "Two requests cannot share the same reference.",
        ),
    ]

    @api.depends("request_type_id.is_confidential", "team_id.is_confidential")
    def _compute_is_confidential(self):
        for ticket in self:
            ticket.is_confidential = (
                ticket.request_type_id.is_confidential or ticket.team_id.is_confidential
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._grc_prepare_request_values(vals)
        return super().create(vals_list)

    def _grc_prepare_request_values(self, vals):
        """Complete the values of a new request before it is created.

        The decision engines (routing, assignment) plug in here, so that every
        intake path (portal, e-mail, API, front desk) gets the same treatment.
        """
        return vals

    def _prepare_ticket_number(self, values):
        """Citizens get a public reference DEM-YYYY-NNNNNN instead of HTnnnnn."""
        seq = self.env["ir.sequence"]
        if "company_id" in values:
            seq = seq.with_company(values["company_id"])
        return seq.next_by_code("grc.request") or super()._prepare_ticket_number(values)
