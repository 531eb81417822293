# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io
from datetime import datetime, time, timedelta

import pytz
import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# Aggregates read for every group of requests; see _request_figures.
REQUEST_AGGREGATES = [
    "__count",
    "closed_count:sum",
    "open_count:sum",
    "cancelled_count:sum",
    "closure_rate:avg",
    "resolution_delay_days:avg",
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
            self._sheet_cover(date_from, date_to, teams),
            summary,
            self._sheet_flow(date_from, date_to, teams),
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
            self._sheet_definitions(),
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
        percentiles = self._request_percentiles(domain, groupby)
        for row in groups:
            key = row[: len(groupby)]
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
            key = key[0] if groupby else None
            delays, working_delays = percentiles.get(
                key.id if key else None, ((None, None), (None, None))
            )
            result[key] = {
                "received": count,
                "closed": closed,
                "open": open_,
                "cancelled": cancelled,
                "closure_rate": closure_rate,
                "avg_delay": avg_delay,
                "median_delay": delays[0],
                "p90_delay": delays[1],
                "median_working_delay": working_delays[0],
                "p90_working_delay": working_delays[1],
                "avg_first_response": avg_response,
                "sla_known": sla_known,
                "sla_rate": sla_rate,
            }
        return result

    @api.model
    def _request_percentiles(self, domain, groupby=()):
        """Median and 90th percentile of the delays to resolution (calendar
        and working days) per group, computed by PostgreSQL
        (``percentile_cont``, interpolated) over the rows the user may read.

        :return: {group id (None without group): ((median, p90) in calendar
            days, (median, p90) in working days)}
        """
        model = self.env["grc.kpi.request"]
        query = model._search(domain)
        query.order = None
        key = SQL.identifier(model._table, groupby[0]) if groupby else SQL("NULL")
        quantiles = SQL("ARRAY[0.5, 0.9]::float8[]")
        rows = self.env.execute_query(
            SQL(
                "%s GROUP BY 1",
                query.select(
                    key,
                    SQL(
                        "percentile_cont(%s) WITHIN GROUP (ORDER BY %s)",
                        quantiles,
                        model._field_to_sql(model._table, "resolution_delay_days"),
                    ),
                    SQL(
                        "percentile_cont(%s) WITHIN GROUP (ORDER BY %s)",
                        quantiles,
                        model._field_to_sql(
                            model._table, "resolution_delay_working_days"
                        ),
                    ),
                ),
            )
        )
        return {
            group: (tuple(delays or (None, None)), tuple(working or (None, None)))
            for group, delays, working in rows
        }

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
            (self.env._("Closed to date"), "closed", "int"),
            (self.env._("Still open"), "open", "int"),
            (self.env._("Cancelled"), "cancelled", "int"),
            (
                self.env._("Closure rate of the period's requests (%)"),
                "closure_rate",
                "dec",
            ),
            (self.env._("Average delay to resolution (days)"), "avg_delay", "dec"),
            (self.env._("Median delay to resolution (days)"), "median_delay", "dec"),
            (
                self.env._("90th percentile delay to resolution (days)"),
                "p90_delay",
                "dec",
            ),
            (
                self.env._("Median delay to resolution (working days)"),
                "median_working_delay",
                "dec",
            ),
            (
                self.env._("90th percentile delay to resolution (working days)"),
                "p90_working_delay",
                "dec",
            ),
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
        rows.append(
            (
                self.env._("Requests closed during the period"),
                self._closed_during(date_from, date_to, teams),
                "int",
            )
        )
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
    def _sheet_cover(self, date_from, date_to, teams):
        """What the workbook covers: authority, period, services, date."""
        services = (
            ", ".join(teams.mapped("display_name"))
            if teams
            else self.env._("All services")
        )
        today = fields.Date.context_today(self)
        rows = [
            (self.env._("Authority"), self.env.company.name, "text"),
            (self.env._("Period start"), date_from, "date"),
            (self.env._("Period end"), date_to, "date"),
            (
                self.env._("Requests counted"),
                self.env._("Received during the period (local days)"),
                "text",
            ),
            (self.env._("Services"), services, "text"),
            (self.env._("Generated on"), today, "date"),
            (
                self.env._("Definitions"),
                self.env._("See the Definitions sheet"),
                "text",
            ),
        ]
        return {
            "name": self.env._("Cover"),
            "title": self.env._("Citizen relations indicators"),
            "headers": [self.env._("Filter"), self.env._("Value")],
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
            # The first two figures (received, closed or answered) side by side.
            "chart": {"type": "bar", "columns": [1, 2]},
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
            "chart": {"type": "pie", "columns": [1]},
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
    def _sla_groups(self, domain):
        """Per service: (service, deadlines known, deadlines met, compliance,
        first responses known, first-response compliance)."""
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
        # sla_compliance is 100 for a deadline met, 0 for one missed.
        return [
            (team, known, round((met_sum or 0) / 100.0), rate, responses, response)
            for team, known, met_sum, rate, responses, response in groups
        ]

    @api.model
    def _sheet_sla(self, domain):
        rows = []
        for team, known, met, rate, responses, response_rate in sorted(
            self._sla_groups(domain), key=lambda row: self._label(row[0])
        ):
            if not known and not responses:
                continue
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
            "chart": {"type": "bar", "columns": [4, 5], "percent": True},
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

    @api.model
    def _local_midnight(self, day):
        """Naive UTC datetime of the local midnight starting ``day``."""
        tz = pytz.timezone(self.env.company.resource_calendar_id.tz or "UTC")
        local = tz.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.UTC).replace(tzinfo=None)

    @api.model
    def _closed_during(self, date_from, date_to, teams):
        """Requests resolved or closed during the period (local days),
        whenever they were received: the period's output."""
        domain = [
            ("company_id", "in", self.env.companies.ids),
            ("is_closed", "=", True),
            ("resolution_date", ">=", self._local_midnight(date_from)),
            ("resolution_date", "<", self._local_midnight(date_to + timedelta(days=1))),
        ]
        if teams:
            domain.append(("team_id", "child_of", teams.ids))
        return self.env["grc.kpi.request"].search_count(domain)

    @api.model
    def _flow_model(self):
        """The model of the monthly flow the workbook reads."""
        return "grc.kpi.request.flow"

    @api.model
    def _sheet_flow(self, date_from, date_to, teams):
        """The months of the period: received, closed and cancelled during
        the month, reopenings, and the backlog at the month end."""
        domain = [
            ("company_id", "in", self.env.companies.ids),
            ("month", ">=", date_from.replace(day=1)),
            ("month", "<=", date_to),
        ]
        if teams:
            domain.append(("team_id", "child_of", teams.ids))
        measures = [
            "received_count",
            "closed_count",
            "cancelled_count",
            "reopened_count",
            "backlog_count",
            "backlog_waiting_count",
        ]
        groups = self.env[self._flow_model()]._read_group(
            domain,
            groupby=["month:month"],
            aggregates=[f"{name}:sum" for name in measures],
        )
        rows = [
            [(fields.Date.to_date(month), "month")]
            + [(value or 0, "int") for value in values]
            for month, *values in sorted(groups, key=lambda row: row[0])
        ]
        return {
            "name": self.env._("By month"),
            "title": self.env._("Monthly flow of requests"),
            "chart": {"type": "line", "columns": [1, 2, 5]},
            "headers": [
                self.env._("Month"),
                self.env._("Received"),
                self.env._("Closed during the month"),
                self.env._("Cancelled during the month"),
                self.env._("Reopenings"),
                self.env._("Open at month end"),
                self.env._("Waiting for the citizen at month end"),
            ],
            "rows": rows,
        }

    @api.model
    def _definitions(self):
        """(label, definition) of the figures of the workbook."""
        return [
            (
                self.env._("Requests received"),
                self.env._(
                    "Requests received during the period (local days), "
                    "cancelled ones included."
                ),
            ),
            (
                self.env._("Closed to date"),
                self.env._(
                    "Requests received during the period that are resolved or "
                    "closed on the day of the export: it grows as they are closed."
                ),
            ),
            (
                self.env._("Closure rate of the period's requests (%)"),
                self.env._(
                    "Closed to date divided by the requests received during the "
                    "period, cancelled ones left out."
                ),
            ),
            (
                self.env._("Requests closed during the period"),
                self.env._(
                    "Requests resolved or closed during the period, whenever they "
                    "were received (the period's output); a reopened request "
                    "counts at its latest closure."
                ),
            ),
            (
                self.env._("Open at month end"),
                self.env._(
                    "Requests neither closed nor cancelled at midnight ending the "
                    "month (local time), read from the history of their stages; "
                    "waiting for the citizen included."
                ),
            ),
            (
                self.env._("Cancelled"),
                self.env._("Requests dropped: received, but neither closed nor open."),
            ),
            (
                self.env._("Delay to resolution"),
                self.env._(
                    "From reception to the latest resolution, time waiting for "
                    "the citizen left out (the working time the deadline was "
                    "moved by). Calendar days, or working days of the service's "
                    "calendar without public holidays. Median: half of the "
                    "requests took less; 90th percentile: nine in ten took less."
                ),
            ),
            (
                self.env._("Deadline compliance (%)"),
                self.env._(
                    "Among the requests received during the period whose outcome "
                    "is known: share resolved by their deadline. The deadline is "
                    "moved by the time waiting for the citizen; a request waiting "
                    "for the citizen is never late; a request still open past its "
                    "deadline is late; cancelled requests are left out."
                ),
            ),
            (
                self.env._("First response in time (%)"),
                self.env._(
                    "Among the requests received during the period whose first "
                    "answer is due or sent: share answered by the first-response "
                    "deadline."
                ),
            ),
        ]

    @api.model
    def _sheet_definitions(self):
        return {
            "name": self.env._("Definitions"),
            "title": self.env._("What each figure counts"),
            "headers": [self.env._("Figure"), self.env._("Definition")],
            "rows": [
                [(label, "text"), (definition, "text")]
                for label, definition in self._definitions()
            ],
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
            "month": workbook.add_format({"num_format": "mm/yyyy"}),
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
                elif fmt in ("date", "month"):
                    worksheet.write_datetime(
                        row_index, col_index, fields.Date.to_date(value), styles[fmt]
                    )
                elif fmt == "text":
                    # Never a formula, whatever the text holds.
                    worksheet.write_string(
                        row_index, col_index, str(value), styles[fmt]
                    )
                else:
                    worksheet.write(row_index, col_index, value, styles[fmt])
        worksheet.freeze_panes(3, 1)
        if sheet.get("chart") and sheet["rows"]:
            self._write_chart(workbook, worksheet, name, sheet)

    @api.model
    def _write_chart(self, workbook, worksheet, name, sheet):
        """A native chart of some columns of the sheet, right of its table:
        one series per column, the first column as categories."""
        spec = sheet["chart"]
        last = 3 + len(sheet["rows"]) - 1
        chart = workbook.add_chart({"type": spec["type"]})
        for column in spec["columns"]:
            chart.add_series(
                {
                    "name": [name, 2, column],
                    "categories": [name, 3, 0, last, 0],
                    "values": [name, 3, column, last, column],
                }
            )
        chart.set_title({"name": sheet["title"]})
        if spec["type"] == "bar":
            # Longest labels first, as in the table.
            chart.set_y_axis({"reverse": True})
            if spec.get("percent"):
                chart.set_x_axis({"min": 0, "max": 100})
        chart.set_size({"width": 640, "height": 360})
        worksheet.insert_chart(2, len(sheet["headers"]) + 1, chart)
