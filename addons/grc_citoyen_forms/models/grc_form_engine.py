# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import os

from odoo import api, fields, models

from odoo.addons.grc_citoyen.tools.normalize import normalize_email

from ..tools import checks
from ..tools.checks import format_number

MAX_CHAR = 256
MAX_TEXT = 10000


class GrcFormEngine(models.AbstractModel):
    """The rules of démarches' forms, one place for every channel (portal,
    API, front desk): which questions are shown (conditions), whether each
    answer is valid, and the typed values stored. It reads a definition
    (the list of dicts of ``grc.form.question._grc_definition``, frozen in a
    ``grc.form.version``), never the questions themselves."""

    _name = "grc.form.engine"
    _description = "Form engine of démarches"

    # ------------------------------------------------------------------
    # Conditions
    # ------------------------------------------------------------------

    @api.model
    def _grc_shown_keys(self, definition, answers):
        """Keys of the questions shown given ``answers``: a question whose
        condition is not met (or whose condition's question is hidden) is
        neither asked nor stored."""
        shown = set()
        for question in definition:
            cond_key = question.get("cond_key")
            if not cond_key:
                shown.add(question["key"])
                continue
            if cond_key in shown and question["cond_value"] in self._grc_raw_values(
                answers.get(cond_key)
            ):
                shown.add(question["key"])
        return shown

    @api.model
    def _grc_raw_values(self, raw):
        # 0 is an answer (a number sent by the API or the front desk).
        if raw is None or raw is False:
            return []
        if isinstance(raw, list | tuple):
            return [str(value).strip() for value in raw if str(value).strip()]
        return [str(raw).strip()] if str(raw).strip() else []

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------

    @api.model
    def _grc_form_check(self, definition, answers, files=None, today=None):
        """Check ``answers`` (key -> text or list of texts) and ``files``
        (key -> uploads) against ``definition``.

        Return ``(errors, cleaned)``: errors map ``q_<key>`` to a French
        message naming the question; cleaned is the list of answer values
        (typed) of the questions shown and answered, with their screened
        files under ``files``.
        """
        answers = answers or {}
        files = files or {}
        today = today or fields.Date.context_today(self)
        shown = self._grc_shown_keys(definition, answers)
        errors, cleaned = {}, []
        section = ""
        for index, question in enumerate(definition):
            if question["kind"] == "section":
                section = question["label"]
                continue
            if question["key"] not in shown:
                continue
            if question["kind"] == "file":
                error, value = self._grc_check_files(
                    question, files.get(question["key"]) or []
                )
            else:
                raw = self._grc_raw_values(answers.get(question["key"]))
                if not raw:
                    error = question["required"] and self._grc_required_message(
                        question
                    )
                    value = None
                else:
                    error, value = self._grc_check_value(question, raw, today)
            if error:
                errors["q_" + question["key"]] = error
            elif value:
                value.update(
                    key=question["key"],
                    label=question["label"],
                    kind=question["kind"],
                    section=section,
                    sequence=index,
                    question_id=question.get("id"),
                )
                cleaned.append(value)
        return errors, cleaned

    @api.model
    def _grc_required_message(self, question):
        if question["kind"] == "file":
            return self.env._("%(label)s: add the file.", label=question["label"])
        return self.env._(
            "%(label)s: this answer is required.", label=question["label"]
        )

    @api.model
    def _grc_check_value(self, question, raw, today):
        """(error, value) of one answered question (raw: non-empty texts)."""
        checker = getattr(self, f"_grc_check_{question['kind']}")
        return checker(question, raw, today)

    def _grc_message(self, question, message):
        return self.env._(
            "%(label)s: %(message)s", label=question["label"], message=message
        )

    @api.model
    def _grc_check_char(self, question, raw, today, size=MAX_CHAR):
        text = " ".join(raw[0].split()) if size == MAX_CHAR else raw[0].strip()
        if len(text) > size:
            return self._grc_message(
                question, self.env._("%(max)s characters at most.", max=size)
            ), None
        field = "value_char" if size == MAX_CHAR else "value_text"
        return None, {field: text, "display_value": text[:MAX_CHAR]}

    @api.model
    def _grc_check_text(self, question, raw, today):
        return self._grc_check_char(question, raw, today, size=MAX_TEXT)

    @api.model
    def _grc_check_number(self, question, raw, today):
        number = checks.parse_number(raw[0])
        if number is None:
            return self._grc_message(
                question, self.env._("give a number, for example 12 or 12,5.")
            ), None
        if question.get("integer") and not number.is_integer():
            return self._grc_message(question, self.env._("give a whole number.")), None
        if question.get("min") is not None and number < question["min"]:
            return self._grc_message(
                question,
                self.env._(
                    "the number must be at least %(min)s.",
                    min=format_number(question["min"]),
                ),
            ), None
        if question.get("max") is not None and number > question["max"]:
            return self._grc_message(
                question,
                self.env._(
                    "the number must be at most %(max)s.",
                    max=format_number(question["max"]),
                ),
            ), None
        return None, {"value_number": number, "display_value": format_number(number)}

    @api.model
    def _grc_check_date(self, question, raw, today):
        date = checks.parse_date(raw[0])
        if not date:
            return self._grc_message(
                question, self.env._("give a date as DD/MM/YYYY.")
            ), None
        date_min = fields.Date.to_date(question.get("date_min"))
        date_max = fields.Date.to_date(question.get("date_max"))
        if question.get("future") and date <= today:
            return self._grc_message(
                question, self.env._("the date must be in the future.")
            ), None
        if date_min and date < date_min:
            return self._grc_message(
                question,
                self.env._(
                    "the date must be on or after %(date)s.",
                    date=date_min.strftime("%d/%m/%Y"),
                ),
            ), None
        if date_max and date > date_max:
            return self._grc_message(
                question,
                self.env._(
                    "the date must be on or before %(date)s.",
                    date=date_max.strftime("%d/%m/%Y"),
                ),
            ), None
        return None, {"value_date": date, "display_value": date.strftime("%d/%m/%Y")}

    @api.model
    def _grc_check_selection(self, question, raw, today):
        if len(raw) > 1 or raw[0] not in question["options"]:
            return self._grc_message(
                question, self.env._("choose one of the proposed answers.")
            ), None
        return None, {"value_char": raw[0], "display_value": raw[0]}

    @api.model
    def _grc_check_multi(self, question, raw, today):
        if any(value not in question["options"] for value in raw):
            return self._grc_message(
                question, self.env._("choose among the proposed answers.")
            ), None
        # In the order of the choices, each once.
        chosen = [option for option in question["options"] if option in raw]
        text = "; ".join(chosen)
        return None, {
            "value_char": text[:MAX_CHAR],
            "value_text": "\n".join(chosen),
            "display_value": text[:MAX_CHAR],
        }

    @api.model
    def _grc_check_boolean(self, question, raw, today):
        if raw[0] not in ("yes", "no"):
            return self._grc_message(question, self.env._("answer yes or no.")), None
        value = raw[0] == "yes"
        return None, {
            "value_bool": value,
            "value_char": raw[0],
            "display_value": self.env._("Yes") if value else self.env._("No"),
        }

    def _grc_text_value(self, question, value, message):
        """(error, value) of a question answered with one normalised text:
        ``value`` is empty when the text was not valid, ``message`` says how
        to write it."""
        if not value:
            return self._grc_message(question, message), None
        return None, {"value_char": value, "display_value": value}

    @api.model
    def _grc_check_email(self, question, raw, today):
        return self._grc_text_value(
            question,
            normalize_email(raw[0]),
            self.env._("give a valid e-mail address, for example nom@exemple.fr."),
        )

    @api.model
    def _grc_check_phone(self, question, raw, today):
        return self._grc_text_value(
            question,
            checks.parse_phone(raw[0]),
            self.env._("give a valid phone number, for example 06 12 34 56 78."),
        )

    @api.model
    def _grc_check_address(self, question, raw, today):
        address = " ".join(raw[0].split())
        valid = len(address) <= MAX_CHAR and checks.POSTAL_CODE.search(address)
        return self._grc_text_value(
            question,
            address if valid else None,
            self.env._(
                "give the full address with its postal code, for example "
                "12 rue des Lilas 69003 Lyon."
            ),
        )

    @api.model
    def _grc_check_siret(self, question, raw, today):
        return self._grc_text_value(
            question,
            checks.compact(raw[0]) if checks.siret_valid(raw[0]) else None,
            self.env._(
                "a SIRET number has 14 digits and this one is not valid: "
                "check it on your Kbis or your notice of situation."
            ),
        )

    @api.model
    def _grc_check_iban(self, question, raw, today):
        return self._grc_text_value(
            question,
            checks.format_iban(raw[0]) if checks.iban_valid(raw[0]) else None,
            self.env._(
                "this IBAN is not valid: copy it from your bank details "
                "(RIB), for example FR76 3000 6000 0112 3456 7890 189."
            ),
        )

    @api.model
    def _grc_check_files(self, question, uploads):
        """(error, value) of a file question: the portal's upload policy."""
        if not uploads:
            if question["required"]:
                return self._grc_required_message(question), None
            return None, None
        tickets = self.env["helpdesk.ticket"]
        uploads = tickets._grc_screen_uploads(uploads)
        problems = tickets._grc_attachment_errors(uploads)
        if problems:
            return self._grc_message(question, " ".join(problems)), None
        names = ", ".join(upload.name for upload in uploads)
        return None, {"files": uploads, "display_value": names[:MAX_CHAR]}

    # ------------------------------------------------------------------
    # Supporting documents
    # ------------------------------------------------------------------

    @api.model
    def _grc_documents_check(self, documents, uploads):
        """Check the supporting documents sent (document id -> uploads)
        against the checklist ``documents`` (``grc.form.document``).

        Return ``(errors, cleaned)``: errors map ``doc_<id>`` to a message;
        cleaned is a list of (document, screened upload)."""
        errors, cleaned = {}, []
        for document in documents:
            error, upload = self._grc_document_check(
                document, uploads.get(document.id) or []
            )
            if error:
                errors[f"doc_{document.id}"] = error
            elif upload:
                cleaned.append((document, upload))
        return errors, cleaned

    @api.model
    def _grc_document_check(self, document, uploads, required=None):
        """(error, screened upload) of the files sent for one supporting
        document: one file, of the document's types and size. Sending none
        is an error when ``required`` (by default, the document's own flag;
        a replacement always needs its file): (None, None) otherwise."""
        if not uploads:
            if document.required if required is None else required:
                return self.env._(
                    "%(name)s: this document is required.", name=document.name
                ), None
            return None, None
        if len(uploads) > 1:
            return self.env._("%(name)s: send one file.", name=document.name), None
        return self._grc_document_upload_check(document, uploads[0])

    @api.model
    def _grc_document_upload_check(self, document, upload):
        """(error, screened upload) of one file sent for ``document``."""
        upload = self.env["helpdesk.ticket"]._grc_screen_uploads([upload])[0]
        if upload.error:
            return self.env._(
                "%(name)s: %(error)s", name=document.name, error=upload.error
            ), None
        extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
        if extension not in document._grc_extensions():
            return self.env._(
                "%(name)s: send a file of type %(types)s.",
                name=document.name,
                types=document._grc_types_label(),
            ), None
        if len(upload.data) > document._grc_max_size():
            return self.env._(
                "%(name)s: the file is too big (%(size)s MB at most).",
                name=document.name,
                size=format_number(round(document._grc_max_size() / 1024 / 1024, 1)),
            ), None
        return None, upload
