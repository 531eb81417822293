# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io
import statistics
from datetime import datetime, time, timedelta

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError

# Aggregates read for every group of requests; see _request_figures.
REQUEST_AGGREGATES = [
    "__count",
    "closed_count:sum",
    "open_count:sum",
    "resolution_delay_days:avg",
    "resolution_delay_days:array_agg",
    "first_response_delay_hours:avg",
    "sla_compliance:count",
    "sla_compliance:avg",
]


class GrcKpiXlsx(models.AbstractModel):
    """Workbook of indicators for a period and a set of services, read through
    the indicator views with the rights of the current user (the monthly
    export runs as superuser and sees every service).

    The complaint figures and sheets are in ``grc_kpi_xlsx_reclamation.py``.
    """

    _name = "grc.kpi.xlsx"
    _description = "Indicators workbook"

    @api.model
    def _generate(self, date_from, date_to, teams=None):
        """Return the .xlsx content (bytes) for requests received between both
        dates (local days, included) in ``teams`` and the services below them
        (every service when empty)."""
        if date_from > date_to:
            raise UserError(self.env._("The start date must precede the end date."))
        domain = self._get_domain(date_from, date_to, teams)
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        styles = self._get_styles(workbook)
        for sheet in self._get_sheets(domain, date_from, date_to, teams):
            self._write_sheet(workbook, styles, sheet)
        workbook.close()
        return output.getvalue()

    @api.model
    def _get_domain(self, date_from, date_to, teams=None, date_field="received"):
        """Domain of the rows of a KPI model for the period and services.

        ``date_field`` is the prefix of the timestamp / local day columns
        (``received_date`` / ``received_day`` for requests, ``date`` / ``day``
        for interactions).
        """
        stamp, day = (
            ("received_date", "received_day")
            if date_field == "received"
            else ("date", "day")
        )
        # The timestamp bounds, one day wider than the local days, let
        # PostgreSQL use its index; the local days give the exact period.
        domain = [
            # Explicit: the monthly export runs as superuser, without rules.
            ("company_id", "in", self.env.companies.ids),
            (stamp, ">=", datetime.combine(date_from - timedelta(days=1), time.min)),
            (stamp, "<", datetime.combine(date_to + timedelta(days=2), time.min)),
            (day, ">=", date_from),
            (day, "<=", date_to),
        ]
        if teams:
            domain.append(("team_id", "child_of", teams.ids))
        return domain

    @api.model
    def _get_sheets(self, domain, date_from, date_to, teams):
        """The sheets of the workbook; override to add some.

        ``domain`` selects the requests; complaints have the same columns
        (received date and day, company, service) and use it too.
        """
        interaction_domain = self._get_domain(
            date_from, date_to, teams, date_field="date"
        )
        summary = self._sheet_summary(
            domain, interaction_domain, date_from, date_to, teams
        )
        summary["rows"] += self._reclamation_summary_rows(domain)
        return [
            summary,
            self._sheet_grouped(
                self.env._("By service"), domain, "team_id", self.env._("Service")
            ),
            self._sheet_channel(domain, interaction_domain),
            self._sheet_grouped(
                self.env._("By type"), domain, "request_type_id", self.env._("Type")
            ),
            self._sheet_sla(domain),
            self._sheet_reclamations(
                self.env._("Complaints"),
                self.env._("Complaints per service"),
                domain,
                "team_id",
                self.env._("Service"),
            ),
            self._sheet_reclamations(
                self.env._("Complaint reasons"),
                self.env._("Complaints per reason"),
                domain,
                "reason_id",
                self.env._("Reason"),
            ),
        ]

    # ------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------

    @api.model
    def _request_figures(self, domain, groupby=()):
        """Figures of the requests per group: {group key: figures}."""
        result = {}
        groups = self.env["grc.kpi.request"]._read_group(
            domain, groupby=list(groupby), aggregates=REQUEST_AGGREGATES
        )
        for row in groups:
            key = row[: len(groupby)]
            (
                count,
                closed,
                open_,
                avg_delay,
                delays,
                avg_response,
                sla_known,
                sla_rate,
            ) = row[len(groupby) :]
            delays = [d for d in delays if d is not None]
            result[key[0] if groupby else None] = {
                "received": count,
                "closed": closed,
                "open": open_,
                "avg_delay": avg_delay,
                "median_delay": statistics.median(delays) if delays else None,
                "avg_first_response": avg_response,
                "sla_known": sla_known,
                "sla_rate": sla_rate,
            }
        return result

    @api.model
    def _interaction_figures(self, domain, groupby=()):
        groups = self.env["grc.kpi.interaction"]._read_group(
            domain,
            groupby=list(groupby),
            aggregates=["__count", "request_count:sum", "first_contact_resolution:avg"],
        )
        return {
            (row[0] if groupby else None): {
                "contacts": row[-3],
                "requests": row[-2],
                "fcr": row[-1],
            }
            for row in groups
        }

    def _request_columns(self):
        return [
            (self.env._("Requests received"), "received", "int"),
            (self.env._("Closed"), "closed", "int"),
            (self.env._("Still open"), "open", "int"),
            (self.env._("Average delay to resolution (days)"), "avg_delay", "dec"),
            (self.env._("Median delay to resolution (days)"), "median_delay", "dec"),
            (
                self.env._("Average delay to first response (hours)"),
                "avg_first_response",
                "dec",
            ),
            (self.env._("Deadline compliance (%)"), "sla_rate", "dec"),
        ]

    # ------------------------------------------------------------
    # Sheets: {"name", "title", "headers", "formats", "rows"}
    # ------------------------------------------------------------

    @api.model
    def _sheet_summary(self, domain, interaction_domain, date_from, date_to, teams):
        request_figures = self._request_figures(domain).get(None, {})
        contacts = self._interaction_figures(interaction_domain).get(None, {})
        services = (
            ", ".join(teams.mapped("display_name"))
            if teams
            else self.env._("All services")
        )
        rows = [
            (self.env._("Period start"), date_from, "date"),
            (self.env._("Period end"), date_to, "date"),
            (self.env._("Services"), services, "text"),
        ]
        rows += [
            (label, request_figures.get(key), fmt)
            for label, key, fmt in self._request_columns()
        ]
        rows += [
            (self.env._("Contacts recorded"), contacts.get("contacts", 0), "int"),
            (
                self.env._("First-contact resolution (%)"),
                contacts.get("fcr"),
                "dec",
            ),
        ]
        return {
            "name": self.env._("Summary"),
            "title": self.env._("Citizen relations indicators"),
            "headers": [self.env._("Indicator"), self.env._("Value")],
            "rows": [[(label, "text"), (value, fmt)] for label, value, fmt in rows],
        }

    @api.model
    def _sheet_grouped(self, name, domain, groupby, header):
        figures = self._request_figures(domain, [groupby])
        return self._sheet_figures(name, name, header, figures, self._request_columns())

    @api.model
    def _sheet_figures(self, name, title, header, figures, columns):
        """A sheet of one row per group, largest first: the group's label,
        then ``columns`` ([(label, figure key, format)]) of its figures."""
        return {
            "name": name,
            "title": title,
            "headers": [header] + [label for label, __, __ in columns],
            "rows": [
                [(self._label(record), "text")]
                + [(values[key], fmt) for __, key, fmt in columns]
                for record, values in self._sorted(figures)
            ],
        }

    @api.model
    def _sheet_channel(self, domain, interaction_domain):
        request_figures = self._request_figures(domain, ["channel_id"])
        contacts = self._interaction_figures(interaction_domain, ["channel_id"])
        channels = list(dict.fromkeys([*request_figures, *contacts]))
        channels.sort(key=lambda c: -request_figures.get(c, {}).get("received", 0))
        rows = []
        for channel in channels:
            req, con = request_figures.get(channel, {}), contacts.get(channel, {})
            rows.append(
                [
                    (self._label(channel), "text"),
                    (req.get("received", 0), "int"),
                    (req.get("closed", 0), "int"),
                    (req.get("median_delay"), "dec"),
                    (con.get("contacts", 0), "int"),
                    (con.get("fcr"), "dec"),
                ]
            )
        return {
            "name": self.env._("By channel"),
            "title": self.env._("By channel"),
            "headers": [
                self.env._("Channel"),
                self.env._("Requests received"),
                self.env._("Closed"),
                self.env._("Median delay to resolution (days)"),
                self.env._("Contacts recorded"),
                self.env._("First-contact resolution (%)"),
            ],
            "rows": rows,
        }

    @api.model
    def _sheet_sla(self, domain):
        groups = self.env["grc.kpi.request"]._read_group(
            domain,
            groupby=["team_id"],
            aggregates=[
                "sla_compliance:count",
                "sla_compliance:sum",
                "sla_compliance:avg",
                "first_response_compliance:count",
                "first_response_compliance:avg",
            ],
        )
        rows = []
        for team, known, met_sum, rate, responses, response_rate in sorted(
            groups, key=lambda row: self._label(row[0])
        ):
            if not known and not responses:
                continue
            # sla_compliance is 100 for a deadline met, 0 for one missed.
            met = round((met_sum or 0) / 100.0)
            rows.append(
                [
                    (self._label(team), "text"),
                    (known, "int"),
                    (met, "int"),
                    (known - met, "int"),
                    (rate if known else None, "dec"),
                    (response_rate if responses else None, "dec"),
                ]
            )
        return {
            "name": self.env._("Deadlines"),
            "title": self.env._("Deadlines (SLA) per service"),
            "headers": [
                self.env._("Service"),
                self.env._("Requests with a known outcome"),
                self.env._("Deadline met"),
                self.env._("Deadline missed"),
                self.env._("Deadline compliance (%)"),
                self.env._("First response in time (%)"),
            ],
            "rows": rows,
        }

    # ------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------

    @api.model
    def _label(self, record):
        return record.display_name if record else self.env._("Not specified")

    @api.model
    def _sorted(self, figures):
        """Groups ordered by volume, largest first."""
        return sorted(figures.items(), key=lambda item: -item[1]["received"])

    @api.model
    def _get_styles(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({}),
            "int": workbook.add_format({"num_format": "0"}),
            "dec": workbook.add_format({"num_format": "0.0"}),
            "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
        }

    @api.model
    def _write_sheet(self, workbook, styles, sheet):
        # Excel forbids some characters and more than 31 characters in names.
        name = "".join(c for c in sheet["name"] if c not in "[]:*?/\\")[:31]
        worksheet = workbook.add_worksheet(name)
        worksheet.write(0, 0, sheet["title"], styles["title"])
        worksheet.write_row(2, 0, sheet["headers"], styles["header"])
        worksheet.set_column(0, 0, 40)
        worksheet.set_column(1, len(sheet["headers"]) - 1, 18)
        for row_index, row in enumerate(sheet["rows"], start=3):
            for col_index, (value, fmt) in enumerate(row):
                if value is None or value is False:
                    worksheet.write_blank(row_index, col_index, None)
                elif fmt == "date":
                    worksheet.write_datetime(
                        row_index, col_index, fields.Date.to_date(value), styles[fmt]
                    )
                else:
                    worksheet.write(row_index, col_index, value, styles[fmt])
        worksheet.freeze_panes(3, 1)
