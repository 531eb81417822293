# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class ResPartner(models.Model):
    """What the authority already knows of a citizen, to pre-fill the
    questions of a démarche's form (never asked twice)."""

    _inherit = "res.partner"

    def _grc_form_prefill(self):
        """{kind of pre-fill (``grc.form.question.prefill``): text}, what the
        citizen may correct."""
        self.ensure_one()
        return {
            "name": self.name,
            "email": self.email,
            "phone": self.phone or self.mobile,
            "address": " ".join(filter(None, [self.street, self.zip, self.city])),
            "birthdate": self.birthdate and self.birthdate.isoformat(),
        }

    def _grc_form_certified(self):
        """``(values, provider)``: the pre-fills an identity provider
        certified ({kind of pre-fill: text}) and its name. The form shows
        them as certified and the intake files them whatever was sent: never
        asked, never changed. None without such a provider (see
        ``grc_citoyen_forms_identity``)."""
        self.ensure_one()
        return {}, ""
