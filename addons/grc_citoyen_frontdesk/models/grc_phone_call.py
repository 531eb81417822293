# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class GrcPhoneCall(models.Model):
    """One call on the authority's lines, answered or missed: the log the
    phone pick-up rate is measured on. Agents record the calls they take or
    miss; a telephony system's export is imported (``grc.phone.call.import``).
    No caller number and no citizen are kept: what the citizen asked is an
    interaction (linked when there is one)."""

    _name = "grc.phone.call"
    _description = "Phone call"
    _order = "date desc, id desc"
    _rec_name = "date"

    date = fields.Datetime(
        string="Call started", required=True, default=fields.Datetime.now, index=True
    )
    direction = fields.Selection(
        selection=[("inbound", "Inbound"), ("outbound", "Outbound")],
        required=True,
        default="inbound",
        help="Only inbound calls count in the pick-up rate.",
    )
    status = fields.Selection(
        selection=[("answered", "Answered"), ("missed", "Missed")],
        string="Outcome",
        required=True,
        default="answered",
        index=True,
        help="Answered: an agent picked up. Missed: the caller hung up or "
        "was cut off before an agent picked up (abandoned in the queue, no "
        "answer, line busy).",
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Service",
        index=True,
        help="The service whose line was called (empty: the switchboard).",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Agent",
        default=lambda self: self.env.user,
        help="Who picked up (answered calls).",
    )
    wait_seconds = fields.Integer(
        string="Waiting time (s)", help="Seconds before pick-up or hang-up."
    )
    duration_seconds = fields.Integer(
        string="Talk time (s)", help="Seconds of conversation (answered calls)."
    )
    interaction_id = fields.Many2one(
        comodel_name="grc.interaction",
        string="Interaction",
        ondelete="set null",
        help="What was said, when the agent logged it.",
    )
    source = fields.Selection(
        selection=[("agent", "Recorded by an agent"), ("import", "Telephony import")],
        required=True,
        default="agent",
        readonly=True,
    )
    external_ref = fields.Char(
        string="Telephony call id",
        readonly=True,
        copy=False,
        help="Identifier of the call in the telephony system's export: a "
        "call imported twice is recorded once.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    is_confidential = fields.Boolean(
        string="Confidential service",
        compute="_compute_is_confidential",
        store=True,
        index=True,
    )

    _sql_constraints = [
        (
            "external_ref_company_unique",
            "UNIQUE(external_ref, company_id)",
            "This telephony call has already been imported.",
        ),
        (
            "wait_seconds_positive",
            "CHECK(wait_seconds IS NULL OR wait_seconds >= 0)",
            "The waiting time cannot be negative.",
        ),
        (
            "duration_seconds_positive",
            "CHECK(duration_seconds IS NULL OR duration_seconds >= 0)",
            "The talk time cannot be negative.",
        ),
    ]

    @api.depends("team_id.is_confidential")
    def _compute_is_confidential(self):
        for call in self:
            call.is_confidential = call.team_id.is_confidential

    @api.onchange("status")
    def _onchange_status(self):
        if self.status == "missed":
            self.user_id = False
            self.duration_seconds = 0
