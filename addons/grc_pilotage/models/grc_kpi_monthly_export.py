# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class GrcKpiMonthlyExport(models.Model):
    """The indicators workbook of one month, generated once by a scheduled
    action and sent to the service managers and the steering group."""

    _name = "grc.kpi.monthly.export"
    _description = "Monthly indicators export"
    _inherit = ["mail.thread"]
    _order = "month desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    month = fields.Date(
        required=True,
        readonly=True,
        index=True,
        help="First day of the month the indicators are about.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        index=True,
    )
    attachment_id = fields.Many2one(
        comodel_name="ir.attachment", string="Workbook", readonly=True
    )

    _sql_constraints = [
        (
            "month_company_uniq",
            "unique(month, company_id)",
            "The indicators of a month are exported once.",
        ),
    ]

    @api.depends("month")
    def _compute_name(self):
        for export in self:
            export.name = self.env._(
                "Indicators %(month)s",
                month=export.month and export.month.strftime("%Y-%m") or "",
            )

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }

    @api.model
    def _cron_export_previous_month(self):
        """Export last month's indicators of every company, unless done.

        Run daily: a day missed (server down on the 1st) is caught up the next
        day, and a month already exported is never sent twice.
        """
        month = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        companies = self.env["res.company"].search([])
        done = self.search(
            [("month", "=", month), ("company_id", "in", companies.ids)]
        ).company_id
        for company in companies - done:
            self.with_company(company)._export_month(month, company)

    @api.model
    def _export_month(self, month, company):
        """Generate, store and send the workbook of ``month`` for ``company``."""
        date_to = month + relativedelta(months=1, days=-1)
        content = (
            self.env["grc.kpi.xlsx"]
            .with_company(company)
            .with_context(allowed_company_ids=company.ids)
            ._generate(month, date_to)
        )
        export = self.create({"month": month, "company_id": company.id})
        export.attachment_id = self.env["ir.attachment"].create(
            {
                "name": f"grc-indicators-{month:%Y-%m}.xlsx",
                "raw": content,
                "res_model": self._name,
                "res_id": export.id,
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            }
        )
        recipients = export._get_recipients()
        export.message_post(
            body=self.env._(
                "Indicators of %(month)s are attached.", month=month.strftime("%m/%Y")
            ),
            attachment_ids=export.attachment_id.ids,
            partner_ids=recipients.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        _logger.info(
            "GRC indicators of %s exported for %s to %d recipients",
            month,
            company.name,
            len(recipients),
        )
        return export

    def _get_recipients(self):
        """Partners the monthly workbook is sent to: the managers of the
        services and the members of the steering group of the company."""
        self.ensure_one()
        teams = self.env["helpdesk.ticket.team"].search(
            [("company_id", "in", [self.company_id.id, False])]
        )
        steering = self.env.ref("grc_citoyen.group_grc_steering").users
        users = (teams.user_id | steering).filtered(
            lambda user: user.active
            and not user.share
            and self.company_id in user.company_ids
        )
        return users.partner_id
