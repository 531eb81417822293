# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models

# What replaces free text written by or about a citizen once anonymised.
ANONYMISED = "[anonymised]"
ANONYMISED_HTML = Markup("<p>%s</p>") % ANONYMISED


class HelpdeskTicket(models.Model):
    """Retention of requests: what anonymisation clears, and what it keeps so
    that statistics stay true (type, service, channel, dates, deadlines,
    satisfaction, postal code, district and city)."""

    _inherit = "helpdesk.ticket"

    grc_anonymised_date = fields.Datetime(
        string="Anonymised on",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Personal data of the request were removed on this date, once its "
        "retention period had passed or the citizen had their data erased.",
    )

    @api.model
    def _grc_anonymised_values(self):
        """Values written over the personal data of anonymised requests."""
        return {
            "description": ANONYMISED_HTML,
            "notes": False,
            "location_street": False,
            "location_latitude": 0.0,
            "location_longitude": 0.0,
            "partner_name": False,
            "partner_email": False,
            "email_cc": False,
            "access_token": False,
        }

    @api.model
    def _grc_personal_tracked_fields(self):
        """Fields whose tracked values (old and new, as text) are personal."""
        return [
            "name",
            "description",
            "grc_resolution",
            "notes",
            "partner_id",
            "partner_name",
            "partner_email",
            "email_cc",
            "location_street",
        ]
