# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class GrcRegistryCacheMixin(models.AbstractModel):
    """Records that the engines compile into the registry cache (``ormcache``):
    routing rules, districts, the questions of a form... Creating, changing or
    deleting one empties that cache, so that the next request is handled with
    the records as they are now.

    Models inherit it (``_inherit``) instead of overriding their own CRUD
    methods to do so; ``_grc_cache_fields`` narrows which changes count.
    """

    _name = "grc.registry.cache.mixin"
    _description = "Records compiled into the registry cache"

    @api.model
    def _grc_cache_fields(self):
        """Fields whose change empties the cache; None: any field."""
        return None

    def _grc_clear_registry_cache(self):
        self.env.registry.clear_cache()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._grc_clear_registry_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        fnames = self._grc_cache_fields()
        if fnames is None or not fnames.isdisjoint(vals):
            self._grc_clear_registry_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self._grc_clear_registry_cache()
        return res
