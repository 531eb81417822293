# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class WebsiteMenu(models.Model):
    _inherit = "website.menu"

    @api.model
    def _grc_translate_website_copies(self, langs):
        """A website copies the website module's menus when it is created,
        before any language is loaded: its "Home" and "Contact us" stay in
        English in a French website, and loading French later only reaches
        the originals. Copies still named as their original in English get
        its translations, unless someone renamed them in that language."""
        # sudo: menus of every website, whatever the loading user's website.
        menus = self.sudo().with_context(active_test=False, lang="en_US").search([])
        originals = {
            (menu.url, menu.name): menu for menu in menus if not menu.website_id
        }
        for menu in menus.filtered("website_id"):
            original = originals.get((menu.url, menu.name))
            if not original:
                continue
            translations = {}
            for lang in langs:
                translated = original.with_context(lang=lang).name
                current = menu.with_context(lang=lang).name
                if translated != original.name and current == original.name:
                    translations[lang] = translated
            if translations:
                menu.update_field_translations("name", translations)
