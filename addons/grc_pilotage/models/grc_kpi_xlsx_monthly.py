# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .grc_kpi_monthly import histogram_percentiles

# The figures of _request_figures, read from grc.kpi.request.monthly.
MONTHLY_AGGREGATES = [
    "request_count:sum",
    "closed_count:sum",
    "open_count:sum",
    "cancelled_count:sum",
    "closure_rate:avg",
    "resolution_delay_days:avg",
    "first_response_delay_hours:avg",
    "sla_known_count:sum",
    "sla_compliance:avg",
]


class GrcKpiXlsx(models.AbstractModel):
    """A workbook of whole months reads the monthly aggregates (as of their
    last refresh, said on the cover) instead of every request: a year of a
    large city in a second. A period cut inside a month, or
    ``grc_kpi_live`` in the context, reads the live views."""

    _inherit = "grc.kpi.xlsx"

    @api.model
    def _generate(self, date_from, date_to, teams=None):
        refreshed = self.env["grc.kpi.monthly.refresh"]._last_refresh()
        whole_months = (
            date_from.day == 1
            and (date_to + relativedelta(days=1)).day == 1
            and date_from <= date_to
        )
        if refreshed and whole_months and not self.env.context.get("grc_kpi_live"):
            self = self.with_context(
                grc_kpi_monthly={
                    "from": date_from,
                    "to": date_to,
                    "teams": teams.ids if teams else [],
                    "refreshed": refreshed,
                }
            )
        return super()._generate(date_from, date_to, teams)

    @api.model
    def _monthly_period(self):
        return self.env.context.get("grc_kpi_monthly")

    @api.model
    def _monthly_domain(self):
        period = self._monthly_period()
        domain = [
            # Explicit: the monthly export runs as superuser, without rules.
            ("company_id", "in", self.env.companies.ids),
            ("month", ">=", period["from"]),
            ("month", "<=", period["to"]),
        ]
        if period["teams"]:
            domain.append(("team_id", "child_of", period["teams"]))
        return domain

    @api.model
    def _request_figures(self, domain, groupby=()):
        if not self._monthly_period():
            return super()._request_figures(domain, groupby)
        Monthly = self.env["grc.kpi.request.monthly"]
        monthly_domain = self._monthly_domain()
        groups = Monthly._read_group(
            monthly_domain, groupby=list(groupby), aggregates=MONTHLY_AGGREGATES
        )
        percentiles = self._monthly_percentiles(monthly_domain, groupby)
        result = {}
        for row in groups:
            key = row[0] if groupby else None
            (
                count,
                closed,
                open_,
                cancelled,
                closure_rate,
                avg_delay,
                avg_response,
                sla_known,
                sla_rate,
            ) = row[len(groupby) :]
            delays, working = percentiles.get(
                key.id if key else None, ((None, None), (None, None))
            )
            result[key] = {
                "received": count or 0,
                "closed": closed,
                "open": open_,
                "cancelled": cancelled,
                "closure_rate": closure_rate,
                "avg_delay": avg_delay,
                "median_delay": delays[0],
                "p90_delay": delays[1],
                "median_working_delay": working[0],
                "p90_working_delay": working[1],
                "avg_first_response": avg_response,
                "sla_known": sla_known,
                "sla_rate": sla_rate if sla_known else None,
            }
        return result

    @api.model
    def _monthly_percentiles(self, domain, groupby=()):
        """Median and 90th percentile of the delays per group, from the
        rows' histograms added up (the rows the user may read)."""
        model = self.env["grc.kpi.request.monthly"]
        query = model._search(domain)
        query.order = None
        key = SQL.identifier(model._table, groupby[0]) if groupby else SQL("NULL")
        histograms = {}
        for kind in ("delay_histogram", "working_delay_histogram"):
            column = SQL.identifier(model._table, kind)
            rows = self.env.execute_query(
                SQL(
                    "SELECT g.key, h.day - 1, SUM(h.n) FROM (%s) g, "
                    "unnest(g.hist) WITH ORDINALITY AS h(n, day) "
                    "WHERE h.n > 0 GROUP BY 1, 2",
                    query.select(SQL("%s AS key", key), SQL("%s AS hist", column)),
                )
            )
            for group, day, count in rows:
                histograms.setdefault(group, {}).setdefault(kind, {})[day] = count
        return {
            group: (
                histogram_percentiles(kinds.get("delay_histogram", {})),
                histogram_percentiles(kinds.get("working_delay_histogram", {})),
            )
            for group, kinds in histograms.items()
        }

    @api.model
    def _sla_groups(self, domain):
        if not self._monthly_period():
            return super()._sla_groups(domain)
        groups = self.env["grc.kpi.request.monthly"]._read_group(
            self._monthly_domain(),
            groupby=["team_id"],
            aggregates=[
                "sla_known_count:sum",
                "sla_met_count:sum",
                "sla_compliance:avg",
                "response_known_count:sum",
                "first_response_compliance:avg",
            ],
        )
        return [tuple(row) for row in groups]

    @api.model
    def _closed_during(self, date_from, date_to, teams):
        if not self._monthly_period():
            return super()._closed_during(date_from, date_to, teams)
        # The month's output, from the monthly flow.
        [[closed]] = self.env["grc.kpi.request.flow.monthly"]._read_group(
            self._monthly_domain(), aggregates=["closed_count:sum"]
        )
        return closed or 0

    @api.model
    def _flow_model(self):
        if self._monthly_period():
            return "grc.kpi.request.flow.monthly"
        return super()._flow_model()

    @api.model
    def _sheet_cover(self, date_from, date_to, teams):
        sheet = super()._sheet_cover(date_from, date_to, teams)
        period = self._monthly_period()
        as_of = (
            fields.Datetime.context_timestamp(self, period["refreshed"])
            if period
            else fields.Datetime.context_timestamp(self, fields.Datetime.now())
        )
        sheet["rows"].append(
            [
                (self.env._("Request figures as of"), "text"),
                (as_of.strftime("%d/%m/%Y %H:%M"), "text"),
            ]
        )
        return sheet
