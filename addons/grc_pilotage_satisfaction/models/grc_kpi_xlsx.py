# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

MEASURES = [
    "__count",
    "answered_count:sum",
    "response_rate:avg",
    "score:avg",
    "satisfied_rate:avg",
    "dissatisfied_rate:avg",
]


class GrcKpiXlsx(models.AbstractModel):
    """The workbook's satisfaction sheet: one row per month of invitation,
    with its native chart, before the definitions."""

    _inherit = "grc.kpi.xlsx"

    @api.model
    def _get_sheets(self, domain, date_from, date_to, teams):
        sheets = super()._get_sheets(domain, date_from, date_to, teams)
        sheets.insert(-1, self._sheet_satisfaction(date_from, date_to, teams))
        return sheets

    @api.model
    def _sheet_satisfaction(self, date_from, date_to, teams):
        domain = [
            # Explicit: the monthly export runs as superuser, without rules.
            ("company_id", "in", self.env.companies.ids),
            ("month", ">=", date_from.replace(day=1)),
            ("month", "<=", date_to),
        ]
        if teams:
            domain.append(("team_id", "child_of", teams.ids))
        groups = self.env["grc.kpi.satisfaction"]._read_group(
            domain, groupby=["month:month"], aggregates=MEASURES
        )
        rows = []
        for month, invited, answered, rate, score, satisfied, dissatisfied in sorted(
            groups, key=lambda row: row[0]
        ):
            answered = answered or 0
            rows.append(
                [
                    (fields.Date.to_date(month), "month"),
                    (invited, "int"),
                    (answered, "int"),
                    (rate, "dec"),
                    # No answer: no score, no shares (not zero).
                    (score if answered else None, "dec"),
                    (satisfied if answered else None, "dec"),
                    (dissatisfied if answered else None, "dec"),
                ]
            )
        _ = self.env._
        return {
            "name": _("Satisfaction"),
            "title": _("Satisfaction with the answers, by month of invitation"),
            "chart": {"type": "line", "columns": [3, 5, 6]},
            "headers": [
                _("Month"),
                _("Citizens invited"),
                _("Answers"),
                _("Response rate (%)"),
                _("Average score (0-10)"),
                _("Satisfied (%)"),
                _("Dissatisfied (%)"),
            ],
            "rows": rows,
        }

    @api.model
    def _definitions(self):
        _ = self.env._
        return super()._definitions() + [
            (
                _("Satisfaction: response rate (%)"),
                _(
                    "Citizens invited to the survey during the month (when "
                    "their request was closed) who answered it."
                ),
            ),
            (
                _("Satisfaction: satisfied / dissatisfied (%)"),
                _(
                    "Answers scoring 8 out of 10 or more / 4 out of 10 or "
                    "less, over the month's answers."
                ),
            ),
        ]
