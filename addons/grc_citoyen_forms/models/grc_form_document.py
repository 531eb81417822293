# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.grc_citoyen.tools.intake import ALLOWED_ATTACHMENT_TYPES


class GrcFormDocument(models.Model):
    """A supporting document (pièce justificative) a démarche asks for:
    shown before the citizen starts ("Ce qu'il vous faut"), checked when
    the request is sent, then checked by an agent."""

    _name = "grc.form.document"
    _inherit = ["grc.form.part.mixin"]
    _description = "Supporting document of a démarche"
    _order = "request_type_id, sequence, id"

    name = fields.Char(string="Document", required=True, translate=True)
    required = fields.Boolean(default=True)
    accepted_types = fields.Char(
        default="pdf,jpg,jpeg,png",
        help="Extensions accepted, separated by commas, among those the portal "
        "accepts: pdf, jpg, jpeg, png, heic, heif, webp, odt, docx.",
    )
    max_size_mb = fields.Float(
        string="Maximum size (MB)",
        default=5,
        help="Never more than the portal's limit for one file.",
    )

    @api.constrains("accepted_types")
    def _check_accepted_types(self):
        for document in self:
            unknown = set(document._grc_extensions()) - set(ALLOWED_ATTACHMENT_TYPES)
            if unknown or not document._grc_extensions():
                raise ValidationError(
                    self.env._(
                        "Accepted types of %(name)s: choose among %(types)s.",
                        name=document.name,
                        types=", ".join(ALLOWED_ATTACHMENT_TYPES),
                    )
                )

    def _grc_extensions(self):
        self.ensure_one()
        return [
            ext.strip().lower().lstrip(".")
            for ext in (self.accepted_types or "").split(",")
            if ext.strip()
        ]

    def _grc_types_label(self):
        """The accepted types as citizens read them: "PDF, JPG, PNG"."""
        self.ensure_one()
        return ", ".join(ext.upper() for ext in self._grc_extensions())

    def _grc_max_size(self):
        """Maximum size of this document, in bytes, within the portal's."""
        self.ensure_one()
        portal_max = self.env["helpdesk.ticket"]._grc_attachment_limits()[0]
        own = int((self.max_size_mb or 0) * 1024 * 1024)
        return min(own, portal_max) if own else portal_max
