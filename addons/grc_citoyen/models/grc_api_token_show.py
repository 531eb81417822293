# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class GrcApiTokenShow(models.AbstractModel):
    """Shows a newly issued token once; nothing is stored (like Odoo's own
    res.users.apikeys.show)."""

    _name = "grc.api.token.show"
    _description = "New mobile app token"

    # The field 'id' is needed for the onchange that returns the value of 'key'.
    id = fields.Id()
    key = fields.Char(readonly=True)
