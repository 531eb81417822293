# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GrcKpiExportWizard(models.TransientModel):
    """Download the indicators workbook of a period, for some services."""

    _name = "grc.kpi.export.wizard"
    _description = "Export indicators"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self._default_month_start(),
        help="First day of the period (requests received from this day).",
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: self._default_month_start()
        + relativedelta(months=1, days=-1),
        help="Last day of the period, included.",
    )
    team_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.team",
        string="Services",
        help="Services (a direction includes its services); all when empty.",
    )

    @api.model
    def _default_month_start(self):
        """The previous month, the period managers review most."""
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._("The start date must precede the end date.")
                )

    def action_export(self):
        """Build the workbook and hand it to the browser."""
        self.ensure_one()
        content = self.env["grc.kpi.xlsx"]._generate(
            self.date_from, self.date_to, self.team_ids
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"grc-indicators-{self.date_from}-{self.date_to}.xlsx",
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
