# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.grc_citoyen.controllers.portal import GrcCitizenPortal

# The citizen's history shows their latest lines; their requests keep the rest.
HISTORY_LIMIT = 200


class GrcHistoryPortal(GrcCitizenPortal):
    """ "My history": the citizen's own timeline across channels (requests,
    contacts, messages exchanged, and what addons add), as the citizen may
    see it: their own lines only, never the services' internal notes."""

    @http.route("/my/history", type="http", auth="user", website=True)
    def grc_my_history(self, kind=None, **kw):
        partner = request.env.user.partner_id
        timeline = request.env["grc.citizen.timeline"]
        kinds = dict(timeline._fields["kind"]._description_selection(request.env))
        domain = [("partner_id", "=", partner.id)]
        if kind in kinds:
            domain.append(("kind", "=", kind))
        # sudo: citizens read no timeline row over RPC; these are their own
        # (partner above), the view holds no internal note.
        lines = timeline.sudo().search(domain, limit=HISTORY_LIMIT)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "lines": lines,
                "kinds": kinds,
                "kind": kind if kind in kinds else "",
                "page_name": "grc_history",
            }
        )
        return request.render("grc_citoyen_timeline.portal_my_history", values)
