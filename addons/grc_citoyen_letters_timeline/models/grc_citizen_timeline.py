# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.grc_citoyen_timeline.models.grc_citizen_timeline import ID_FACTOR


class GrcCitizenTimeline(models.Model):
    """Letters sent by post on the citizen's timeline, as confidential as
    their request; the line opens the request (the letter is on its
    history; the queue of letters is the administrators')."""

    _inherit = "grc.citizen.timeline"
    _depends = {"grc.letter": ["ticket_id", "kind", "state", "company_id"]}

    kind = fields.Selection(
        selection_add=[("letter", "Letter by post")], ondelete={"letter": "cascade"}
    )

    @api.model
    def _grc_timeline_sources(self):
        post = self.env.ref(
            "grc_citoyen.helpdesk_ticket_channel_post", raise_if_not_found=False
        )
        return super()._grc_timeline_sources() + [
            f"""
            SELECT l.id * {ID_FACTOR} + 6, t.partner_id, l.create_date, 'letter',
                   {post.id if post else "NULL"},
                   left(concat_ws(' ', t.number, t.name), 200), t.id, t.team_id,
                   t.is_confidential, t.company_id, 'helpdesk.ticket', t.id
              FROM grc_letter l
              JOIN helpdesk_ticket t ON t.id = l.ticket_id
             WHERE t.partner_id IS NOT NULL AND l.state != 'failed'
            """
        ]
