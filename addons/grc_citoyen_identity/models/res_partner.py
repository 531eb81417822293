# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models

# Fields holding the identity certified by FranceConnect: only the sign-in
# writes them (readonly in every view, not writable from the portal).
GRC_CERTIFIED_FIELDS = (
    "grc_certified_given_names",
    "grc_certified_family_name",
    "grc_certified_birthdate",
    "grc_certified_birthplace",
    "grc_certified_birthcountry",
    "grc_certified_email",
    "grc_certified_on",
    "grc_certified_provider_id",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    grc_certified_given_names = fields.Char(
        string="Certified given names", readonly=True, copy=False
    )
    grc_certified_family_name = fields.Char(
        string="Certified family name", readonly=True, copy=False
    )
    grc_certified_birthdate = fields.Date(
        string="Certified date of birth", readonly=True, copy=False
    )
    grc_certified_birthplace = fields.Char(
        string="Certified place of birth",
        readonly=True,
        copy=False,
        help="INSEE code of the commune of birth (empty when born abroad).",
    )
    grc_certified_birthcountry = fields.Char(
        string="Certified country of birth",
        readonly=True,
        copy=False,
        help="INSEE code of the country of birth (99100: France).",
    )
    grc_certified_email = fields.Char(
        string="E-mail given by FranceConnect", readonly=True, copy=False
    )
    grc_certified_on = fields.Datetime(
        string="Identity certified on",
        readonly=True,
        copy=False,
        help="Last sign-in with FranceConnect, which refreshed the certified "
        "identity.",
    )
    grc_certified_provider_id = fields.Many2one(
        comodel_name="auth.oauth.provider",
        string="Certified by",
        readonly=True,
        copy=False,
    )
    grc_identity_certified = fields.Boolean(
        string="Certified identity",
        compute="_compute_grc_identity_certified",
        store=True,
        index=True,
    )

    @api.depends("grc_certified_on")
    def _compute_grc_identity_certified(self):
        for partner in self:
            partner.grc_identity_certified = bool(partner.grc_certified_on)

    @api.model
    def _grc_certified_values(self, claims, provider):
        """res.partner values of the certified fields from FranceConnect's
        claims (given_name, family_name, birthdate, birthplace, birthcountry,
        email)."""
        birthdate = False
        if claims.get("birthdate"):
            try:
                birthdate = date.fromisoformat(str(claims["birthdate"]))
            except ValueError:
                # Partial dates ("1962-08-00") exist for some born abroad.
                birthdate = False
        return {
            "grc_certified_given_names": (claims.get("given_name") or "").strip(),
            "grc_certified_family_name": (claims.get("family_name") or "").strip(),
            "grc_certified_birthdate": birthdate,
            "grc_certified_birthplace": claims.get("birthplace") or False,
            "grc_certified_birthcountry": claims.get("birthcountry") or False,
            "grc_certified_email": (claims.get("email") or "").strip().lower() or False,
            "grc_certified_on": fields.Datetime.now(),
            "grc_certified_provider_id": provider.id,
        }

    @staticmethod
    def _grc_certified_name(given_names, family_name):
        return " ".join(part for part in (given_names, family_name) if part)

    def _grc_apply_certified_identity(self, claims, provider):
        """Store the identity certified at this sign-in; fill the citizen's
        own name and date of birth only where they are empty or still what
        a previous certification put there: what the citizen changed stays."""
        self.ensure_one()
        certified = self._grc_certified_values(claims, provider)
        values = dict(certified)
        previous_name = self.grc_certified_on and self._grc_certified_name(
            self.grc_certified_given_names, self.grc_certified_family_name
        )
        new_name = self._grc_certified_name(
            certified["grc_certified_given_names"],
            certified["grc_certified_family_name"],
        )
        if new_name and (not self.name or self.name == previous_name):
            values["name"] = new_name
        previous_birthdate = self.grc_certified_on and self.grc_certified_birthdate
        if certified["grc_certified_birthdate"] and (
            not self.birthdate or self.birthdate == previous_birthdate
        ):
            values["birthdate"] = certified["grc_certified_birthdate"]
        if not self.email and certified["grc_certified_email"]:
            values["email"] = certified["grc_certified_email"]
        if not self.is_citizen:
            values["is_citizen"] = True
        # sudo: certified fields are readonly for everybody; only this
        # sign-in step (already run as the superuser) writes them.
        self.sudo().write(values)
