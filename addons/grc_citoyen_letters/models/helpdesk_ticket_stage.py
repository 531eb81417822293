# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

LETTER_KINDS = [
    ("acknowledgement", "Acknowledgement of receipt"),
    ("information", "Request for information"),
    ("answer", "Answer"),
    ("cancellation", "Closure without follow-up"),
    ("closure", "Closure"),
    ("message", "Message of the agent"),
]


class HelpdeskTicketStage(models.Model):
    """The letter a postal citizen receives, instead of the stage's e-mail,
    when their request enters this stage."""

    _inherit = "helpdesk.ticket.stage"

    grc_letter_kind = fields.Selection(
        selection=LETTER_KINDS,
        string="Letter",
        help="Letter generated on the request, to print and post, for citizens "
        "who prefer post or cannot be reached otherwise.",
    )
