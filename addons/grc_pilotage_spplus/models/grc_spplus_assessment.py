# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The yearly self-assessment of the Services Publics+ commitments: one
record per year (and per service, or the whole authority), the
commitments' texts, the figures of the year filled in, the manager's
comments and actions; printed (PDF) or exported (xlsx) for the
programme's publication."""

import base64
import io
from datetime import date

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .grc_spplus_figures import COMMITMENTS


class GrcSpplusAssessment(models.Model):
    _name = "grc.spplus.assessment"
    _description = "Services Publics+ self-assessment"
    _inherit = ["mail.thread"]
    _order = "year desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year - 1,
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Service",
        index=True,
        help="The service assessed, with the services below it; empty: the "
        "whole authority.",
    )
    is_confidential = fields.Boolean(
        related="team_id.is_confidential", store=True, string="Confidential service"
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        tracking=True,
    )
    computed_on = fields.Datetime(string="Figures computed on", readonly=True)
    line_ids = fields.One2many(
        comodel_name="grc.spplus.assessment.line",
        inverse_name="assessment_id",
        string="Commitments",
        copy=True,
    )
    summary = fields.Text(
        string="Manager's assessment",
        help="What went well, what did not, for the publication.",
    )
    export_file = fields.Binary(string="Workbook", attachment=True, readonly=True)
    export_filename = fields.Char(readonly=True)

    @api.depends("year", "team_id.name")
    def _compute_name(self):
        for assessment in self:
            scope = assessment.team_id.name or self.env._("whole authority")
            assessment.name = self.env._(
                "Services Publics+ %(year)s (%(scope)s)",
                year=assessment.year,
                scope=scope,
            )

    @api.constrains("year", "company_id", "team_id")
    def _check_year(self):
        for assessment in self:
            if not 2000 <= assessment.year <= 2100:
                raise ValidationError(
                    self.env._("%(year)s is not a year.", year=assessment.year)
                )
            # sudo: a twin the user may not read is still a twin.
            twin = self.sudo().search_count(
                [
                    ("id", "!=", assessment.id),
                    ("year", "=", assessment.year),
                    ("company_id", "=", assessment.company_id.id),
                    ("team_id", "=", assessment.team_id.id),
                ]
            )
            if twin:
                raise ValidationError(
                    self.env._(
                        "There is already a self-assessment of %(year)s for "
                        "this scope.",
                        year=assessment.year,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        assessments = super().create(vals_list)
        for assessment in assessments.filtered(lambda a: not a.line_ids):
            assessment._create_default_lines()
        return assessments

    def _create_default_lines(self):
        texts = self.env["grc.spplus.figures"]._commitment_texts()
        self.env["grc.spplus.assessment.line"].create(
            [
                {
                    "assessment_id": self.id,
                    "sequence": index,
                    "code": code,
                    "unit": unit,
                    "name": texts[code][0],
                    "commitment": texts[code][1],
                }
                for index, (code, unit) in enumerate(COMMITMENTS)
            ]
        )

    def action_compute(self):
        """Fill in the figures of the year (over again while a draft)."""
        for assessment in self:
            if assessment.state == "published":
                raise UserError(
                    self.env._(
                        "%(name)s is published: set it back to draft to "
                        "compute its figures again.",
                        name=assessment.name,
                    )
                )
            figures = self.env["grc.spplus.figures"]._compute_figures(
                date(assessment.year, 1, 1),
                date(assessment.year, 12, 31),
                company=assessment.company_id,
                team=assessment.team_id,
            )
            for line in assessment.line_ids:
                figure = figures.get(line.code)
                if not figure:
                    continue
                line.write(
                    {
                        "value": figure["value"] or 0.0,
                        "has_value": figure["value"] is not None,
                        "numerator": figure["numerator"],
                        "denominator": figure["denominator"],
                        "in_time": figure.get("in_time") or 0.0,
                        "has_in_time": figure.get("in_time") is not None,
                    }
                )
            assessment.computed_on = fields.Datetime.now()
        return True

    def action_publish(self):
        for assessment in self:
            if not assessment.computed_on:
                raise UserError(
                    self.env._(
                        "Compute the figures of %(name)s before publishing it.",
                        name=assessment.name,
                    )
                )
        self.state = "published"

    def action_draft(self):
        self.state = "draft"

    def _report_definitions(self):
        return self.env["grc.spplus.figures"]._definitions()

    def action_print(self):
        return self.env.ref(
            "grc_pilotage_spplus.action_report_grc_spplus_assessment"
        ).report_action(self)

    # Workbook

    def _xlsx_rows(self):
        """Header and rows of the workbook (one per commitment)."""
        self.ensure_one()
        _ = self.env._
        headers = [
            _("Commitment"),
            _("Indicator"),
            _("Figure"),
            _("Unit"),
            _("Counted"),
            _("Out of"),
            _("Within the first-response deadline (%)"),
            _("Target"),
            _("Comment"),
            _("Actions"),
        ]
        units = dict(
            self.env["grc.spplus.assessment.line"]
            ._fields["unit"]
            ._description_selection(self.env)
        )
        rows = []
        for line in self.line_ids:
            rows.append(
                [
                    line.commitment or "",
                    line.name or "",
                    line.value if line.has_value else None,
                    units.get(line.unit, ""),
                    line.numerator,
                    line.denominator,
                    line.in_time if line.has_in_time else None,
                    line.target if line.target else None,
                    line.comment or "",
                    line.action or "",
                ]
            )
        return headers, rows

    def _xlsx_content(self):
        self.ensure_one()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        sheet = workbook.add_worksheet(self.env._("Self-assessment")[:31])
        # Text typed by people is written as text, never as a formula.
        sheet.write_string(0, 0, self.name, bold)
        sheet.write_string(1, 0, self.company_id.name or "")
        sheet.write_string(
            2,
            0,
            self.env._("Period: 1 January to 31 December %(year)s", year=self.year),
        )
        if self.computed_on:
            sheet.write_string(
                3,
                0,
                self.env._(
                    "Figures computed on %(date)s",
                    date=fields.Date.to_string(self.computed_on.date()),
                ),
            )
        headers, rows = self._xlsx_rows()
        for col, header in enumerate(headers):
            sheet.write_string(5, col, header, bold)
        for index, row in enumerate(rows, start=6):
            for col, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(index, col, value, wrap)
                else:
                    sheet.write_number(index, col, value)
        last = 6 + len(rows) + 1
        sheet.write_string(last, 0, self.env._("Manager's assessment"), bold)
        sheet.write_string(last + 1, 0, self.summary or "", wrap)
        definitions = workbook.add_worksheet(self.env._("Definitions")[:31])
        definitions.write_string(0, 0, self.env._("Indicator"), bold)
        definitions.write_string(0, 1, self.env._("How it is counted"), bold)
        for index, (label, text) in enumerate(
            self.env["grc.spplus.figures"]._definitions(), start=1
        ):
            definitions.write_string(index, 0, label)
            definitions.write_string(index, 1, text, wrap)
        definitions.set_column(0, 0, 40)
        definitions.set_column(1, 1, 90)
        sheet.set_column(0, 1, 40)
        sheet.set_column(2, 7, 14)
        sheet.set_column(8, 9, 50)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        self.ensure_one()
        self.write(
            {
                "export_file": base64.b64encode(self._xlsx_content()),
                "export_filename": f"services-publics-plus-{self.year}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/export_file/"
            f"{self.export_filename}?download=true",
            "target": "self",
        }


class GrcSpplusAssessmentLine(models.Model):
    _name = "grc.spplus.assessment.line"
    _description = "Services Publics+ commitment of a self-assessment"
    _order = "assessment_id, sequence, id"

    assessment_id = fields.Many2one(
        comodel_name="grc.spplus.assessment",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="assessment_id.company_id", store=True, index=True
    )
    team_id = fields.Many2one(related="assessment_id.team_id", store=True)
    is_confidential = fields.Boolean(
        related="assessment_id.is_confidential", store=True
    )
    sequence = fields.Integer(default=10)
    code = fields.Selection(
        selection=[
            ("on_time", "Answered within the announced delay"),
            ("satisfied", "Satisfied answers"),
            ("pickup", "Phone pick-up rate"),
            ("email_delay", "First answer to e-mails"),
            ("letter_delay", "First answer to letters"),
        ],
        string="Measured by",
        help="The figure computed for this commitment; empty for a commitment "
        "assessed by the manager's comment only.",
    )
    unit = fields.Selection(
        selection=[("percent", "%"), ("days", "days")], default="percent"
    )
    name = fields.Char(string="Indicator", required=True)
    commitment = fields.Text()
    value = fields.Float(string="Figure", digits=(16, 1), readonly=True)
    has_value = fields.Boolean(readonly=True)
    numerator = fields.Float(string="Counted", digits=(16, 2), readonly=True)
    denominator = fields.Integer(string="Out of", readonly=True)
    in_time = fields.Float(
        string="Within the first-response deadline (%)", digits=(16, 1), readonly=True
    )
    has_in_time = fields.Boolean(readonly=True)
    target = fields.Float(help="The figure aimed at (optional).")
    comment = fields.Text()
    action = fields.Text(string="Actions", help="What the service will do about it.")
