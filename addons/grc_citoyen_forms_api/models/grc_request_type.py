# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models

from odoo.addons.grc_citoyen_forms.models.grc_form_engine import MAX_CHAR, MAX_TEXT

# The JSON Schema dialect of OpenAPI 3.1 documents.
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# What a JSON value of each kind of question is; the server's checks (the
# form engine, the same as the portal's) say the rest: checksums, phone
# numbers, dates after today.
STRING_KINDS = {
    "char": {"maxLength": MAX_CHAR},
    "text": {"maxLength": MAX_TEXT},
    "email": {"format": "email", "maxLength": MAX_CHAR},
    "phone": {"maxLength": 64},
    "address": {"maxLength": MAX_CHAR},
    "siret": {"maxLength": 32},
    "iban": {"maxLength": 64},
    "date": {"format": "date"},
}


def _condition_value(question, value):
    """The JSON value of the answer that shows a question."""
    if question["kind"] == "boolean":
        return value == "yes"
    return value


class GrcRequestType(models.Model):
    """A démarche's form as the mobile app reads it: a JSON Schema of its
    answers (one property per question, by its technical name) and its
    checklist of supporting documents."""

    _inherit = "grc.request.type"

    def _grc_api_answer_schema(self, question):
        """The JSON Schema of the answer to one question (a definition of
        ``grc.form.question._grc_definition``)."""
        kind = question["kind"]
        schema = {"title": question["label"], "x-grc-kind": kind}
        if question["help"]:
            schema["description"] = question["help"]
        if question["section"]:
            schema["x-grc-section"] = question["section"]
        if kind in STRING_KINDS:
            schema.update(type="string", **STRING_KINDS[kind])
        if kind == "number":
            schema["type"] = "integer" if question["integer"] else "number"
            if question["min"] is not None:
                schema["minimum"] = question["min"]
            if question["max"] is not None:
                schema["maximum"] = question["max"]
        elif kind == "date":
            if question["date_min"]:
                schema["x-grc-date-min"] = question["date_min"]
            if question["date_max"]:
                schema["x-grc-date-max"] = question["date_max"]
            if question["future"]:
                schema["x-grc-after-today"] = True
        elif kind == "selection":
            schema.update(type="string", enum=question["options"])
        elif kind == "multi":
            schema.update(
                type="array",
                items={"type": "string", "enum": question["options"]},
                uniqueItems=True,
            )
        elif kind == "boolean":
            schema["type"] = "boolean"
        elif kind == "file":
            # The names of parts of `files` sent with the request.
            schema.update(
                type="array",
                items={"type": "string", "description": "Name of a file sent."},
                minItems=1,
            )
        return schema

    def _grc_api_form_schema(self, definition=None):
        """The JSON Schema (2020-12) of the answers to this démarche's form:
        one property per question; the questions always required in
        ``required``; those a previous answer shows in ``allOf`` (``if`` the
        answer, ``then`` required). Answers to questions not shown are
        ignored by the server."""
        self.ensure_one()
        if definition is None:
            definition = self._grc_form_definition()
        questions = [q for q in definition if q["kind"] != "section"]
        by_key = {question["key"]: question for question in questions}
        schema = {
            "$schema": JSON_SCHEMA_DIALECT,
            "title": self.name,
            "type": "object",
            "properties": {
                question["key"]: self._grc_api_answer_schema(question)
                for question in questions
            },
            "additionalProperties": False,
        }
        required = [q["key"] for q in questions if q["required"] and not q["cond_key"]]
        if required:
            schema["required"] = required
        conditions = []
        for question in questions:
            condition = by_key.get(question["cond_key"])
            if not condition:
                continue
            value = _condition_value(condition, question["cond_value"])
            shown_by = (
                {"contains": {"const": value}}
                if condition["kind"] == "multi"
                else {"const": value}
            )
            rule = {
                "if": {
                    "properties": {condition["key"]: shown_by},
                    "required": [condition["key"]],
                },
                "then": {"required": [question["key"]]} if question["required"] else {},
                "x-grc-shows": question["key"],
            }
            conditions.append(rule)
        if conditions:
            schema["allOf"] = conditions
        return schema

    def _grc_api_documents(self):
        """The supporting documents asked, as the app shows them."""
        self.ensure_one()
        documents = self.sudo().grc_document_ids  # sudo: for citizens and visitors
        return [
            {
                "id": document.id,
                "name": document.name,
                "help": document.help or "",
                "required": document.required,
                "accepted_types": document._grc_extensions(),
                "max_size": document._grc_max_size(),
            }
            for document in documents
        ]

    def _grc_api_openapi_schemas(self):
        """The forms of the public démarches for the OpenAPI document:
        ``{"RequestTypeForm<id>": schema}``, only for those with a form."""
        request_types = self.search(self._grc_public_domain())
        # sudo: found with the caller's rules; the questions are read for anyone.
        return {
            f"RequestTypeForm{request_type.id}": request_type._grc_api_form_schema()
            for request_type in request_types.sudo()
            if request_type.grc_has_form
        }
