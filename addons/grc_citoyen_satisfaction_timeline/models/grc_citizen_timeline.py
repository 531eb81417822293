# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.grc_citoyen_timeline.models.grc_citizen_timeline import ID_FACTOR


class GrcCitizenTimeline(models.Model):
    """The citizen's satisfaction answers on their timeline (answered
    online), as confidential as their request; the line opens the request
    (the score is on it)."""

    _inherit = "grc.citizen.timeline"
    _depends = {
        "helpdesk.ticket": ["satisfaction_date", "satisfaction_score"],
    }

    kind = fields.Selection(
        selection_add=[("satisfaction", "Satisfaction answer")],
        ondelete={"satisfaction": "cascade"},
    )

    @api.model
    def _grc_timeline_sources(self):
        web = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_web", raise_if_not_found=False
        )
        return super()._grc_timeline_sources() + [
            f"""
            SELECT t.id * {ID_FACTOR} + 14, t.partner_id, t.satisfaction_date,
                   'satisfaction', {web.id if web else "NULL"},
                   left(concat_ws(' ', t.number, t.name), 190)
                       || ' (' || t.satisfaction_score || '/10)',
                   t.id, t.team_id, t.is_confidential, t.company_id,
                   'helpdesk.ticket', t.id
              FROM helpdesk_ticket t
             WHERE t.partner_id IS NOT NULL AND t.satisfaction_date IS NOT NULL
            """
        ]
