# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import csv
import io
import json
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL
from odoo.tools.misc import format_date, formatLang

# Fewer requests than this in a cell and the figure is not published: a small
# count could point at a person (a rare démarche in a small commune).
SMALL_CELL = 5
LICENCE_NAME = "Licence Ouverte / Open Licence 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
# System parameters holding the last publication of a company in a language,
# shared by every worker (a worker's own cache goes with each registry reset).
SHARED_CACHE_PREFIX = "grc_pilotage.public_statistics."


def suppressed_cells(counts, small=SMALL_CELL, hidden=()):
    """Indexes of the cells of a column to leave unpublished.

    ``counts`` are the cells of a column whose total is published (the
    months, categories or channels of the requests). A cell under ``small``
    is hidden (primary suppression), with those of ``hidden``. One hidden
    cell alone would be the total less the others; hidden cells adding up
    to less than ``small``, or to one per cell, would give their values
    too. Cells are hidden with them, smallest first, until none of them
    can be worked out (secondary suppression).
    """
    hidden = set(hidden) | {i for i, count in enumerate(counts) if 0 < count < small}
    if not hidden:
        return hidden
    candidates = sorted(
        (i for i in range(len(counts)) if i not in hidden), key=lambda i: counts[i]
    )

    def safe():
        total = sum(counts[i] for i in hidden)
        return len(hidden) >= 2 and total >= small and total > len(hidden)

    while not safe() and candidates:
        hidden.add(candidates.pop(0))
    return hidden


