# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

# Aggregates read for every group of complaints; see _reclamation_figures.
RECLAMATION_AGGREGATES = [
    "__count",
    "answered_count:sum",
    "on_time_rate:count",
    "on_time_rate:sum",
    "on_time_rate:avg",
    "answer_delay_working_days:avg",
    "justified_count:sum",
    "open_action_count:sum",
    "satisfaction_rate:avg",
]


class GrcKpiXlsx(models.AbstractModel):
    """Complaints in the indicators workbook: their lines of the summary,
    one sheet per service and one per reason."""

    _inherit = "grc.kpi.xlsx"

    @api.model
    def _reclamation_figures(self, domain, groupby=()):
        """Figures of the complaints per group: {group key: figures}.

        A complaint counts once, under its responsible service (see
        ``grc.kpi.reclamation``).
        """
        groups = self.env["grc.kpi.reclamation"]._read_group(
            domain, groupby=list(groupby), aggregates=RECLAMATION_AGGREGATES
        )
        result = {}
        for row in groups:
            (
                count,
                answered,
                known,
                met_sum,
                rate,
                working_days,
                justified,
                open_actions,
                satisfaction,
            ) = row[len(groupby) :]
            # on_time_rate is 100 for a deadline met, 0 for one missed.
            met = round((met_sum or 0) / 100.0)
            result[row[0] if groupby else None] = {
                "received": count,
                "answered": answered,
                "on_time": met,
                "late": known - met,
                "on_time_rate": rate if known else None,
                "avg_working_days": working_days,
                "justified": justified,
                "open_actions": open_actions,
                "satisfaction": satisfaction,
            }
        return result

    def _reclamation_columns(self):
        return [
            (self.env._("Complaints received"), "received", "int"),
            (self.env._("Answered"), "answered", "int"),
            (self.env._("Answered on time"), "on_time", "int"),
            (self.env._("Answered late or overdue"), "late", "int"),
            (self.env._("Answered on time (%)"), "on_time_rate", "dec"),
            (
                self.env._("Average delay to answer (working days)"),
                "avg_working_days",
                "dec",
            ),
            (self.env._("Justified"), "justified", "int"),
            (self.env._("Corrective actions open"), "open_actions", "int"),
            (
                self.env._("Citizens satisfied with the answer (%)"),
                "satisfaction",
                "dec",
            ),
        ]

    @api.model
    def _reclamation_summary_rows(self, domain):
        complaints = self._reclamation_figures(domain).get(None, {})
        return [
            [
                (self.env._("Complaints received"), "text"),
                (complaints.get("received", 0), "int"),
            ],
            [
                (self.env._("Complaints answered on time (%)"), "text"),
                (complaints.get("on_time_rate"), "dec"),
            ],
        ]

    @api.model
    def _sheet_reclamations(self, name, title, domain, groupby, header):
        figures = self._reclamation_figures(domain, [groupby])
        return self._sheet_figures(
            name, title, header, figures, self._reclamation_columns()
        )
