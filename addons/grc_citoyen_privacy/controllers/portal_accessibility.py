# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.grc_citoyen.controllers import portal_accessibility


class GrcAccessibilityStatement(portal_accessibility.GrcAccessibilityStatement):
    def _grc_checked_pages(self):
        # The privacy page is checked like the rest of the portal; the
        # statement itself stays last.
        pages = super()._grc_checked_pages()
        pages.insert(max(len(pages) - 1, 0), "/my/privacy")
        return pages
