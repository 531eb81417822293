# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _get_lang_from_accept_language(self, accept_language):
        """An Accept-Language header that cannot be read (longer than the
        parser allows, malformed) is ignored: the mobile app API speaks its
        default language instead of failing before any of its code runs."""
        try:
            return super()._get_lang_from_accept_language(accept_language)
        except ValueError:
            return None
