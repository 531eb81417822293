# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re

from PIL import Image

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import file_open
from odoo.tools.image import base64_to_image

COLOR = re.compile(r"#[0-9a-fA-F]{6}")
# Sizes of the app icons: Android (192, 512) and iOS (180, apple-touch-icon).
ICON_SIZES = (180, 192, 512)
# A maskable icon keeps its content in the central 80%: the logo is drawn
# inside that safe zone, on the background colour.
ICON_SAFE_ZONE = 0.8
DEFAULT_ICON = "grc_citoyen_app/static/description/icon.png"


class ResCompany(models.Model):
    """What the citizen's phone shows of the installed portal: the app's
    name, its colours and its icon (drawn from the company's logo)."""

    _inherit = "res.company"

    grc_app_name = fields.Char(
        string="App name",
        help="Name of the installed app (home screen, app switcher). "
        "Empty: the name of the authority.",
    )
    grc_app_short_name = fields.Char(
        string="App short name",
        size=12,
        help="Name under the icon on the home screen (12 characters at most). "
        "Empty: the beginning of the app name.",
    )
    grc_app_theme_color = fields.Char(
        string="App colour",
        default="#000091",
        help="Colour of the title bar of the installed app (#RRGGBB).",
    )
    grc_app_background_color = fields.Char(
        string="App background colour",
        default="#ffffff",
        help="Colour of the splash screen and behind the logo in the icon (#RRGGBB).",
    )

    @api.constrains("grc_app_theme_color", "grc_app_background_color")
    def _check_grc_app_colors(self):
        for company in self:
            colors = (company.grc_app_theme_color, company.grc_app_background_color)
            for color in colors:
                if color and not COLOR.fullmatch(color):
                    raise ValidationError(
                        self.env._(
                            "The colour %(color)s is not valid: write it as "
                            "#RRGGBB, for example #000091.",
                            color=color,
                        )
                    )

    def _grc_app_name(self):
        self.ensure_one()
        return self.grc_app_name or self.name

    def _grc_app_short_name(self):
        self.ensure_one()
        return self.grc_app_short_name or self._grc_app_name()[:12].strip()

    def _grc_app_icon(self, size):
        """The app icon as PNG bytes, ``size`` pixels square: the company's
        logo (or the addon's icon) fitted in the safe zone of a maskable
        icon, on the background colour."""
        self.ensure_one()
        return self._grc_app_icon_cached(
            self.id, size, str(self.write_date), self.grc_app_background_color
        )

    @tools.ormcache("company_id", "size", "stamp", "background")
    def _grc_app_icon_cached(self, company_id, size, stamp, background):
        # sudo: the logo is public (every page of the website shows it).
        company = self.browse(company_id).sudo()
        try:
            logo = company.logo and base64_to_image(company.logo)
        except UserError:
            logo = None  # a logo PIL cannot read (SVG...): the default icon
        if not logo:
            with file_open(DEFAULT_ICON, "rb") as icon:
                logo = Image.open(io.BytesIO(icon.read()))
                logo.load()
        logo = logo.convert("RGBA")
        inner = int(size * ICON_SAFE_ZONE)
        logo.thumbnail((inner, inner), Image.LANCZOS)
        canvas = Image.new("RGBA", (size, size), background or "#ffffff")
        canvas.alpha_composite(
            logo, ((size - logo.width) // 2, (size - logo.height) // 2)
        )
        output = io.BytesIO()
        canvas.convert("RGB").save(output, format="PNG", optimize=True)
        return output.getvalue()
