# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .res_config_settings import DEFAULT_TILE_ATTRIBUTION

# Where the maps open when nothing is known yet (the centre of France).
DEFAULT_CENTER = (46.6, 2.4)


class Website(models.Model):
    _inherit = "website"

    def _grc_app_map_settings(self):
        """What the maps of the portal need: tile server, its credit, the
        pinned Leaflet, where to open."""
        # sudo: settings of the authority, read for every visitor's map.
        params = self.env["ir.config_parameter"].sudo()
        company = self.company_id.sudo()
        center = DEFAULT_CENTER
        if company.partner_id.partner_latitude or company.partner_id.partner_longitude:
            center = (
                company.partner_id.partner_latitude,
                company.partner_id.partner_longitude,
            )
        return {
            "tiles": params.get_param("grc_citoyen.map_tile_url") or "",
            "attribution": params.get_param("grc_citoyen_app.tile_attribution")
            or DEFAULT_TILE_ATTRIBUTION,
            "center": center,
            "zoom": 13 if center != DEFAULT_CENTER else 5,
            "leaflet_js": "/grc_citoyen_app/static/lib/leaflet/leaflet.js",
            "leaflet_css": "/grc_citoyen_app/static/lib/leaflet/leaflet.css",
        }
