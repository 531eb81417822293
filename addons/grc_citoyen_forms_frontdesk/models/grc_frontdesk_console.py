# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, api, fields, models

from odoo.addons.grc_citoyen_forms.tools.checks import format_number


class PrefilledProperties(fields.Properties):
    """The answers of the console: Odoo's properties, whose default values
    (when the console is created, when the démarche changes) also hold what
    the authority already knows of the citizen, as the portal pre-fills
    (``_grc_form_known_answers``), never over an answer typed."""

    def _setup_definition_attrs(self):
        res = super()._setup_definition_attrs()
        if self.definition:
            self._depends = (*self._depends, "partner_id")
        return res

    def _add_default_values(self, env, values):
        # The console's creation: its values give the démarche and citizen.
        answers = super()._add_default_values(env, values)
        if answers and values.get("partner_id"):
            model = env[self.model_name]
            known = model._grc_form_known_answers(
                model.request_type_id.browse(values[self.definition_record]),
                model.partner_id.browse(values["partner_id"]),
            )
            for answer in answers:
                if answer.get("value") in (None, False, "") and known.get(
                    answer.get("name")
                ):
                    answer["value"] = known[answer["name"]]
        return answers

    def _compute(self, records):
        res = super()._compute(records)
        for record in records:
            known = record._grc_form_known_answers(
                record.request_type_id, record.partner_id
            )
            values = dict(record[self.name] or {})
            missing = {
                key: value
                for key, value in known.items()
                if values.get(key) in (None, False, "")
            }
            if missing:
                record[self.name] = dict(values, **missing)
        return res


class GrcFrontdeskConsole(models.TransientModel):
    """The démarche's form inside the front-desk console: the agent answers
    its questions for the citizen and adds the files it asks for (supporting
    documents brought to the desk, file questions). The request goes through
    the intake with them, checked by the form's rules, the portal's: an error
    is shown to the agent and nothing typed is lost."""

    _inherit = "grc.frontdesk.console"

    grc_has_form = fields.Boolean(related="request_type_id.grc_has_form")
    grc_form_answers = PrefilledProperties(
        string="Answers to the form",
        definition="request_type_id.grc_desk_form_definition",
        copy=False,
    )
    grc_form_conditions = fields.Json(
        string="Conditions of the questions",
        compute="_compute_grc_form_conditions",
        help="Question key -> [key of the question it depends on, answer that "
        "shows it]: the console shows a question only when its condition is "
        "met, as the portal does.",
    )
    grc_form_file_ids = fields.One2many(
        "grc.frontdesk.form.file",
        "console_id",
        string="Documents and files",
        compute="_compute_grc_form_file_ids",
        store=True,
        readonly=False,
    )

    @api.model
    def _grc_form_known_answers(self, request_type, partner):
        """{question key: answer} of what the authority already knows of
        ``partner``, for the questions of ``request_type`` pre-filled with it."""
        request_type = request_type.sudo()  # sudo: the form, for agents
        if not (request_type and partner):
            return {}
        known = dict(partner._grc_form_prefill(), **partner._grc_form_certified()[0])
        return {
            question["key"]: known[question["prefill"]]
            for question in request_type._grc_form_definition()
            if known.get(question.get("prefill"))
        }

    @api.depends("request_type_id")
    def _compute_grc_form_conditions(self):
        for console in self:
            request_type = console.request_type_id.sudo()  # sudo: the form, for agents
            definition = request_type._grc_form_definition() if request_type else []
            console.grc_form_conditions = {
                question["key"]: [question["cond_key"], question["cond_value"]]
                for question in definition
                if question.get("cond_key")
            }

    @api.depends("request_type_id")
    def _compute_grc_form_file_ids(self):
        """The files the chosen démarche asks for: its file questions, then
        its supporting documents."""
        for console in self:
            commands = [Command.clear()]
            request_type = console.request_type_id.sudo()  # sudo: the form, for agents
            for question in request_type.grc_question_ids.filtered(
                lambda q: q.kind == "file"
            ):
                commands.append(
                    Command.create(
                        {
                            "sequence": len(commands),
                            "kind": "question",
                            "key": question.key,
                            "name": question.name,
                            "help": question.help,
                            "required": question.required,
                        }
                    )
                )
            for document in request_type.grc_document_ids:
                commands.append(
                    Command.create(
                        {
                            "sequence": len(commands),
                            "kind": "document",
                            "document_id": document.id,
                            "name": document.name,
                            "help": self.env._(
                                "%(types)s, %(size)s MB at most",
                                types=document._grc_types_label(),
                                size=format_number(
                                    round(document._grc_max_size() / 1024 / 1024, 1)
                                ),
                            ),
                            "required": document.required,
                        }
                    )
                )
            console.grc_form_file_ids = commands

    def _grc_form_answers(self):
        """The answers typed, as the intake reads a form's: key -> text or
        list of choices; nothing typed is an empty answer."""
        self.ensure_one()
        answers = {}
        for prop in self.read(["grc_form_answers"])[0]["grc_form_answers"] or []:
            if prop["type"] == "separator":
                continue
            value = prop.get("value")
            answers[prop["name"]] = "" if value is False or value is None else value
        return answers

    def _grc_request_values(self):
        values = super()._grc_request_values()
        files, documents = {}, {}
        for line in self.grc_form_file_ids:
            if line.kind == "question":
                files[line.key] = line._grc_upload()
            elif line.document_id:
                documents[line.document_id.id] = line._grc_upload()
        values.update(
            form_answers=self._grc_form_answers(),
            form_files=files,
            form_documents=documents,
        )
        return values
