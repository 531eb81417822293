# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GrcRequestType(models.Model):
    """What the report form of the app asks for a type (the place is
    ``location_required`` of the core; files ``attachments_allowed``), and
    whether its requests are shown on the public map."""

    _inherit = "grc.request.type"

    grc_app_photo = fields.Boolean(
        string="Asks for a photo",
        help="The form offers to take a photo of the problem first "
        "(a pothole, a broken lamp): on a phone, the camera opens.",
    )
    grc_public_map = fields.Boolean(
        string="On the public map",
        index=True,
        help="Open requests of this type are shown on the public map of "
        "reports, without any personal data: the place, the status and the "
        "expected date; the description and the photo only when an agent "
        "published them. Never for social or personal matters.",
    )

    @api.constrains("grc_app_photo", "attachments_allowed")
    def _check_grc_app_photo(self):
        for request_type in self:
            if request_type.grc_app_photo and not request_type.attachments_allowed:
                raise ValidationError(
                    self.env._(
                        "%(type)s asks for a photo but takes no files: allow "
                        "files first.",
                        type=request_type.name,
                    )
                )

    @api.constrains("grc_public_map", "is_confidential", "team_id")
    def _check_grc_public_map(self):
        for request_type in self:
            # sudo: a confidential service counts even if hidden from the user.
            team = request_type.team_id.sudo()
            if request_type.grc_public_map and (
                request_type.is_confidential or team.is_confidential
            ):
                raise ValidationError(
                    self.env._(
                        "%(type)s is confidential: its requests cannot be shown "
                        "on the public map.",
                        type=request_type.name,
                    )
                )
