# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .helpdesk_ticket_retention import ANONYMISED


class GrcInteraction(models.Model):
    """Retention of interactions: the subject and the answer are cleared, the
    channel, service, date and outcome stay for first-contact statistics."""

    _inherit = "grc.interaction"

    grc_anonymised_date = fields.Datetime(
        string="Anonymised on",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )

    @api.model
    def _grc_anonymised_values(self):
        """Values written over the personal data of anonymised interactions."""
        return {"name": ANONYMISED, "notes": False}

    @api.model
    def _grc_personal_tracked_fields(self):
        return ["name", "notes", "partner_id"]
