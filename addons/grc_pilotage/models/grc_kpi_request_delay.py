# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.tools import SQL

from .grc_kpi_request import GrcKpiRequest

GRAINS = [("month", "Month"), ("year", "Year")]


class GrcKpiRequestDelay(models.Model):
    """Delays to resolution of the requests closed in a month or a year, per
    service and request type: mean, median and 90th percentile, in calendar
    and working days, time waiting for the citizen left out (as in
    ``grc.kpi.request``, whose rows it reads).

    A percentile cannot be added up: each row holds the figures of one
    period, service and type. Grouped over several rows, the views show the
    largest of them.
    """

    _name = "grc.kpi.request.delay"
    _inherit = ["grc.kpi.mixin"]
    _description = "Delays to resolution per service and type"
    _auto = False
    _order = "month desc, team_id, request_type_id"
    # Reads the query of the request indicators (not their view: a view
    # built on it would go with it each time it is rebuilt).
    _depends = GrcKpiRequest._depends

    grain = fields.Selection(
        selection=GRAINS,
        string="Period",
        readonly=True,
        help="Month: the row covers the month starting on Month; Year: the "
        "calendar year starting on Month.",
    )
    request_type_id = fields.Many2one(
        comodel_name="grc.request.type", string="Request type", readonly=True
    )
    closed_count = fields.Integer(
        string="Requests closed",
        readonly=True,
        help="Requests resolved or closed during the period the delays are "
        "measured on.",
    )
    delay_avg = fields.Float(
        string="Mean delay (calendar days)", readonly=True, aggregator="max"
    )
    delay_median = fields.Float(
        string="Median delay (calendar days)", readonly=True, aggregator="max"
    )
    delay_p90 = fields.Float(
        string="90th percentile delay (calendar days)",
        readonly=True,
        aggregator="max",
        help="Nine in ten requests were resolved within this many calendar "
        "days, time waiting for the citizen excluded.",
    )
    working_delay_avg = fields.Float(
        string="Mean delay (working days)", readonly=True, aggregator="max"
    )
    working_delay_median = fields.Float(
        string="Median delay (working days)", readonly=True, aggregator="max"
    )
    working_delay_p90 = fields.Float(
        string="90th percentile delay (working days)",
        readonly=True,
        aggregator="max",
        help="Nine in ten requests were resolved within this many working "
        "days, time waiting for the citizen excluded (the measure the portal "
        "shows citizens).",
    )

    def _kpi_query(self):
        return SQL(
            """
            SELECT
                ROW_NUMBER() OVER (
                    ORDER BY g.grain, g.month, g.company_id, g.team_id,
                        g.request_type_id, g.is_confidential
                ) AS id,
                g.*,
                EXTRACT(YEAR FROM g.month)::integer AS year
            FROM (
                SELECT
                    p.grain,
                    p.month,
                    r.company_id,
                    r.team_id,
                    r.direction_id,
                    r.is_confidential,
                    r.request_type_id,
                    COUNT(*) AS closed_count,
                    AVG(r.resolution_delay_days) AS delay_avg,
                    PERCENTILE_CONT(0.5) WITHIN GROUP (
                        ORDER BY r.resolution_delay_days) AS delay_median,
                    PERCENTILE_CONT(0.9) WITHIN GROUP (
                        ORDER BY r.resolution_delay_days) AS delay_p90,
                    AVG(r.resolution_delay_working_days) AS working_delay_avg,
                    PERCENTILE_CONT(0.5) WITHIN GROUP (
                        ORDER BY r.resolution_delay_working_days)
                        AS working_delay_median,
                    PERCENTILE_CONT(0.9) WITHIN GROUP (
                        ORDER BY r.resolution_delay_working_days)
                        AS working_delay_p90
                FROM %(requests)s r
                CROSS JOIN LATERAL (
                    VALUES
                        ('month', r.closed_month),
                        ('year', date_trunc('year', r.closed_month)::date)
                ) AS p(grain, month)
                WHERE r.is_closed AND r.closed_month IS NOT NULL
                GROUP BY p.grain, p.month, r.company_id, r.team_id,
                    r.direction_id, r.is_confidential, r.request_type_id
            ) g
            """,
            requests=SQL("(%s)", self.env["grc.kpi.request"]._kpi_query()),
        )
