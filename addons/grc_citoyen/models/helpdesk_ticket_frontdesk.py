# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class HelpdeskTicket(models.Model):
    """Intake from the front-desk console."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _grc_intake_errors(self, values):
        """The front desk also files démarches not offered online (social
        services' appointments...): only an archived type is refused there."""
        errors = super()._grc_intake_errors(values)
        if "request_type_id" in errors and self._grc_is_frontdesk_intake():
            request_type = (
                self.env["grc.request.type"]
                .sudo()
                .browse(int(values.get("request_type_id") or 0))
                .exists()
            )
            if request_type.active:
                del errors["request_type_id"]
        return errors

    @api.model
    def _grc_is_frontdesk_intake(self):
        """Filed from the console by a front-desk agent (never a citizen)."""
        return bool(
            self.env.context.get("grc_frontdesk_intake")
            and self.env.user._is_internal()
            and self.env.user.has_group("grc_citoyen.group_grc_frontdesk")
        )
