# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class GrcRequestType(models.Model):
    _inherit = "grc.request.type"

    def _grc_open311_attributes(self):
        """The GeoReport v2 attributes of this service (its definition): a
        list of ``{variable, code, datatype, required, datatype_description,
        order, description, values}``. None in the core, whose request types
        ask for a description, a place and photos; ``grc_citoyen_forms_open311``
        gives the questions of a démarche's form."""
        self.ensure_one()
        return []
