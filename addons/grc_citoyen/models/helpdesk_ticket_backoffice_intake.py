# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class HelpdeskTicket(models.Model):
    """Requests registered by an agent (``grc_backoffice_intake`` in the
    context): a letter received by post, for instance."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _grc_intake_errors(self, values):
        """Agents may register a request of a type not offered online (a
        letter asks for whatever it wants)."""
        errors = super()._grc_intake_errors(values)
        if (
            "request_type_id" in errors
            and self.env.context.get("grc_backoffice_intake")
            and values.get("request_type_id")
        ):
            # sudo: as the core's check: read whatever the agent's companies.
            request_type = (
                self.env["grc.request.type"]
                .sudo()
                .browse(int(values["request_type_id"]))
                .exists()
            )
            if request_type.active:
                errors.pop("request_type_id")
        return errors

    @api.model
    def _grc_intake_ticket_values(self, values, partner, company):
        """A letter registered days after it arrived keeps its arrival date."""
        vals = super()._grc_intake_ticket_values(values, partner, company)
        if values.get("received_date"):
            vals["received_date"] = values["received_date"]
        return vals
