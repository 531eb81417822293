# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class GrcAccessLogPortal(CustomerPortal):
    """ "Who consulted my file": the services that read the citizen's data,
    and when; never the agent's name."""

    @http.route("/my/access-log", type="http", auth="user", website=True)
    def grc_my_access_log(self, **kw):
        if not request.env.user.share:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "grc_access_log",
                "consultations": request.env[
                    "grc.access.log"
                ]._grc_portal_consultations(request.env.user.partner_id),
            }
        )
        return request.render("grc_citoyen_access_log.portal_my_access_log", values)
