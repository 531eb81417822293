# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class Website(models.Model):
    _inherit = "website"

    def _grc_accessibility_checked_pages(self):
        return super()._grc_accessibility_checked_pages() + ["/mentions-legales"]

    def _grc_legal_links(self):
        """Hook: the links of the footer of every page to the authority's
        legal pages, as (url, label); an addon that publishes its own notice
        of personal data points the "Personal data" link at it."""
        return [
            ("/mentions-legales", self.env._("Legal notice")),
            (
                self._grc_personal_data_url() or "/mentions-legales#grc_personal_data",
                self.env._("Personal data"),
            ),
            ("/contactus", self.env._("Contact")),
        ]
