# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models, tools
from odoo.tools import SQL
from odoo.tools.sql import column_exists

# What the working days of a view (``_kpi_working_days``) read, for the
# ``_depends`` of the views using them (the numbered days themselves are kept
# up to date by resource.calendar with every change of a calendar).
WORKING_DAYS_DEPENDS = {
    "res.company": ["resource_calendar_id"],
    "resource.calendar": ["tz", "hours_per_day"],
}


class GrcKpiMixin(models.AbstractModel):
    """Plumbing shared by the indicator models: each one is a read-only SQL view
    (``_auto = False``) that says what it selects in ``_kpi_query``.

    The request, interaction, complaint and irritant indicators use it.
    """

    _name = "grc.kpi.mixin"
    _description = "Indicator view (shared plumbing)"

    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    month = fields.Date(
        readonly=True,
        help="First day of the month, in the time zone of the authority.",
    )
    year = fields.Integer(readonly=True, aggregator=None)
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team", string="Service", readonly=True
    )
    direction_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Direction",
        readonly=True,
        help="Direction the service belongs to.",
    )
    is_confidential = fields.Boolean(
        string="Confidential",
        readonly=True,
        help="Row of a confidential service or request type: only the members "
        "of the service and the GRC administrators see it.",
    )

    def init(self):
        """(Re)create the view; the query may depend on the columns that exist."""
        if self._abstract:
            return
        # The views join the numbered working days (resource.calendar).
        self.env["resource.calendar"]._grc_kpi_working_day_table()
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._kpi_query(),
            )
        )

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        """Without PostgreSQL's JIT compilation: over the views' lateral joins
        and CASE columns its cost estimate passes the threshold at a few
        hundred thousand rows, and compiling took longer than the query
        itself (2.7 s of 3 s measured on the complaints at 1,000,000
        requests; bench_pilotage). Only for this query: the setting is put
        back after it."""
        cr = self.env.cr
        cr.execute("SHOW jit")
        previous = cr.fetchone()[0]
        cr.execute("SET LOCAL jit = off")
        # After an error the transaction (or its savepoint) is rolled back,
        # and the setting with it.
        result = super()._read_group(domain, groupby, aggregates, *args, **kwargs)
        cr.execute(SQL("SELECT set_config('jit', %s, true)", previous))
        return result

    def _kpi_query(self):
        """Return the SELECT of the view, as an ``SQL`` object."""
        raise NotImplementedError

    @api.model
    def _kpi_column(self, alias, table, column, cast):
        """Select ``alias.column`` when another addon created ``table.column``,
        else a typed NULL.

        Some sources are added by addons that may be installed later (SLA
        deadlines, interaction outcome): the view still has the column, empty.
        """
        if column_exists(self.env.cr, table, column):
            return SQL.identifier(alias, column)
        return SQL("NULL::%s", SQL(cast))

    @api.model
    def _kpi_local(self, column):
        """Express a UTC timestamp column in the time zone of the company's
        working hours, so that months start at local midnight."""
        return SQL(
            "(%s AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(kpi_cal.tz, 'UTC'))",
            column,
        )

    @api.model
    def _kpi_company_calendar_join(self, company_column):
        """Join giving ``kpi_cal.tz`` for ``_kpi_local``."""
        return SQL(
            "LEFT JOIN res_company kpi_company ON kpi_company.id = %s "
            "LEFT JOIN resource_calendar kpi_cal "
            "ON kpi_cal.id = kpi_company.resource_calendar_id",
            company_column,
        )

    @api.model
    def _kpi_period_columns(self, column):
        """The month / year columns of a timestamp, in local time."""
        local = self._kpi_local(column)
        return SQL(
            "date_trunc('month', %s)::date AS month, "
            "EXTRACT(YEAR FROM %s)::integer AS year",
            local,
            local,
        )

    @api.model
    def _kpi_key_columns(self, alias, date_column, day_column=None):
        """The first columns of a view of dated rows: id, company, the
        timestamp (under its own name), its local day when ``day_column``
        names it, then the month and year of ``grc.kpi.mixin``."""
        stamp = SQL.identifier(alias, date_column)
        day = SQL()
        if day_column:
            day = SQL(
                "%s::date AS %s, ", self._kpi_local(stamp), SQL.identifier(day_column)
            )
        return SQL(
            "%(id)s AS id, %(company)s AS company_id, %(stamp)s AS %(name)s, "
            "%(day)s%(period)s",
            id=SQL.identifier(alias, "id"),
            company=SQL.identifier(alias, "company_id"),
            stamp=stamp,
            name=SQL.identifier(date_column),
            day=day,
            period=self._kpi_period_columns(stamp),
        )

    @api.model
    def _kpi_service_columns(self, team_column):
        """The service of the row and its direction (the service itself when
        it is a direction); the view joins the service as ``team``."""
        return SQL(
            "%s AS team_id, "
            "CASE WHEN team.is_direction THEN team.id ELSE team.parent_id END "
            "AS direction_id",
            team_column,
        )

    @api.model
    def _kpi_rate(self, condition):
        """100 when the boolean SQL ``condition`` holds, 0 when it does not,
        NULL when it is unknown: averaged, the share of the rows it holds
        for among those whose outcome is known."""
        return SQL(
            "CASE WHEN %(c)s THEN 100.0 WHEN NOT %(c)s THEN 0.0 END", c=condition
        )

    @api.model
    def _kpi_reason_root(self, reason_alias):
        """The top-level reason of a complaint reason (joined as
        ``reason_alias``), from its parent path."""
        return SQL(
            "NULLIF(split_part(%s, '/', 1), '')::integer",
            SQL.identifier(reason_alias, "parent_path"),
        )

    @api.model
    def _kpi_request_dimensions(self, ticket_alias, type_alias):
        """Request type, category (the request's, else its type's) and
        channel of a request, the type joined as ``type_alias``."""
        return SQL(
            "%(t)s AS request_type_id, COALESCE(%(cat)s, %(type_cat)s) AS category_id, "
            "%(channel)s AS channel_id",
            t=SQL.identifier(ticket_alias, "request_type_id"),
            cat=SQL.identifier(ticket_alias, "category_id"),
            type_cat=SQL.identifier(type_alias, "category_id"),
            channel=SQL.identifier(ticket_alias, "channel_id"),
        )

    @api.model
    def _selection_of(self, model, field):
        """The (translated) selection of a field of a source model."""
        return self.env[model]._fields[field]._description_selection(self.env)

    @api.model
    def _kpi_working_day_joins(self, start, end):
        """Joins giving ``wd_start.day_index`` and ``wd_end.day_index``: the
        numbers of the local days of the timestamps ``start`` and ``end`` in
        the working days of the row's calendar (joined as ``wcal``), see
        ``resource.calendar``. On the table's key: PostgreSQL leaves them out
        when a query reads no working days."""
        return SQL(
            """
            LEFT JOIN grc_kpi_working_day wd_start
                ON wd_start.calendar_id = wcal.id
                AND wd_start.day = (%(start)s AT TIME ZONE 'UTC'
                    AT TIME ZONE COALESCE(wcal.tz, 'UTC'))::date
            LEFT JOIN grc_kpi_working_day wd_end
                ON wd_end.calendar_id = wcal.id
                AND wd_end.day = (%(end)s AT TIME ZONE 'UTC'
                    AT TIME ZONE COALESCE(wcal.tz, 'UTC'))::date
            """,
            start=start,
            end=end,
        )

    @api.model
    def _kpi_working_days(self):
        """Working days between the two timestamps of
        ``_kpi_working_day_joins``, in the calendar of the row's service
        (else the company's): the days after the day of the start up to the
        day of the end, on the days of the week the calendar works (Monday
        to Friday for a calendar without hours), less the public holidays of
        the calendar falling on them. A subtraction of two numbers read from
        ``grc_kpi_working_day`` (days from 2000 on); NULL without an end."""
        return SQL("GREATEST(wd_end.day_index - wd_start.day_index, 0)")
