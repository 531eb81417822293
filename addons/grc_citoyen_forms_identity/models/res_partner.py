# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import MissingError


class ResPartner(models.Model):
    """The identity FranceConnect certified pre-fills the forms, as
    certified: never asked twice, never changed by what a channel sends."""

    _inherit = "res.partner"

    def _grc_form_prefill(self):
        values = super()._grc_form_prefill()
        values.update(self._grc_form_certified()[0])
        return values

    def _grc_form_certified(self):
        values, provider = super()._grc_form_certified()
        try:
            certified_identity = self.grc_identity_certified
        except MissingError:
            return values, provider  # an unknown citizen, refused by the intake
        if not certified_identity:
            return values, provider
        certified = {
            "name": self._grc_certified_name(
                self.grc_certified_given_names, self.grc_certified_family_name
            ),
            "given_names": self.grc_certified_given_names,
            "family_name": self.grc_certified_family_name,
            "birthdate": self.grc_certified_birthdate
            and self.grc_certified_birthdate.isoformat(),
        }
        values.update({key: value for key, value in certified.items() if value})
        return values, self.grc_certified_provider_id.name or "FranceConnect"
