# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class GrcCitizenDraft(models.Model):
    """A citizen's saved démarche keeps the form's fields as posted
    (``q_<key>``, ``doc_<id>``): sent on their behalf, they become the
    answers and documents of the intake, as the portal reads them."""

    _inherit = "grc.citizen.draft"

    def _grc_intake_values(self):
        values = super()._grc_intake_values()
        # sudo: the form's definition (the agent may read the draft, not
        # necessarily the démarche's configuration).
        request_type = self.request_type_id.sudo()
        if not (request_type.grc_question_ids or request_type.grc_document_ids):
            return values
        data = self.form_data or {}
        answers, files = {}, {}
        for question in request_type.grc_question_ids:
            name = "q_" + question.key
            if question.kind == "file":
                files[question.key] = self._grc_files(name)
            elif question.kind == "multi":
                answers[question.key] = data.get(name) or []
            elif question.kind != "section":
                answers[question.key] = (data.get(name) or [""])[0]
        values.update(
            form_answers=answers,
            form_files=files,
            form_documents={
                document.id: self._grc_files(f"doc_{document.id}")
                for document in request_type.grc_document_ids
            },
        )
        return values
