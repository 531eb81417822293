# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError

# The intake's values of a démarche's form (grc_citoyen_forms).
FORM_VALUES = ("form_answers", "form_files", "form_documents")
# What a JSON answer may be: a text, a number, yes/no, or a list of texts.
SCALARS = (str, int, float, bool)


def _api_field(key):
    """The intake's name of an error -> the API's: ``q_<key>`` is the answer
    ``answers.<key>``, ``doc_<id>`` the document ``documents.<id>``."""
    if key.startswith("q_"):
        return "answers." + key[2:]
    if key.startswith("doc_"):
        return "documents." + key[4:]
    return key


class HelpdeskTicket(models.Model):
    """Requests sent by the mobile app with their démarche's form: the
    answers, the files of file questions and the supporting documents go
    through the intake's checks of the form, the portal's (same rules, same
    messages)."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _grc_api_submit(self, values, idempotency_key=None):
        """Every request the app sends is checked against its démarche's
        form: one sent without answers misses the required ones. Errors are
        named as the API's fields (``answers.<key>``, ``documents.<id>``)."""
        values = dict(values)
        for key in FORM_VALUES:
            values.setdefault(key, {})
        try:
            return super()._grc_api_submit(values, idempotency_key)
        except GrcIntakeError as error:
            raise GrcIntakeError(
                {_api_field(key): message for key, message in error.errors.items()}
            ) from error

    @api.model
    def _grc_api_form_values(self, request_type_id, answers, documents, files):
        """The intake's values of a form sent by the app: ``answers`` (key ->
        answer; for a file question, the names of files sent), ``documents``
        (checklist item id -> name of a file sent) and ``files`` (name, bytes,
        mimetype). Raise ``GrcIntakeError`` when they do not fit together: a
        question or document the démarche does not have, a file named but not
        sent, or sent but named nowhere. The answers themselves are checked
        by the intake."""
        env = self.env
        errors = {}
        by_name = {}
        for upload in files:
            by_name.setdefault(upload[0], []).append(upload)
        used = set()

        def take(names, field):
            names = [names] if isinstance(names, str) else names
            if not isinstance(names, list) or not all(
                isinstance(name, str) for name in names
            ):
                errors[field] = env._("Give the names of files sent with the request.")
                return []
            missing = [name for name in names if name not in by_name]
            if missing:
                errors[field] = env._(
                    "The file %(name)s is not among the files sent.", name=missing[0]
                )
                return []
            used.update(names)
            return [upload for name in names for upload in by_name[name]]

        # sudo: the form's definition, read for citizens (the intake checks
        # that they may file this démarche).
        request_type = env["grc.request.type"].sudo().browse(request_type_id).exists()
        definition = request_type._grc_form_snapshot()[0] if request_type else []
        kinds = {q["key"]: q["kind"] for q in definition if q["kind"] != "section"}
        form_answers, form_files = {}, {}
        for key, value in answers.items():
            field = f"answers.{key}"
            kind = kinds.get(key)
            if kind is None:
                errors[field] = env._("This démarche's form has no such question.")
            elif kind == "file":
                form_files[key] = take(value, field)
            elif not (
                isinstance(value, SCALARS)
                or (
                    isinstance(value, list)
                    and all(isinstance(item, SCALARS) for item in value)
                )
            ):
                errors[field] = env._("Give a text, a number, yes/no or a list.")
            elif kind == "boolean" and isinstance(value, bool):
                form_answers[key] = "yes" if value else "no"
            else:
                form_answers[key] = value
        asked = set(request_type._grc_document_ids()) if request_type else set()
        form_documents = {}
        for document_id, names in documents.items():
            field = f"documents.{document_id}"
            if not str(document_id).isdigit() or int(document_id) not in asked:
                errors[field] = env._("This démarche asks for no such document.")
            else:
                form_documents[int(document_id)] = take(names, field)
        unnamed = sorted(set(by_name) - used)
        if unnamed:
            errors["files"] = env._(
                "The file %(name)s is named neither in the answers nor in the "
                "documents.",
                name=unnamed[0],
            )
        if errors:
            raise GrcIntakeError(errors)
        return {
            "form_answers": form_answers,
            "form_files": form_files,
            "form_documents": form_documents,
        }
