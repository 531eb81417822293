# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    consent_push = fields.Boolean(
        string="Agrees to app notifications",
        tracking=True,
        help="The citizen turned on the notifications of the app on their "
        "account page: each step of their requests is announced on the "
        "phones they allowed.",
    )
    grc_push_device_ids = fields.One2many(
        comodel_name="mail.push.device",
        inverse_name="partner_id",
        string="Phones notified",
        domain=[("grc_app_device", "=", True)],
        groups="base.group_system",
    )
