# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    sms_template_id = fields.Many2one(
        comodel_name="sms.template",
        string="SMS template",
        domain="[('model', '=', 'helpdesk.ticket')]",
        help="SMS sent to citizens who agreed to SMS and gave a mobile number.",
    )
