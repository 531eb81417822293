# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import hashlib
import json

from odoo import fields, models


def definition_hash(definition):
    return hashlib.sha256(
        json.dumps(definition, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


class GrcFormVersion(models.Model):
    """A form as it was published: the questions, frozen. Every request
    filed with a form points at its version, so that a later change of the
    form (a label, a choice, a question removed) never changes what the
    request says was asked and answered. Versions are made by the intake
    when the form changed since the last one; nobody edits them."""

    _name = "grc.form.version"
    _description = "Published version of a démarche's form"
    _order = "request_type_id, number desc"
    _rec_name = "number"

    request_type_id = fields.Many2one(
        "grc.request.type", required=True, ondelete="cascade", index=True
    )
    number = fields.Integer(required=True, readonly=True)
    definition = fields.Json(readonly=True)
    definition_hash = fields.Char(readonly=True)
    question_count = fields.Integer(compute="_compute_question_count")
    ticket_count = fields.Integer(string="Requests", compute="_compute_ticket_count")

    _sql_constraints = [
        (
            "number_type_uniq",
            "unique(request_type_id, number)",
            "A version number is used once per démarche.",
        ),
    ]

    def _compute_question_count(self):
        for version in self:
            version.question_count = len(
                [q for q in version.definition or [] if q["kind"] != "section"]
            )

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("grc_form_version_id", "in", self.ids)],
                groupby=["grc_form_version_id"],
                aggregates=["__count"],
            )
        )
        for version in self:
            version.ticket_count = counts.get(version, 0)

    def _compute_display_name(self):
        for version in self:
            version.display_name = self.env._(
                "%(type)s, version %(number)s",
                type=version.request_type_id.name,
                number=version.number,
            )

    def _grc_questions(self):
        """The frozen questions, by key."""
        self.ensure_one()
        return {q["key"]: q for q in self.definition or []}
