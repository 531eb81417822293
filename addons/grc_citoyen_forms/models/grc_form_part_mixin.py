# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class GrcFormPartMixin(models.AbstractModel):
    """A part of a démarche's form (a question, a supporting document): any
    change empties the caches the intake reads forms from
    (``grc.request.type._grc_form_snapshot`` and ``_grc_document_ids``), so
    that the next request is checked against the form as it is now."""

    _name = "grc.form.part.mixin"
    _inherit = ["grc.registry.cache.mixin"]
    _description = "Part of a démarche's form"

    request_type_id = fields.Many2one(
        "grc.request.type", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    help = fields.Text(string="Help text", translate=True)
