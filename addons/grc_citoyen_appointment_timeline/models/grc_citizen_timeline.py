# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.grc_citoyen_timeline.models.grc_citizen_timeline import ID_FACTOR


class GrcCitizenTimeline(models.Model):
    """Appointments (at their time, with the channel they were booked
    through) and call-back requests (when asked, on the phone channel) on
    the citizen's timeline, as confidential as their service."""

    _inherit = "grc.citizen.timeline"
    _depends = {
        "grc.appointment": [
            "partner_id",
            "start",
            "channel_id",
            "name",
            "ticket_id",
            "team_id",
            "is_confidential",
            "company_id",
        ],
        "grc.callback": [
            "partner_id",
            "create_date",
            "name",
            "team_id",
            "is_confidential",
            "company_id",
        ],
    }

    kind = fields.Selection(
        selection_add=[
            ("appointment", "Appointment"),
            ("callback", "Call-back request"),
        ],
        ondelete={"appointment": "cascade", "callback": "cascade"},
    )

    @api.model
    def _grc_timeline_sources(self):
        phone = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_phone", raise_if_not_found=False
        )
        return super()._grc_timeline_sources() + [
            f"""
            SELECT a.id * {ID_FACTOR} + 12, a.partner_id, a.start, 'appointment',
                   a.channel_id, left(a.name, 200), a.ticket_id, a.team_id,
                   COALESCE(a.is_confidential, FALSE), a.company_id,
                   'grc.appointment', a.id
              FROM grc_appointment a
            """,
            f"""
            SELECT c.id * {ID_FACTOR} + 13, c.partner_id, c.create_date,
                   'callback', {phone.id if phone else "NULL"}, left(c.name, 200),
                   NULL::integer, c.team_id, COALESCE(c.is_confidential, FALSE),
                   c.company_id, 'grc.callback', c.id
              FROM grc_callback c
            """,
        ]
