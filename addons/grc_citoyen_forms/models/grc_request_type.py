# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import psycopg2

from odoo import api, fields, models, tools

from .grc_form_version import definition_hash

# The type of the request's property holding an answer (others: text).
PROPERTY_TYPES = {"number": "float", "date": "date", "boolean": "boolean"}


class GrcRequestType(models.Model):
    """A démarche's own form: its questions and its supporting documents."""

    _inherit = "grc.request.type"

    grc_question_ids = fields.One2many(
        "grc.form.question", "request_type_id", string="Questions", copy=True
    )
    grc_document_ids = fields.One2many(
        "grc.form.document",
        "request_type_id",
        string="Supporting documents",
        copy=True,
    )
    grc_form_version_ids = fields.One2many(
        "grc.form.version", "request_type_id", string="Versions of the form"
    )
    grc_form_version_id = fields.Many2one(
        "grc.form.version",
        string="Current version of the form",
        readonly=True,
        copy=False,
    )
    grc_form_version_hash = fields.Char(
        string="Hash of the current version", readonly=True, copy=False
    )
    grc_answer_properties_definition = fields.PropertiesDefinition(
        string="Answers to search and group by",
        compute="_compute_grc_answer_properties_definition",
        store=True,
        readonly=True,
        help="The questions marked to search and group requests by, as "
        "properties of the requests of this démarche.",
    )
    grc_has_form = fields.Boolean(
        string="Has its own form", compute="_compute_grc_has_form"
    )

    def _compute_grc_has_form(self):
        for request_type in self:
            request_type.grc_has_form = bool(
                request_type.grc_question_ids.filtered(lambda q: q.kind != "section")
            )

    @api.depends(
        "grc_question_ids.searchable",
        "grc_question_ids.kind",
        "grc_question_ids.key",
        "grc_question_ids.name",
    )
    def _compute_grc_answer_properties_definition(self):
        """The requests' properties: one per question marked searchable, by
        its technical name. Only a search and grouping aid: the answers as
        filed stay in ``grc.form.answer``, whatever the form becomes."""
        for request_type in self:
            request_type.grc_answer_properties_definition = [
                {
                    "name": question.key,
                    "string": question.name,
                    "type": PROPERTY_TYPES.get(question.kind, "char"),
                }
                for question in request_type.grc_question_ids
                if question.searchable and question.kind not in ("section", "file")
            ] or False

    def _grc_fill_answer_properties(self):
        """The properties of the requests filed before a question was marked
        to search and group them by, made of their answers as filed."""
        # sudo: every request of the démarche, whoever marks the question.
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(tracking_disable=True)
            .search(
                [
                    ("request_type_id", "in", self.ids),
                    ("grc_form_answer_ids", "!=", False),
                ]
            )
        )
        for ticket in tickets:
            answers = ticket.grc_form_answer_ids.filtered(
                lambda answer, ticket=ticket: answer.request_type_id
                == ticket.request_type_id
            )
            ticket.grc_answer_properties = (
                tickets._grc_answer_properties(
                    ticket.request_type_id,
                    [answer._grc_cleaned() for answer in answers],
                )
                or False
            )

    def copy_data(self, default=None):
        """A new démarche from an existing one: its own name, and no code
        (unique per authority) until the administrator gives it one."""
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        for request_type, vals in zip(self, vals_list, strict=True):
            if "code" not in default:
                vals["code"] = False
            if "name" not in default:
                vals["name"] = self.env._("%(name)s (copy)", name=request_type.name)
        return vals_list

    def action_grc_duplicate(self):
        """Start a new démarche from this one: its form, its supporting
        documents and its settings, opened for editing."""
        self.ensure_one()
        new_type = self.copy()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new_type.id,
            "view_mode": "form",
            "target": "current",
        }

    def copy(self, default=None):
        """A new démarche from an existing one: its conditions point at the
        copy's own questions."""
        new_types = super().copy(default)
        for old, new in zip(self, new_types, strict=True):
            by_key = {question.key: question for question in new.grc_question_ids}
            for question in old.grc_question_ids.filtered("condition_question_id"):
                by_key[question.key].condition_question_id = by_key[
                    question.condition_question_id.key
                ]
        return new_types

    def _grc_form_definition(self):
        """The form as it is now, as the engine reads it."""
        self.ensure_one()
        definition, section = [], ""
        for question in self.grc_question_ids:
            if question.kind == "section":
                section = question.name
            definition.append(question._grc_definition(section))
        return definition

    @tools.ormcache("self.id")
    def _grc_form_snapshot(self):
        """The form as it is now, frozen in the authority's language (whoever
        files first), and its hash: ``(definition, hash)``. Cached per
        démarche until a question changes (never mutate it)."""
        # sudo: read for citizens and visitors filing requests.
        request_type = self.sudo()
        lang = request_type.company_id.partner_id.lang or self.env.lang
        definition = request_type.with_context(lang=lang)._grc_form_definition()
        return definition, definition_hash(definition) if definition else None

    @tools.ormcache("self.id")
    def _grc_document_ids(self):
        """Ids of the supporting documents asked, cached per démarche until
        the checklist changes: no query for a démarche that asks none."""
        return tuple(self.sudo().grc_document_ids.ids)  # sudo: read for visitors too

    def _grc_form_version(self):
        """The version of the form requests are filed with now, and the
        form as the engine reads it: ``(version, definition)``; a new
        version when the form changed since the last one (sudo)."""
        self.ensure_one()
        definition, digest = self._grc_form_snapshot()
        # sudo: versions are made for citizens and visitors filing requests.
        request_type = self.sudo()
        versions = self.env["grc.form.version"].sudo()
        if not definition:
            return versions, []
        # The last version's hash is read with the type: no query for the
        # requests filed with an unchanged form.
        if request_type.grc_form_version_hash == digest:
            return request_type.grc_form_version_id, definition
        last = versions.search([("request_type_id", "=", self.id)], limit=1)
        if last.definition_hash != digest:
            try:
                with self.env.cr.savepoint():
                    last = versions.create(
                        {
                            "request_type_id": self.id,
                            "number": last.number + 1,
                            "definition": definition,
                            "definition_hash": digest,
                        }
                    )
            except psycopg2.errors.UniqueViolation:
                # Another submission published the same change meanwhile.
                last = versions.search([("request_type_id", "=", self.id)], limit=1)
        request_type.write(
            {"grc_form_version_id": last.id, "grc_form_version_hash": digest}
        )
        return last, definition

    def action_grc_form_preview(self):
        """The form as citizens will see it, in a new tab."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/demarches/{self.id}/apercu",
            "target": "new",
        }

    def action_grc_export_answers(self):
        """The answers to this form, one request a row (xlsx), downloaded."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/demarches/{self.id}/reponses.xlsx",
            "target": "self",
        }
