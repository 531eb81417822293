# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Districts of the authority, recognised from the place of a request.

Like the routing rules, districts are compiled once per registry into plain
tuples (``ormcache``) so that finding the district of a request costs no
query; the cache is cleared whenever a district is created, changed or deleted.
"""

import re
from typing import NamedTuple

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from odoo.addons.grc_citoyen.tools.normalize import (
    normalize_text,
    normalize_zip,
    split_list,
)

# INSEE commune codes: 5 digits, or 2A/2B and 3 digits in Corsica.
INSEE_CODE = re.compile(r"\d{5}|2[AB]\d{3}")
POSTAL_CODE = re.compile(r"\d{5}")


def split_streets(value):
    """Street names of a district: one per line (commas are allowed too)."""
    return split_list(value)


class CompiledDistrict(NamedTuple):
    """A district reduced to immutable values (what the cache holds)."""

    id: int
    name: str
    company_id: int
    zips: frozenset
    insee_codes: frozenset
    streets: tuple  # normalised, padded with spaces, longest first


class GrcDistrict(models.Model):
    """A district (quartier) or, in an intercommunality, a commune: requests
    whose place lies in it are given its name, which routing rules match."""

    _name = "grc.district"
    # The compiled districts are cached per registry: emptied on every change.
    _inherit = ["grc.registry.cache.mixin"]
    _description = "District"
    _order = "sequence, name, id"

    name = fields.Char(
        required=True,
        help="Name given to the requests of the district; the routing rules "
        "compare their “Districts or communes” with it.",
    )
    code = fields.Char(help="Short code used by the field services.")
    sequence = fields.Integer(
        default=10, help="When two districts fit a request equally, the first wins."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Requests of this authority only. Empty: every authority.",
    )
    zip_codes = fields.Char(
        string="Postal codes",
        help="Postal codes of the district, separated by commas (e.g. 37990, 37999).",
    )
    insee_codes = fields.Char(
        string="INSEE commune codes",
        help="INSEE codes of the communes of the district, separated by commas "
        "(e.g. 37261). They are known once the address is geocoded.",
    )
    street_names = fields.Text(
        help="Streets of the district, one per line, without house number "
        "(e.g. rue des Lilas). Case and accents are ignored. With postal or "
        "INSEE codes, the street must also be in one of them.",
    )
    note = fields.Text(help="Limits of the district, for the next administrator.")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Two districts of the same authority cannot share a code.",
        ),
    ]

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------

    # "name" too: a district created with no criterion at all is checked.
    @api.constrains("name", "zip_codes", "insee_codes", "street_names")
    def _check_criteria(self):
        for district in self:
            if not (
                split_list(district.zip_codes)
                or split_list(district.insee_codes)
                or split_streets(district.street_names)
            ):
                raise ValidationError(
                    self.env._(
                        "The district “%(district)s” has nothing to recognise it: "
                        "give its postal codes, the INSEE codes of its communes "
                        "or its street names.",
                        district=district.name,
                    )
                )
            for code in split_list(district.zip_codes):
                if not POSTAL_CODE.fullmatch(normalize_zip(code)):
                    raise ValidationError(
                        self.env._(
                            "“%(code)s” is not a postal code (district "
                            "“%(district)s”). Write five-digit codes such as "
                            "37990, separated by commas.",
                            code=code,
                            district=district.name,
                        )
                    )
            for code in split_list(district.insee_codes):
                if not INSEE_CODE.fullmatch(normalize_zip(code)):
                    raise ValidationError(
                        self.env._(
                            "“%(code)s” is not an INSEE commune code (district "
                            "“%(district)s”). Write five-character codes such as "
                            "37261 or 2A004, separated by commas.",
                            code=code,
                            district=district.name,
                        )
                    )

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------

    @tools.ormcache()
    def _compiled_districts(self):
        """Active districts in order, as immutable tuples."""
        # sudo: the cache is shared by every user (citizens filing too), so it
        # holds the districts of every company; the matching filters by company.
        districts = self.sudo().with_context(active_test=True).search([])
        return tuple(
            CompiledDistrict(
                id=district.id,
                name=district.name,
                company_id=district.company_id.id or 0,
                zips=frozenset(map(normalize_zip, split_list(district.zip_codes))),
                insee_codes=frozenset(
                    map(normalize_zip, split_list(district.insee_codes))
                ),
                streets=tuple(
                    sorted(
                        {
                            f" {street} "
                            for street in map(
                                normalize_text, split_streets(district.street_names)
                            )
                            if street
                        },
                        key=len,
                        reverse=True,
                    )
                ),
            )
            for district in districts
        )

    @api.model
    def _grc_match(self, company_id=None, zip_code=None, insee_code=None, street=None):
        """The district of a place, or None; reads only the cache.

        A district matched by its street beats one matched by its postal or
        INSEE codes alone; between two street matches, the longest street
        name wins ("rue du Pont-Neuf" before "rue du Pont").
        """
        company_id = company_id or self.env.company.id
        zip_code = normalize_zip(zip_code)
        insee_code = normalize_zip(insee_code)
        street = f" {normalize_text(street)} " if street else ""
        best, best_score = None, (0, 0)
        for district in self._compiled_districts():
            if district.company_id and district.company_id != company_id:
                continue
            has_area = district.zips or district.insee_codes
            in_area = zip_code in district.zips or insee_code in district.insee_codes
            if district.streets:
                if not street or (
                    has_area and not in_area and (zip_code or insee_code)
                ):
                    continue
                found = next((s for s in district.streets if s in street), None)
                if not found:
                    continue
                score = (2, len(found))
            elif in_area:
                score = (1, 0)
            else:
                continue
            if score > best_score:
                best, best_score = district, score
        return best
