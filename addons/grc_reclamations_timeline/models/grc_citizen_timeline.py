# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.grc_citoyen_timeline.models.grc_citizen_timeline import ID_FACTOR


class GrcCitizenTimeline(models.Model):
    """Complaints on the citizen's timeline. A complaint is read by its
    responsible service (and the complaints officers, rule below), so its
    line is marked restricted to that service: never shown to more agents
    than the complaint itself."""

    _inherit = "grc.citizen.timeline"
    _depends = {
        "grc.reclamation": [
            "partner_id",
            "received_date",
            "channel_id",
            "name",
            "subject",
            "responsible_team_id",
            "company_id",
        ],
    }

    kind = fields.Selection(
        selection_add=[("complaint", "Complaint")], ondelete={"complaint": "cascade"}
    )

    @api.model
    def _grc_timeline_sources(self):
        return super()._grc_timeline_sources() + [
            f"""
            SELECT r.id * {ID_FACTOR} + 4, r.partner_id, r.received_date,
                   'complaint', r.channel_id,
                   left(concat_ws(' ', r.name, r.subject), 200), NULL,
                   r.responsible_team_id, TRUE, r.company_id,
                   'grc.reclamation', r.id
              FROM grc_reclamation r
             WHERE r.partner_id IS NOT NULL
            """
        ]
