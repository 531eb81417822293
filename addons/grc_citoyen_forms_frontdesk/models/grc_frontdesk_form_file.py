# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields, models


class GrcFrontdeskFormFile(models.TransientModel):
    """A file the démarche asks for, at the front desk: a supporting document
    of its checklist or the answer to a file question, scanned or sent by the
    agent for the citizen. Listed on the console when the démarche is chosen,
    sent to the intake with the request."""

    _name = "grc.frontdesk.form.file"
    _description = "File of a démarche's form at the front desk"
    _order = "sequence, id"

    console_id = fields.Many2one(
        "grc.frontdesk.console", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer()
    kind = fields.Selection(
        [("question", "Question"), ("document", "Supporting document")],
        required=True,
    )
    key = fields.Char(help="Technical name of the file question.")
    document_id = fields.Many2one("grc.form.document", string="Checklist item")
    name = fields.Char(string="Document", required=True)
    help = fields.Char(string="What is accepted")
    required = fields.Boolean()
    file = fields.Binary(attachment=False)
    filename = fields.Char()

    def _grc_upload(self):
        """The file as the intake reads an upload, or nothing."""
        self.ensure_one()
        if not self.file:
            return []
        data = base64.b64decode(self.with_context(bin_size=False).file)
        return [(self.filename or self.name, data)]
