# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.grc_citoyen_identity.models.res_partner import GRC_CERTIFIED_FIELDS


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _grc_anonymised_values(self):
        # The certified identity (names, birth date and place) is the most
        # identifying data of all.
        return {
            **super()._grc_anonymised_values(),
            **dict.fromkeys(GRC_CERTIFIED_FIELDS, False),
        }

    def _grc_export_profile(self):
        profile = super()._grc_export_profile()
        # sudo: as the profile itself: the citizen's own record, and the name
        # of the provider, which portal users may not read.
        partner = self.sudo()
        if partner.grc_identity_certified:
            profile["certified_identity"] = {
                "given_names": partner.grc_certified_given_names or None,
                "family_name": partner.grc_certified_family_name or None,
                "date_of_birth": fields.Date.to_string(partner.grc_certified_birthdate)
                if partner.grc_certified_birthdate
                else None,
                "place_of_birth": partner.grc_certified_birthplace or None,
                "country_of_birth": partner.grc_certified_birthcountry or None,
                "email": partner.grc_certified_email or None,
                "certified_on": fields.Datetime.to_string(partner.grc_certified_on),
                "certified_by": partner.grc_certified_provider_id.name,
            }
        return profile
