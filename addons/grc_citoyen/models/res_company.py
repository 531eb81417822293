# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


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

    @api.model
    def _grc_default_document_layout(self):
        """At installation: a document layout for the companies without one,
        so that the first letter printed does not open Odoo's layout wizard
        (with its invoice sample) instead."""
        layout = self.env.ref("web.external_layout_standard", raise_if_not_found=False)
        if layout:
            self.search([("external_report_layout_id", "=", False)]).write(
                {"external_report_layout_id": layout.id}
            )
