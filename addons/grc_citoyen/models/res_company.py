# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    grc_opening_hours = fields.Text(
        string="Opening hours",
        help="Opening hours of the front desk, shown to citizens on the home "
        "page of the website (and on the contact page and in the footer with "
        "grc_citoyen_accessibility).",
    )
    grc_reopen_days = fields.Integer(
        string="Reopen window (days)",
        default=15,
        help="Days after a request is resolved during which it can be reopened; "
        "resolved requests are closed automatically once this window has passed.",
    )
    grc_triage_team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Triage service",
        domain="[('is_direction', '=', False)]",
        help="Receives the requests that no routing rule and no request type "
        "sends to a service.",
    )

    _sql_constraints = [
        (
            "grc_reopen_days_positive",
            "CHECK(grc_reopen_days >= 0)",
            "The reopen window cannot be negative.",
        ),
    ]
