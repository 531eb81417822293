# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

DEFAULT_TILE_ATTRIBUTION = "© OpenStreetMap contributors"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    grc_app_name = fields.Char(related="company_id.grc_app_name", readonly=False)
    grc_app_short_name = fields.Char(
        related="company_id.grc_app_short_name", readonly=False
    )
    grc_app_theme_color = fields.Char(
        related="company_id.grc_app_theme_color", readonly=False
    )
    grc_app_background_color = fields.Char(
        related="company_id.grc_app_background_color", readonly=False
    )
    grc_app_tile_url = fields.Char(
        string="Map tiles URL",
        config_parameter="grc_citoyen.map_tile_url",
        help="Tile server of the maps of the portal, with {z}, {x} and {y} "
        "(OpenStreetMap at installation; the IGN's Plan IGN or a tile server of "
        "the authority answer the same way). The only other site the portal's "
        "pages may reach; empty, the forms offer the address field alone.",
    )
    grc_app_tile_attribution = fields.Char(
        string="Map tiles attribution",
        config_parameter="grc_citoyen_app.tile_attribution",
        default=DEFAULT_TILE_ATTRIBUTION,
        help="Credit the tile server requires, shown in a corner of the maps "
        "(plain text).",
    )
