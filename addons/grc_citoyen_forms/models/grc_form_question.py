# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.grc_citoyen.tools.normalize import words

QUESTION_KINDS = [
    ("section", "Section title"),
    ("char", "Short text"),
    ("text", "Long text"),
    ("number", "Number"),
    ("date", "Date"),
    ("selection", "Single choice"),
    ("multi", "Multiple choice"),
    ("boolean", "Yes / no"),
    ("email", "E-mail address"),
    ("phone", "Phone number"),
    ("address", "Address in France"),
    ("siret", "SIRET number"),
    ("iban", "IBAN"),
    ("file", "File"),
]
# Kinds whose answer can show or hide a later question.
CONDITION_KINDS = ("selection", "multi", "boolean")
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class GrcFormQuestion(models.Model):
    """One question of a démarche's form, edited by administrators. What
    a request filed with it answered is kept as filed: the definition is
    snapshot in a ``grc.form.version`` when the form is used."""

    _name = "grc.form.question"
    _inherit = ["grc.form.part.mixin"]
    _description = "Question of a démarche's form"
    _order = "request_type_id, sequence, id"

    name = fields.Char(string="Label", required=True, translate=True)
    key = fields.Char(
        help="Technical name of the answer (API, exports); made from the label "
        "when left empty.",
    )
    kind = fields.Selection(
        QUESTION_KINDS, string="Type of answer", required=True, default="char"
    )
    required = fields.Boolean()
    options = fields.Text(
        string="Choices",
        translate=True,
        help="Single and multiple choice: one choice per line.",
    )
    min_value = fields.Float(string="Minimum")
    max_value = fields.Float(string="Maximum")
    has_min = fields.Boolean(string="Has a minimum")
    has_max = fields.Boolean(string="Has a maximum")
    integer_only = fields.Boolean(string="Whole number")
    date_min = fields.Date(string="Earliest date")
    date_max = fields.Date(string="Latest date")
    date_future = fields.Boolean(
        string="In the future", help="The date must be after today."
    )
    condition_question_id = fields.Many2one(
        "grc.form.question",
        string="Shown when",
        ondelete="set null",
        copy=False,  # a copied démarche points at its own questions (copy())
        domain="[('request_type_id', '=', request_type_id), "
        "('kind', 'in', ('selection', 'multi', 'boolean'))]",
        help="A previous question (choice or yes/no) whose answer shows this one.",
    )
    condition_value = fields.Char(
        string="Answer that shows it",
        help="The choice (as written in the choices), or yes / no.",
    )
    searchable = fields.Boolean(
        string="Search and group requests by it",
        help="The requests' list searches and groups by this answer (Filters "
        "and Group By, under Answers to search). Not for files nor sections.",
    )
    prefill = fields.Selection(
        [
            ("name", "Name"),
            ("email", "E-mail"),
            ("phone", "Phone"),
            ("address", "Address"),
            ("birthdate", "Date of birth"),
        ],
        string="Pre-filled from the citizen",
        help="What the authority already knows of the signed-in citizen fills "
        "the answer in (they may correct it).",
    )

    _sql_constraints = [
        (
            "key_type_uniq",
            "unique(request_type_id, key)",
            "Two questions of a form cannot have the same technical name.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("key"):
                vals["key"] = "_".join(words(vals.get("name")))[:30] or "q"
        questions = super().create(vals_list)
        for question in questions:
            clash = self.search_count(
                [
                    ("request_type_id", "=", question.request_type_id.id),
                    ("key", "=", question.key),
                ]
            )
            if clash > 1 or not KEY_RE.match(question.key):
                question.key = f"q{question.id}"
        return questions

    def write(self, vals):
        marked = self.browse()
        if vals.get("searchable"):
            marked = self.filtered(lambda question: not question.searchable)
        res = super().write(vals)
        # The requests filed before get the answer as a property too.
        marked.request_type_id._grc_fill_answer_properties()
        return res

    @api.constrains("key")
    def _check_key(self):
        for question in self:
            if not KEY_RE.match(question.key or ""):
                raise ValidationError(
                    self.env._(
                        "The technical name %(key)s must start with a letter and "
                        "hold only lower-case letters, digits and underscores.",
                        key=question.key,
                    )
                )

    @api.constrains("condition_question_id", "sequence", "condition_value")
    def _check_condition(self):
        for question in self.filtered("condition_question_id"):
            condition = question.condition_question_id
            if (
                condition.request_type_id != question.request_type_id
                or condition.kind not in CONDITION_KINDS
                or (condition.sequence, condition.id)
                >= (question.sequence, question.id or 0)
            ):
                raise ValidationError(
                    self.env._(
                        "The question %(name)s can only depend on a previous "
                        "choice or yes/no question of the same form.",
                        name=question.name,
                    )
                )
            if not question.condition_value:
                raise ValidationError(
                    self.env._(
                        "Say which answer shows the question %(name)s.",
                        name=question.name,
                    )
                )

    @api.constrains("kind", "options")
    def _check_options(self):
        for question in self.filtered(lambda q: q.kind in ("selection", "multi")):
            if not question._grc_options():
                raise ValidationError(
                    self.env._(
                        "The question %(name)s needs at least one choice.",
                        name=question.name,
                    )
                )

    def _grc_options(self):
        self.ensure_one()
        return [
            line.strip() for line in (self.options or "").splitlines() if line.strip()
        ]

    def _grc_definition(self, section=""):
        """This question as the form engine and the snapshot read it."""
        self.ensure_one()
        return {
            "id": self.id,
            "key": self.key,
            "kind": self.kind,
            "label": self.name,
            "help": self.help or "",
            "required": self.required and self.kind != "section",
            "options": self._grc_options(),
            "min": self.min_value if self.has_min else None,
            "max": self.max_value if self.has_max else None,
            "integer": self.integer_only,
            "date_min": fields.Date.to_string(self.date_min) or None,
            "date_max": fields.Date.to_string(self.date_max) or None,
            "future": self.date_future,
            "cond_key": self.condition_question_id.key or None,
            "cond_value": (self.condition_value or "").strip() or None,
            "prefill": self.prefill or None,
            "section": section,
        }
