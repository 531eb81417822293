# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.http import request

# The time zone of a French authority whose company gives none.
DEFAULT_TZ = "Europe/Paris"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _frontend_pre_dispatch(cls):
        """Visitors see the dates and times of the authority (the public
        user has no time zone, nor the first visit a browser's cookie, and
        the address of a visitor says nothing of the town hall's clock)."""
        res = super()._frontend_pre_dispatch()
        if request.env.user._is_public() or not request.env.context.get("tz"):
            website = request.env["website"].get_current_website()
            # sudo: the time zone of the authority, for the visitor's request.
            partner = website.company_id.sudo().partner_id
            request.update_context(tz=partner.tz or DEFAULT_TZ)
        return res
