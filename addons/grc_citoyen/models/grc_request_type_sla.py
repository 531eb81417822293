# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

SLA_UNITS = [("hours", "Working hours"), ("days", "Working days")]


class GrcRequestType(models.Model):
    """Service levels and the legal effect of silence for each démarche."""

    _inherit = "grc.request.type"

    sla_target_urgent = fields.Float(
        string="Target delay (very high priority)",
        tracking=True,
        help="Shorter target for very high priority requests, in the same unit. "
        "Empty: the company's shortening ratio applies.",
    )
    first_response_target = fields.Float(
        string="First response delay",
        tracking=True,
        help="Time to send a first answer to the citizen, counted in working "
        "time. Empty: the service default applies.",
    )
    first_response_unit = fields.Selection(
        selection=SLA_UNITS, string="First response unit", default="hours"
    )
    implicit_decision = fields.Selection(
        selection=[
            ("none", "No implicit decision"),
            ("accept", "Silence means acceptance"),
            ("reject", "Silence means rejection"),
        ],
        default="none",
        required=True,
        tracking=True,
        help="What the law says when the authority does not answer in time "
        "(CRPA L231-1 and following): the citizen is told in the acknowledgement "
        "of receipt, and agents are warned before the date.",
    )
    implicit_decision_delay = fields.Integer(
        string="Implicit decision after",
        default=2,
        help="Period after receipt (calendar time) at the end of which silence "
        "becomes a decision.",
    )
    implicit_decision_unit = fields.Selection(
        selection=[("days", "Days"), ("months", "Months")],
        string="Implicit decision unit",
        default="months",
    )

    @api.constrains("sla_target", "sla_target_urgent", "first_response_target")
    def _check_sla_targets(self):
        for rtype in self:
            if (
                min(
                    rtype.sla_target,
                    rtype.sla_target_urgent,
                    rtype.first_response_target,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Request type %(type)s: a target delay cannot be negative; "
                        "leave it empty to use the service default.",
                        type=rtype.display_name,
                    )
                )
            if rtype.sla_target_urgent and rtype.sla_target_urgent > rtype.sla_target:
                raise ValidationError(
                    self.env._(
                        "Request type %(type)s: the very high priority target must "
                        "be shorter than the normal target.",
                        type=rtype.display_name,
                    )
                )

    @api.constrains("implicit_decision", "implicit_decision_delay")
    def _check_implicit_decision(self):
        for rtype in self:
            if rtype.implicit_decision != "none" and rtype.implicit_decision_delay <= 0:
                raise ValidationError(
                    self.env._(
                        "Request type %(type)s: the period after which silence "
                        "becomes a decision must be positive.",
                        type=rtype.display_name,
                    )
                )
