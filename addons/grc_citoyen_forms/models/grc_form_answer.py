# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from .grc_form_question import QUESTION_KINDS


class GrcFormAnswer(models.Model):
    """One answer of a request to its démarche's form, as filed: the label,
    the type and the section are copied from the version of the form, so
    that it reads the same whatever the form becomes; the value is typed
    (text, number, date, yes/no, files), so that it can be searched and
    grouped. Written by the intake only."""

    _name = "grc.form.answer"
    _description = "Answer to a démarche's form"
    _order = "ticket_id, sequence, id"
    _rec_name = "label"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True, readonly=True
    )
    version_id = fields.Many2one(
        "grc.form.version", ondelete="restrict", index=True, readonly=True
    )
    question_id = fields.Many2one(
        "grc.form.question",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        string="Question today",
        help="The question today, when it still exists (for grouping).",
    )
    # Written by the intake with the answer (the request's type when filed):
    # no second write of every answer, as a stored related field would do.
    request_type_id = fields.Many2one(
        "grc.request.type", string="Démarche", readonly=True, index=True
    )
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Citizen")
    key = fields.Char(readonly=True, index=True)
    label = fields.Char(string="Question", readonly=True)
    kind = fields.Selection(QUESTION_KINDS, string="Type of answer", readonly=True)
    section = fields.Char(readonly=True)
    sequence = fields.Integer(readonly=True)
    value_char = fields.Char(string="Text", readonly=True)
    value_text = fields.Text(string="Long text", readonly=True)
    value_number = fields.Float(string="Number", readonly=True)
    value_date = fields.Date(string="Date", readonly=True)
    value_bool = fields.Boolean(string="Yes / no", readonly=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        relation="grc_form_answer_attachment_rel",
        column1="answer_id",
        column2="attachment_id",
        string="Files",
        readonly=True,
    )
    display_value = fields.Char(string="Answer", readonly=True)
    certified = fields.Boolean(
        readonly=True,
        help="Given by an identity provider (FranceConnect) when the request "
        "was filed, not typed by the citizen.",
    )

    def _grc_cleaned(self):
        """This answer as the form engine cleans one: its typed values."""
        self.ensure_one()
        return {
            "key": self.key,
            "kind": self.kind,
            "display_value": self.display_value,
            "value_number": self.value_number,
            "value_date": self.value_date,
            "value_bool": self.value_bool,
        }

    @api.model_create_multi
    def create(self, vals_list):
        # Written by the intake with every value it has, 20 rows or so per
        # request: whether any default applies is looked up once for the
        # batch instead of row by row. None does unless a field is given
        # one, an administrator sets one or the context carries a default_.
        no_default = (
            not any(field.default for field in self._fields.values())
            and not any(key.startswith("default_") for key in self.env.context)
            and not self.env["ir.default"]._get_model_defaults(self._name)
        )
        answers = super(
            GrcFormAnswer, self.with_context(grc_form_answer_no_default=no_default)
        ).create(vals_list)
        return answers.with_env(self.env)

    @api.model
    def _add_missing_default_values(self, values):
        if self.env.context.get("grc_form_answer_no_default"):
            return dict(values)
        return super()._add_missing_default_values(values)
