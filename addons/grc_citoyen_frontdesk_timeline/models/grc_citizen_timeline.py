# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.grc_citoyen_timeline.models.grc_citizen_timeline import ID_FACTOR


class GrcCitizenTimeline(models.Model):
    """The mandates a citizen gave, on their timeline (the front desk reads
    every mandate: none is confidential)."""

    _inherit = "grc.citizen.timeline"
    _depends = {
        "grc.mandate": [
            "beneficiary_id",
            "representative_id",
            "date_from",
            "company_id",
        ],
    }

    kind = fields.Selection(
        selection_add=[("mandate", "Mandate")], ondelete={"mandate": "cascade"}
    )

    @api.model
    def _grc_timeline_sources(self):
        return super()._grc_timeline_sources() + [
            f"""
            SELECT md.id * {ID_FACTOR} + 5, md.beneficiary_id,
                   COALESCE(md.date_from::timestamp, md.create_date), 'mandate',
                   NULL, left(rp.name, 200), NULL, NULL, FALSE, md.company_id,
                   'grc.mandate', md.id
              FROM grc_mandate md
              JOIN res_partner rp ON rp.id = md.representative_id
            """
        ]
