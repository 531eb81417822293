# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class GrcSupportNeed(models.Model):
    """A need for help or accommodation that every agent must see (RGAA, inclusion)."""

    _name = "grc.support.need"
    _description = "Citizen support need"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(
        translate=True,
        help="What agents should do for a citizen with this need.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "This support need already exists."),
    ]
