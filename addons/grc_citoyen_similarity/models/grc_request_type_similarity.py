# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GrcRequestType(models.Model):
    """How close two reports of a démarche must be to be the same problem."""

    _inherit = "grc.request.type"

    similarity_distance = fields.Integer(
        string="Same place within (metres)",
        default=100,
        help="Open requests of this type reported within this distance of each "
        "other are shown as possible duplicates (0: the position is not "
        "compared, the street still is).",
    )

    @api.constrains("similarity_distance")
    def _check_similarity_distance(self):
        for rtype in self:
            if rtype.similarity_distance < 0:
                raise ValidationError(
                    self.env._(
                        "Request type %(type)s: the distance of similar reports "
                        "cannot be negative.",
                        type=rtype.display_name,
                    )
                )
