# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .base_geocoder import BAN_SEARCH_URL


class ResCompany(models.Model):
    _inherit = "res.company"

    grc_geocoding_enabled = fields.Boolean(
        string="Locate requests",
        help="Addresses of new requests are sent to the national address base "
        "(Base Adresse Nationale) a few minutes after they are filed, to get "
        "their position, the INSEE code of the commune and the district.",
    )
    grc_geocoding_url = fields.Char(
        string="Address search URL",
        default=BAN_SEARCH_URL,
        help="Search endpoint of the national address base, or of a local copy "
        "answering the same way.",
    )

    @api.constrains("grc_geocoding_enabled", "grc_geocoding_url")
    def _check_grc_geocoding_url(self):
        for company in self:
            url = (company.grc_geocoding_url or "").strip()
            if company.grc_geocoding_enabled and not url.startswith(
                ("https://", "http://")
            ):
                raise ValidationError(
                    self.env._(
                        "Give the address search URL (https://...) to locate the "
                        "requests of %(company)s.",
                        company=company.name,
                    )
                )
