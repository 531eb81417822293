# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# Files of the form kept with the draft, told apart by their description.
FILE_MARK = "grc_form_file:"
DOCUMENT_MARK = "grc_form_document:"


class GrcRequestDraft(models.Model):
    _inherit = "grc.request.draft"

    grc_form_answers = fields.Json(
        string="Answers to the form",
        help="The answers the visitor gave, filed with the request once "
        "they confirm their address.",
    )

    @api.model
    def _grc_new_draft(self, values, key, company):
        tickets = self.env["helpdesk.ticket"]
        version, cleaned, _documents = tickets._grc_form_checked(values)
        if version and not (values.get("description") or "").strip():
            # The draft needs a description: the answers say what it is about.
            values = dict(
                values, description=tickets._grc_answers_text(version, cleaned)
            )
        draft = super()._grc_new_draft(values, key, company)
        if not version:
            return draft
        draft.grc_form_answers = values.get("form_answers") or {}
        uploads = [
            (FILE_MARK + key, upload)
            for key, files in (values.get("form_files") or {}).items()
            for upload in tickets._grc_screen_uploads(files)
        ] + [
            (f"{DOCUMENT_MARK}{document_id}", upload)
            for document_id, files in (values.get("form_documents") or {}).items()
            for upload in tickets._grc_screen_uploads(files)
        ]
        if uploads:
            self.env["ir.attachment"].create(
                [
                    {
                        "name": tickets._grc_clean_text(upload.name) or "file",
                        "raw": upload.data,
                        "mimetype": upload.mimetype,
                        "description": mark,
                        "res_model": self._name,
                        "res_id": draft.id,
                    }
                    for mark, upload in uploads
                ]
            )
        return draft

    def _grc_form_values(self):
        """The form's values of the draft for the intake, and the files of
        the form (not to be moved with the other files)."""
        self.ensure_one()
        form_files, form_documents = {}, {}
        marked = self.env["ir.attachment"]
        for attachment in self.attachment_ids:
            mark = attachment.description or ""
            upload = (attachment.name, attachment.raw, attachment.mimetype)
            if mark.startswith(FILE_MARK):
                form_files.setdefault(mark[len(FILE_MARK) :], []).append(upload)
            elif mark.startswith(DOCUMENT_MARK):
                document_id = int(mark[len(DOCUMENT_MARK) :])
                form_documents.setdefault(document_id, []).append(upload)
            else:
                continue
            marked |= attachment
        return {
            "form_answers": self.grc_form_answers or {},
            "form_files": form_files,
            "form_documents": form_documents,
        }, marked
