# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request
from odoo.osv import expression

from odoo.addons.grc_citoyen.controllers.portal import GrcCitizenPortal


class GrcMandatePortal(GrcCitizenPortal):
    """Representatives find the requests they filed for citizens among theirs."""

    def _grc_my_requests_domain(self):
        return expression.OR(
            [
                super()._grc_my_requests_domain(),
                [("proxy_partner_id", "=", request.env.user.partner_id.id)],
            ]
        )
