# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup, escape

from odoo import Command, api, fields, models

# Where the checked form waits in the intake's values between the
# validation and the creation of the request.
CHECKED_KEY = "_grc_form_checked"


class HelpdeskTicket(models.Model):
    """Requests filed with a démarche's own form: answers and supporting
    documents, checked by the intake of every channel.

    Intake values (every channel): ``form_answers`` (question key -> text,
    or list of texts for a multiple choice), ``form_files`` (question key ->
    uploads) and ``form_documents`` (checklist item id -> uploads). Errors
    come back under ``q_<key>`` and ``doc_<id>``.
    """

    _inherit = "helpdesk.ticket"

    grc_form_version_id = fields.Many2one(
        "grc.form.version",
        string="Version of the form",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    grc_form_answer_ids = fields.One2many(
        "grc.form.answer", "ticket_id", string="Answers", readonly=True, copy=False
    )
    grc_document_ids = fields.One2many(
        "grc.request.document",
        "ticket_id",
        string="Supporting documents",
        copy=False,
    )
    grc_answer_properties = fields.Properties(
        string="Answers to search",
        definition="request_type_id.grc_answer_properties_definition",
        copy=False,
        # Not readonly: Odoo drops the value given to a precomputed readonly
        # field and computes it on a new record. Written by the intake only
        # (shown in no form).
        help="The answers to the questions the démarche searches and groups "
        "requests by.",
    )
    grc_form_answers_html = fields.Html(
        string="Answers to the form",
        compute="_compute_grc_form_answers_html",
        sanitize=False,
    )

    @api.depends("grc_form_answer_ids")
    def _compute_grc_form_answers_html(self):
        for ticket in self:
            ticket.grc_form_answers_html = ticket._grc_answers_html()

    def _grc_answers_by_section(self):
        """[(section, answers)] in the order of the form, as filed."""
        self.ensure_one()
        groups = []
        for answer in self.grc_form_answer_ids.sorted("sequence"):
            if not groups or groups[-1][0] != (answer.section or ""):
                groups.append((answer.section or "", []))
            groups[-1][1].append(answer)
        return groups

    def _grc_answers_html(self):
        """The answers as a readable block (escaped: citizens typed them)."""
        self.ensure_one()
        parts = []
        for section, answers in self._grc_answers_by_section():
            if section:
                parts.append(Markup("<h4>%s</h4>") % section)
            rows = Markup("").join(
                Markup("<dt class='col-sm-4'>%s</dt><dd class='col-sm-8'>%s</dd>")
                % (answer.label, answer._grc_display())
                for answer in answers
            )
            parts.append(Markup("<dl class='row'>%s</dl>") % rows)
        return Markup("").join(parts) or False

    # ------------------------------------------------------------------
    # Intake
    # ------------------------------------------------------------------

    @api.model
    def _grc_intake_errors(self, values):
        errors = super()._grc_intake_errors(values)
        if not self._grc_sends_form(values):
            return errors
        if "request_type_id" in errors or not values.get("request_type_id"):
            return errors  # no such démarche: said by the core
        # sudo: the intake's boundary (visitors read no type).
        request_type = (
            self.env["grc.request.type"].sudo().browse(int(values["request_type_id"]))
        )
        version, definition = request_type._grc_form_version()
        if version and not (values.get("description") or "").strip():
            # The form's answers say what the request is about.
            errors.pop("description", None)
        answers, certified = self._grc_form_certified_answers(
            definition, values.get("form_answers") or {}, values.get("partner_id")
        )
        engine = self.env["grc.form.engine"]
        form_errors, cleaned = engine._grc_form_check(
            definition, answers, values.get("form_files") or {}
        )
        for answer in cleaned:
            if answer["key"] in certified:
                answer["certified"] = True  # else left out: False, not written
        document_errors, documents = engine._grc_documents_check(
            # The cached ids, not the one2many: no query per request (sudo:
            # the checklist, read for visitors too).
            self.env["grc.form.document"]
            .sudo()
            .browse(request_type._grc_document_ids()),
            {int(k): v for k, v in (values.get("form_documents") or {}).items()},
        )
        errors.update(form_errors)
        errors.update(document_errors)
        values[CHECKED_KEY] = (version, cleaned, documents)
        return errors

    @api.model
    def _grc_form_certified_answers(self, definition, answers, partner_id):
        """``(answers, keys)``: the answers with those an identity provider
        certified for the citizen put in place of what was sent (never asked
        twice, never changed), and the keys of these."""
        if not partner_id:
            return answers, set()
        # sudo: the intake's boundary (the citizen's certified identity).
        # No exists(): a query per request for nothing; an unknown citizen
        # certifies nothing (and is refused by the core).
        partner = self.env["res.partner"].sudo().browse(int(partner_id))
        certified, _provider = partner._grc_form_certified()
        keys = {
            question["key"]: certified[question["prefill"]]
            for question in definition
            if certified.get(question.get("prefill"))
        }
        return dict(answers, **keys), set(keys)

    @api.model
    def _grc_sends_form(self, values):
        """Whether the channel sends the démarche's form (the portal, the
        API and the front desk with their bridges). Channels that do not know
        forms (e-mail, Open311) file requests as before, without answers: the
        agent asks for what is missing."""
        return any(
            key in values for key in ("form_answers", "form_files", "form_documents")
        )

    @api.model
    def _grc_form_checked(self, values):
        """(version, cleaned answers, documents) of ``values``."""
        if not self._grc_sends_form(values):
            return self.env["grc.form.version"], [], []
        if CHECKED_KEY not in values:
            self._grc_intake_errors(values)
        return values[CHECKED_KEY]

    @api.model
    def _grc_intake_ticket_values(self, values, partner, company):
        version, cleaned, _documents = self._grc_form_checked(values)
        if version and not (values.get("description") or "").strip():
            values["description"] = self._grc_answers_text(version, cleaned)
        vals = super()._grc_intake_ticket_values(values, partner, company)
        if version:
            vals["grc_form_version_id"] = version.id
            vals["grc_form_answer_ids"] = [
                Command.create(self._grc_answer_vals(version, answer))
                for answer in cleaned
                if not answer.get("files")
            ]
            properties = self._grc_answer_properties(version.request_type_id, cleaned)
            if properties:
                vals["grc_answer_properties"] = properties
        return vals

    @api.model
    def _grc_answer_properties(self, request_type, answers):
        """The request's properties (key -> value) made of ``answers``
        (dicts of typed values, as the engine cleans them), for the
        questions the démarche searches and groups requests by."""
        # sudo: the definition is read for citizens and visitors too.
        definition = request_type.sudo().grc_answer_properties_definition or ()
        types = {prop["name"]: prop["type"] for prop in definition}
        values = {}
        for answer in answers:
            kind = types.get(answer["key"])
            if kind == "float":
                values[answer["key"]] = answer.get("value_number") or 0.0
            elif kind == "date":
                values[answer["key"]] = fields.Date.to_string(answer.get("value_date"))
            elif kind == "boolean":
                values[answer["key"]] = bool(answer.get("value_bool"))
            elif kind:
                values[answer["key"]] = answer.get("display_value") or False
        return values

    @api.model
    def _grc_answers_text(self, version, cleaned):
        """A plain-text description made of the answers (the request's
        description when the citizen wrote none)."""
        lines = [version.request_type_id.name]
        lines += [f"{answer['label']}: {answer['display_value']}" for answer in cleaned]
        return "\n".join(lines)

    @api.model
    def _grc_answer_vals(self, version, answer):
        vals = {
            key: answer[key]
            for key in (
                "key",
                "label",
                "kind",
                "section",
                "sequence",
                "question_id",
                "display_value",
                "value_char",
                "value_text",
                "value_number",
                "value_date",
                "value_bool",
                "certified",
            )
            if key in answer
        }
        vals["version_id"] = version.id
        vals["request_type_id"] = version.request_type_id.id
        return vals

    @api.model
    def _grc_intake(self, values, check_replay=None, validated=False):
        ticket, replayed = super()._grc_intake(
            values, check_replay=check_replay, validated=validated
        )
        if not replayed and CHECKED_KEY in values:
            ticket._grc_store_form_files(*values[CHECKED_KEY])
        return ticket, replayed

    def _grc_store_form_files(self, version, cleaned, documents):
        """The files of the form (file questions, supporting documents),
        screened by the intake, stored on the request."""
        self.ensure_one()
        # sudo: the intake's boundary (citizens create no answer).
        answers = self.env["grc.form.answer"].sudo()
        for answer in cleaned:
            if answer.get("files"):
                files = self._grc_add_intake_attachments(answer["files"])
                vals = self._grc_answer_vals(version, answer)
                vals.update(ticket_id=self.id, attachment_ids=[Command.set(files.ids)])
                answers.create(vals)
        lines = []
        for document, upload in documents:
            attachment = self._grc_add_intake_attachments([upload])
            lines.append(
                {
                    "ticket_id": self.id,
                    "document_id": document.id,
                    "sequence": document.sequence,
                    "name": document.name,
                    "attachment_id": attachment.id,
                }
            )
        if lines:
            self.env["grc.request.document"].sudo().create(lines)  # same reason

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    def _grc_portal_replace_document(self, document_id, uploads):
        """The citizen's new file for a document an agent asked to replace."""
        self.ensure_one()
        document = self.grc_document_ids.filtered(lambda d: d.id == document_id)
        if not document or document.state != "to_replace":
            return self.env._("This document does not need replacing.")
        error, upload = self.env["grc.form.engine"]._grc_document_check(
            document.document_id
            or self.env["grc.form.document"].new(
                {"name": document.name, "accepted_types": "pdf,jpg,jpeg,png"}
            ),
            uploads,
            required=True,
        )
        if error:
            return error
        document._grc_replace(upload)
        return None


class GrcFormAnswerDisplay(models.Model):
    _inherit = "grc.form.answer"

    def _grc_display(self):
        """The answer as HTML (escaped)."""
        self.ensure_one()
        if self.kind == "text":
            return Markup("<br/>").join(
                escape(line) for line in (self.value_text or "").splitlines()
            )
        if self.certified:
            return Markup("%s <span class='badge text-bg-success'>%s</span>") % (
                self.display_value or "",
                self.env._("Certified"),
            )
        return escape(self.display_value or "")
