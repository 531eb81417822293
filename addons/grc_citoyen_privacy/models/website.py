# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class Website(models.Model):
    _inherit = "website"

    def _grc_accessibility_checked_pages(self):
        # The privacy page is checked like the rest of the portal
        # (tests/test_privacy_accessibility.py).
        return super()._grc_accessibility_checked_pages() + [
            "/my/privacy",
            "/donnees-personnelles",
        ]

    def _grc_personal_data_url(self):
        # The notice generated from the register (controllers/privacy.py).
        return "/donnees-personnelles"
