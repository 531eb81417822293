# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # The parameters keep the names they had in grc_citoyen (the complaint
    # form's is read by the core's helpdesk.ticket._grc_complaint_url and set
    # by the complaints addon).
    grc_satisfaction_low_score = fields.Integer(
        string="Low satisfaction score",
        config_parameter="grc_citoyen.satisfaction_low_score",
        default=4,
        help="Scores up to this value (out of 10) offer the citizen to file a "
        "complaint.",
    )
    grc_complaint_url = fields.Char(
        string="Complaint form",
        config_parameter="grc_citoyen.complaint_url",
        help="Address of the online complaint form offered after a low score; "
        "the request is added as request_id. Empty: no complaint is offered.",
    )