class GrcPublicStatistics(models.AbstractModel):
    """Anonymous figures published as open data on the website: counts per
    month, category and channel, median delay and deadline compliance over the
    last twelve full months, and complaints per reason. Computed from the
    request and complaint indicators views in one query each.

    The figures are published monthly, on the first day of each month, for
    the twelve months before it: a month is published once it is over, and
    figures that changed from day to day would let anyone spot a single
    request by difference."""

    _name = "grc.public.statistics"
    _description = "Public statistics (open data)"

    @api.model
    def _get_public_statistics(self, company=None):
        """Return the tables of the statistics page, for the current language."""
        company = company or self.env.company
        publication = fields.Date.context_today(self).replace(day=1)
        return self._compute_public_statistics(
            company.id, publication, self.env.lang or "en_US"
        )

    @api.model
    def _get_publication_period(self, publication):
        """(first day, last day) of the twelve full months published on
        ``publication``, the first day of a month."""
        return (
            publication - relativedelta(months=12),
            publication - relativedelta(days=1),
        )

    @tools.ormcache("company_id", "publication", "lang")
    def _compute_public_statistics(self, company_id, publication, lang):
        """The statistics of a publication: from this worker's cache, else
        from the copy every worker shares (kept across registry resets),
        else computed and shared."""
        # The shared copy is a system parameter, read and written in SQL: not
        # through the parameters' own cache, which set_param would empty in
        # every worker.
        key = f"{SHARED_CACHE_PREFIX}{company_id}.{lang}"
        rows = self.env.execute_query(
            SQL("SELECT value FROM ir_config_parameter WHERE key = %s", key)
        )
        shared = rows[0][0] if rows else None
        if shared:
            try:
                statistics = self._statistics_from_json(json.loads(shared))
            except (ValueError, KeyError, TypeError):
                statistics = None
            if statistics and statistics["publication_date"] == publication:
                return statistics
        statistics = self._build_public_statistics(company_id, publication, lang)
        self.env.cr.execute(
            SQL(
                """INSERT INTO ir_config_parameter
                       (key, value, create_uid, write_uid, create_date, write_date)
                   VALUES (%(key)s, %(value)s, %(uid)s, %(uid)s,
                       NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC')
                   ON CONFLICT (key) DO UPDATE
                   SET value = EXCLUDED.value, write_uid = EXCLUDED.write_uid,
                       write_date = EXCLUDED.write_date""",
                key=key,
                value=json.dumps(self._statistics_to_json(statistics)),
                uid=self.env.uid,
            )
        )
        return statistics

    @api.model
    def _invalidate_public_statistics(self):
        """Forget every computed publication (this worker's and the shared
        copies): the next reader computes them again."""
        # sudo: see _compute_public_statistics.
        self.env["ir.config_parameter"].sudo().search(
            [("key", "=like", f"{SHARED_CACHE_PREFIX}%")]
        ).unlink()
        self.env.registry.clear_cache()

    @api.model
    def _statistics_to_json(self, statistics):
        return dict(
            statistics,
            date_from=statistics["date_from"].isoformat(),
            date_to=statistics["date_to"].isoformat(),
            publication_date=statistics["publication_date"].isoformat(),
        )

    @api.model
    def _statistics_from_json(self, values):
        return dict(
            values,
            date_from=date.fromisoformat(values["date_from"]),
            date_to=date.fromisoformat(values["date_to"]),
            publication_date=date.fromisoformat(values["publication_date"]),
            tables=tuple(
                dict(
                    table,
                    rows=[(label, tuple(cells)) for label, cells in table["rows"]],
                )
                for table in values["tables"]
            ),
            records=tuple(values["records"]),
        )

    @api.model
    def _build_public_statistics(self, company_id, publication, lang):
        self = self.with_context(lang=lang)
        date_from, date_to = self._get_publication_period(publication)
        groups = self._query_request_groups(company_id, date_from, date_to)
        reclamation_groups = self._query_reclamation_groups(
            company_id, date_from, date_to
        )
        self._suppress(groups, reclamation_groups)
        tables = self._get_tables(groups, date_from, date_to)
        tables.append(self._get_reclamation_table(reclamation_groups))
        return {
            "date_from": date_from,
            "date_to": date_to,
            "publication_date": publication,
            "small_cell": SMALL_CELL,
            "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
            "tables": tuple(tables),
            "records": tuple(self._open_data_records(groups, reclamation_groups)),
        }

    @api.model
    def _open_data_schema(self):
        """Table Schema (frictionless) of the published records."""
        integer, number = "integer", "number"
        fields_ = [
            (
                "dimension",
                "string",
                "Breakdown of the row: total, month, category, channel, "
                "complaint_reason or complaint_total.",
            ),
            (
                "label",
                "string",
                "Month (YYYY-MM), category, channel or complaint reason; "
                "empty for a total.",
            ),
            (
                "received",
                integer,
                "Requests (or complaints) received during the period.",
            ),
            (
                "closed_to_date",
                integer,
                "Of the requests received, those resolved or closed on the "
                "publication date.",
            ),
            (
                "median_delay_days",
                number,
                "Median delay from reception to resolution in calendar days, "
                "time waiting for the citizen left out.",
            ),
            (
                "deadlines_met_percent",
                number,
                "Share of the requests whose outcome is known resolved within "
                "the deadline of their type.",
            ),
            ("complaints_answered", integer, "Complaints answered."),
            (
                "complaints_on_time_percent",
                number,
                "Share of the complaints whose deadline is known answered "
                "within it.",
            ),
        ]
        return {
            "name": "grc-statistiques",
            "title": "Citizen requests statistics",
            "description": (
                "Monthly publication of the last twelve full months. An empty "
                f"value is not published: fewer than {SMALL_CELL} requests, or "
                "hidden so that no small figure can be worked out from the totals."
            ),
            "licenses": [
                {"name": "etalab-2.0", "title": LICENCE_NAME, "path": LICENCE_URL}
            ],
            "missingValues": [""],
            "fields": [
                {"name": name, "type": type_, "description": description}
                for name, type_, description in fields_
            ],
        }

    @api.model
    def _open_data_csv(self, statistics):
        """The records as CSV (UTF-8, comma separated, header line)."""
        output = io.StringIO()
        names = [field["name"] for field in self._open_data_schema()["fields"]]
        writer = csv.DictWriter(output, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for record in statistics["records"]:
            writer.writerow(
                {key: "" if value is None else value for key, value in record.items()}
            )
        return output.getvalue()

    @api.model
    def _open_data_json(self, statistics, schema_url):
        return {
            "title": self._open_data_schema()["title"],
            "publication_date": statistics["publication_date"].isoformat(),
            "period": {
                "from": statistics["date_from"].isoformat(),
                "to": statistics["date_to"].isoformat(),
            },
            "licence": statistics["licence"],
            "schema": schema_url,
            "data": list(statistics["records"]),
        }

    @api.model
    def _suppress(self, groups, reclamation_groups):
        """Mark in each group (``hidden``: the figures not to publish) the
        cells of the additive columns left out, for each breakdown summing
        to the published total: the months, the categories, the channels,
        the complaint reasons."""
        for group in groups + reclamation_groups:
            group["hidden"] = set()
        breakdowns = [
            ([g for g in groups if g["grouping"] == bits], ("received", "closed"))
            for bits in (0b011, 0b101, 0b110)
        ]
        breakdowns.append(
            (
                [g for g in reclamation_groups if g["grouping"] == 0],
                ("received", "answered"),
            )
        )
        totals = [g for g in groups + reclamation_groups if g["grouping"] in (7, 1)]
        for total in totals:
            for column in ("received", "closed", "answered"):
                if 0 < total.get(column, 0) < SMALL_CELL:
                    total["hidden"].add(column)
        for cells, (received, part) in breakdowns:
            hidden = suppressed_cells([g[received] for g in cells])
            for index in hidden:
                cells[index]["hidden"].add(received)
            # A part of a hidden row is hidden with it.
            for index in suppressed_cells([g[part] for g in cells], hidden=hidden):
                cells[index]["hidden"].add(part)

    @api.model
    def _open_data_records(self, groups, reclamation_groups):
        """The published figures as records (open data): one per month,
        category, channel and complaint reason, and the totals; an
        unpublished figure is None."""

        def count(group, column):
            return None if column in group["hidden"] else group.get(column)

        def ratio(part, whole):
            return round(100.0 * part / whole, 1) if whole >= SMALL_CELL else None

        def request_record(dimension, label, group):
            median = group.get("median_delay")
            return {
                "dimension": dimension,
                "label": label,
                "received": count(group, "received"),
                "closed_to_date": count(group, "closed"),
                "median_delay_days": round(median, 1)
                if median is not None and group.get("delays", 0) >= SMALL_CELL
                else None,
                "deadlines_met_percent": ratio(
                    group.get("sla_met", 0), group.get("sla_known", 0)
                ),
                "complaints_answered": None,
                "complaints_on_time_percent": None,
            }

        names = {}
        for column, model in (
            ("category_id", "helpdesk.ticket.category"),
            ("channel_id", "helpdesk.ticket.channel"),
            ("reason_root_id", "grc.reclamation.reason"),
        ):
            ids = [g[column] for g in groups + reclamation_groups if g.get(column)]
            names[column] = {r.id: r.display_name for r in self.env[model].browse(ids)}
        records = []
        for bits, dimension, column in (
            (0b111, "total", None),
            (0b011, "month", "month"),
            (0b101, "category", "category_id"),
            (0b110, "channel", "channel_id"),
        ):
            for group in sorted(
                (g for g in groups if g["grouping"] == bits),
                key=lambda g: str(g.get(column) or ""),
            ):
                if column == "month":
                    label = group["month"].strftime("%Y-%m")
                elif column:
                    label = names[column].get(group[column], "")
                else:
                    label = ""
                records.append(request_record(dimension, label, group))
        for group in reclamation_groups:
            by_reason = group["grouping"] == 0
            records.append(
                {
                    "dimension": "complaint_reason" if by_reason else "complaint_total",
                    "label": names["reason_root_id"].get(group["reason_root_id"], "")
                    if by_reason
                    else "",
                    "received": count(group, "received"),
                    "closed_to_date": None,
                    "median_delay_days": None,
                    "deadlines_met_percent": None,
                    "complaints_answered": count(group, "answered"),
                    "complaints_on_time_percent": ratio(
                        group.get("deadline_met", 0), group.get("deadline_known", 0)
                    ),
                }
            )
        return records

    @api.model
    def _period_condition(self, company_id, date_from, date_to):
        """WHERE clause of the rows of an indicator view (requests or
        complaints) of the company received in the local months between
        both dates."""
        return SQL(
            "company_id = %(company_id)s AND month >= %(date_from)s "
            "AND month <= %(date_to)s "
            # lets PostgreSQL use the index on received_date
            "AND received_date >= %(margin_from)s",
            company_id=company_id,
            date_from=date_from,
            date_to=date_to,
            margin_from=date_from - relativedelta(days=1),
        )

    @api.model
    def _query_request_groups(self, company_id, date_from, date_to):
        """Aggregate the requests received between both dates (local months)
        per month, category and channel, plus the total, in one query."""
        return self.env.execute_query_dict(
            SQL(
                """
                SELECT
                    GROUPING(month, category_id, channel_id) AS grouping,
                    month,
                    category_id,
                    channel_id,
                    COUNT(*) AS received,
                    COALESCE(SUM(closed_count), 0) AS closed,
                    COUNT(resolution_delay_days) AS delays,
                    PERCENTILE_CONT(0.5) WITHIN GROUP (
                        ORDER BY resolution_delay_days
                    ) AS median_delay,
                    COUNT(sla_met) AS sla_known,
                    COUNT(*) FILTER (WHERE sla_met) AS sla_met
                FROM %(table)s
                WHERE %(period)s
                GROUP BY GROUPING SETS ((month), (category_id), (channel_id), ())
                """,
                table=self.env["grc.kpi.request"]._table_sql,
                period=self._period_condition(company_id, date_from, date_to),
            )
        )

    @api.model
    def _query_reclamation_groups(self, company_id, date_from, date_to):
        """Aggregate the complaints received between both dates (local months)
        per reason family, plus the total, in one query."""
        return self.env.execute_query_dict(
            SQL(
                """
                SELECT
                    GROUPING(reason_root_id) AS grouping,
                    reason_root_id,
                    COUNT(*) AS received,
                    COALESCE(SUM(answered_count), 0) AS answered,
                    COUNT(on_time_rate) AS deadline_known,
                    COUNT(*) FILTER (WHERE deadline_met) AS deadline_met
                FROM %(table)s
                WHERE %(period)s
                GROUP BY GROUPING SETS ((reason_root_id), ())
                """,
                table=self.env["grc.kpi.reclamation"]._table_sql,
                period=self._period_condition(company_id, date_from, date_to),
            )
        )

    @api.model
    def _get_reclamation_table(self, groups):
        """Complaints per reason family, largest first, then the total.
        Complaints are public-interest figures: reasons only, small cells
        hidden as for requests."""
        by_reason = [g for g in groups if g["grouping"] == 0]
        total = [g for g in groups if g["grouping"] == 1]
        table = self._get_named_table(
            "reason_root_id",
            self.env._("Complaints received per reason"),
            self.env._("Reason"),
            "grc.reclamation.reason",
            by_reason,
            format_cells=self._format_reclamation_cells,
        )
        table["key"] = "reclamation_reason"
        table["headers"] = [self.env._("Reason"), *self._get_reclamation_headers()]
        table["empty"] = self.env._("No complaint over the period.")
        if total and total[0]["received"]:
            table["rows"].append(
                (self.env._("All reasons"), self._format_reclamation_cells(total[0]))
            )
        return table

    @api.model
    def _get_reclamation_headers(self):
        return [
            self.env._("Complaints received"),
            self.env._("Complaints answered"),
            self.env._("Answered on time"),
        ]

    @api.model
    def _format_reclamation_cells(self, group):
        known = group.get("deadline_known", 0)
        hidden = group.get("hidden", ())
        return (
            self._format_figure(
                group.get("received", 0),
                group.get("received"),
                hidden="received" in hidden,
            ),
            self._format_figure(
                group.get("answered", 0),
                group.get("answered"),
                hidden="answered" in hidden,
            ),
            self._format_figure(
                known,
                100.0 * group["deadline_met"] / known if known else None,
                suffix=" %",
            ),
        )

    @api.model
    def _get_tables(self, groups, date_from, date_to):
        """Build the tables shown on the page (overridable: complaints may add
        theirs). Each table: caption, column headers, rows of (label, cells)."""
        # GROUPING() sets one bit per column left out of the grouping set.
        by_month = [g for g in groups if g["grouping"] == 0b011]
        by_category = [g for g in groups if g["grouping"] == 0b101]
        by_channel = [g for g in groups if g["grouping"] == 0b110]
        total = [g for g in groups if g["grouping"] == 0b111]
        headers = self._get_headers()
        return [
            {
                "key": "summary",
                "caption": self.env._("Overview of the last twelve full months"),
                "headers": [self.env._("Period"), *headers],
                "rows": [
                    (
                        self.env._(
                            "From %(date_from)s to %(date_to)s",
                            date_from=format_date(self.env, date_from),
                            date_to=format_date(self.env, date_to),
                        ),
                        self._format_cells(total[0] if total else {}),
                    )
                ],
            },
            {
                "key": "month",
                "caption": self.env._("Requests received per month"),
                "headers": [self.env._("Month"), *headers],
                "rows": [
                    (
                        format_date(self.env, group["month"], date_format="MMMM y"),
                        self._format_cells(group),
                    )
                    for group in sorted(by_month, key=lambda g: g["month"])
                ],
            },
            self._get_named_table(
                "category_id",
                self.env._("Requests received per category"),
                self.env._("Category"),
                "helpdesk.ticket.category",
                by_category,
            ),
            self._get_named_table(
                "channel_id",
                self.env._("Requests received per channel"),
                self.env._("Channel"),
                "helpdesk.ticket.channel",
                by_channel,
            ),
        ]

    @api.model
    def _get_headers(self):
        return [
            self.env._("Requests received"),
            self.env._("Of which closed to date"),
            self.env._("Median delay to resolution (days)"),
            self.env._("Deadlines met"),
        ]

    @api.model
    def _get_named_table(
        self, column, caption, header, model, groups, format_cells=None
    ):
        """A table whose rows are the groups of a many2one, largest first."""
        format_cells = format_cells or self._format_cells
        records = self.env[model].browse(g[column] for g in groups if g[column])
        names = {record.id: record.display_name for record in records}
        rows = [
            (
                names.get(group[column]) or self.env._("Not specified"),
                format_cells(group),
            )
            for group in sorted(groups, key=lambda g: -g["received"])
        ]
        return {
            "key": column,
            "caption": caption,
            "headers": [header, *self._get_headers()],
            "rows": rows,
        }

    @api.model
    def _format_cells(self, group):
        """Published figures of one group; figures resting on a small cell are
        hidden."""
        sla_known = group.get("sla_known", 0)
        hidden = group.get("hidden", ())
        return (
            self._format_figure(
                group.get("received", 0),
                group.get("received"),
                hidden="received" in hidden,
            ),
            self._format_figure(
                group.get("closed", 0), group.get("closed"), hidden="closed" in hidden
            ),
            self._format_figure(
                group.get("delays", 0), group.get("median_delay"), digits=1
            ),
            self._format_figure(
                sla_known,
                100.0 * group["sla_met"] / sla_known if sla_known else None,
                suffix=" %",
            ),
        )

    @api.model
    def _format_figure(self, count, value, digits=0, suffix="", hidden=False):
        """Format ``value``, computed over ``count`` requests: a dash when
        there is nothing to measure, a mention when ``count`` is too small or
        when the figure is ``hidden`` so that no small one can be worked out
        from the totals."""
        if not count:
            return "0" if value == 0 else "-"
        if count < SMALL_CELL:
            return self.env._("fewer than %(count)s", count=SMALL_CELL)
        if hidden:
            return self.env._("not published")
        return formatLang(self.env, value, digits=digits) + suffix
