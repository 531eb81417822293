# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .grc_reclamation_deadline_rule import SEVERITIES
from .grc_reclamation_stage import STOPPED_STATES

DEADLINE_FIELDS = (
    "received_date",
    "reason_id",
    "severity",
    "responsible_team_id",
    "team_ids",
)


class GrcReclamation(models.Model):
    """A complaint: the citizen says the authority did something wrong (a delay,
    a wrong answer, an agent's behaviour...). Unlike a request, it is answered
    by a letter within a deadline and analysed to correct the cause."""

    _name = "grc.reclamation"
    _description = "Complaint"
    # The life cycle mixin comes first so that its message_post and write
    # run before mail.thread's.
    _inherit = [
        "grc.reclamation.workflow",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "received_date desc, id desc"
    _rec_names_search = ["name", "subject"]
    # Citizens may write on the chatter of a complaint they can read.
    _mail_post_access = "read"
    # Citizens write here: see mail.thread._grc_citizen_chatter.
    _grc_citizen_chatter = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        default=lambda self: self.env._("New"),
    )
    subject = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Citizen",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel", string="Channel", index=True
    )
    ticket_ids = fields.Many2many(
        comodel_name="helpdesk.ticket",
        relation="grc_reclamation_ticket_rel",
        column1="reclamation_id",
        column2="ticket_id",
        string="Requests",
        help="The requests this complaint is about.",
    )
    team_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.team",
        relation="grc_reclamation_team_rel",
        column1="reclamation_id",
        column2="team_id",
        string="Services",
        help="The services this complaint is about; the services of its "
        "requests are added automatically. Their agents can read it.",
    )
    reason_id = fields.Many2one(
        comodel_name="grc.reclamation.reason",
        string="Reason",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    severity = fields.Selection(
        selection=SEVERITIES, default="normal", required=True, tracking=True
    )
    description = fields.Html(help="The complaint in the citizen's words.")
    stage_id = fields.Many2one(
        comodel_name="grc.reclamation.stage",
        string="Stage",
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_stage_ids",
    )
    state = fields.Selection(
        related="stage_id.state", store=True, index=True, string="Status"
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Officer in charge",
        index=True,
        tracking=True,
        default=lambda self: self.env.company.reclamation_officer_id,
    )
    inadmissible_reason = fields.Text(
        string="Why not admissible", tracking=True, copy=False
    )
    # Deadlines, counted in working time by the SLA engine.
    received_date = fields.Datetime(
        string="Received on",
        required=True,
        index=True,
        tracking=True,
        default=fields.Datetime.now,
    )
    ack_deadline = fields.Datetime(string="Acknowledge before", readonly=True)
    ack_date = fields.Datetime(string="Acknowledged on", copy=False)
    answer_deadline = fields.Datetime(string="Answer before", readonly=True, index=True)
    answer_risk_date = fields.Datetime(string="At risk from", readonly=True)
    answer_date = fields.Datetime(
        string="Answered on",
        copy=False,
        index=True,
        tracking=True,
        help="The answer date stops the clock.",
    )
    closed_date = fields.Datetime(
        string="Closed on",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The retention period of the complaint's personal data runs "
        "from this date.",
    )
    deadline_basis = fields.Char(readonly=True, copy=False)
    deadline_status = fields.Selection(
        selection=[
            ("on_track", "On track"),
            ("at_risk", "At risk"),
            ("overdue", "Overdue"),
            ("answered_on_time", "Answered on time"),
            ("answered_late", "Answered late"),
        ],
        default="on_track",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    escalation_level = fields.Integer(
        readonly=True,
        copy=False,
        help="0: none; 1: the complaints officer was warned; 2: the director too.",
    )
    officer_escalation_date = fields.Datetime(readonly=True, copy=False)
    director_escalation_date = fields.Datetime(readonly=True, copy=False)
    request_escalated = fields.Boolean(
        readonly=True,
        copy=False,
        help="The open requests of this complaint about a delay were escalated.",
    )
    # Analysis
    root_cause_id = fields.Many2one(
        comodel_name="grc.reclamation.root.cause",
        string="Root cause",
        index=True,
        tracking=True,
    )
    responsible_team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Responsible service",
        index=True,
        tracking=True,
    )
    justification = fields.Selection(
        selection=[
            ("justified", "Justified"),
            ("partly", "Partly justified"),
            ("not_justified", "Not justified"),
        ],
        tracking=True,
        copy=False,
    )
    analysis = fields.Html(copy=False)
    action_ids = fields.One2many(
        comodel_name="grc.reclamation.action",
        inverse_name="reclamation_id",
        string="Corrective actions",
    )
    open_action_count = fields.Integer(compute="_compute_open_action_count")
    # Answer
    answer_body = fields.Html(
        string="Answer",
        copy=False,
        help="Body of the answer letter: the letter already opens with "
        '"Madam, Sir," and ends with the closing formula and the signature; '
        "write only what lies between.",
    )
    signatory_id = fields.Many2one(
        comodel_name="res.users",
        string="Signatory",
        default=lambda self: self.env.company.reclamation_signatory_id,
    )
    citizen_satisfaction = fields.Selection(
        selection=[("satisfied", "Satisfied"), ("not_satisfied", "Not satisfied")],
        tracking=True,
        copy=False,
        help="What the citizen said about the answer.",
    )
    citizen_feedback = fields.Text(copy=False)
    irritant_ids = fields.Many2many(
        comodel_name="grc.reclamation.irritant",
        relation="grc_reclamation_irritant_rel",
        column1="reclamation_id",
        column2="irritant_id",
        string="Irritants",
        copy=False,
    )
    origin_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Converted from request",
        copy=False,
        index="btree_not_null",
    )
    converted_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Converted into request",
        copy=False,
        index="btree_not_null",
    )
    submission_token = fields.Char(
        copy=False, index="btree_not_null", help="Idempotency key of the intake."
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "Two complaints cannot share the same reference.",
        ),
        (
            "submission_token_uniq",
            "unique(submission_token)",
            "This complaint was already submitted.",
        ),
    ]

    def _default_stage_id(self):
        return self.env["grc.reclamation.stage"].search(
            [("state", "=", "received")], limit=1
        )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    @api.depends("action_ids.state")
    def _compute_open_action_count(self):
        for rec in self:
            rec.open_action_count = len(rec.action_ids.filtered("is_open"))

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for rec in self:
            rec.access_url = f"/my/reclamation/{rec.id}"
        return res

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Answer %(reference)s", reference=self.name)

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = sequence.with_company(company).next_by_code(
                    "grc.reclamation"
                )
        records = super().create(vals_list)
        records._add_ticket_teams()
        records._update_deadlines()
        for rec in records:
            rec.message_subscribe(partner_ids=rec.partner_id.ids)
        if not self.env.context.get("grc_reclamation_no_mail"):
            records._send_acknowledgement()
        records._escalate_open_requests()
        return records

    def write(self, vals):
        res = super().write(vals)
        if "ticket_ids" in vals:
            self._add_ticket_teams()
        if any(name in vals for name in DEADLINE_FIELDS):
            self._update_deadlines()
        if "reason_id" in vals:
            self._escalate_open_requests()
        return res

    def _add_ticket_teams(self):
        for rec in self:
            missing = rec.ticket_ids.team_id - rec.team_ids
            if missing:
                rec.team_ids = [fields.Command.link(team.id) for team in missing]

    # Deadlines (counted by the SLA engine), escalation, intake

    def _reclamation_calendar(self):
        self.ensure_one()
        team = self.responsible_team_id or self.team_ids[:1]
        return team.resource_calendar_id or self.company_id.resource_calendar_id

    def _update_deadlines(self):
        self.env["grc.reclamation.deadline.rule"]._apply_deadlines(self)
        self._refresh_deadline_status()

    def _refresh_deadline_status(self):
        self.env["grc.reclamation.escalation"]._refresh_status(self)

    def _escalate_open_requests(self):
        self.env["grc.reclamation.escalation"]._escalate_open_requests(self)

    @api.model
    def _open_domain(self):
        return [("state", "not in", STOPPED_STATES)]

    @api.model
    def _grc_submit_reclamation(self, values):
        """The one method every intake path calls (see grc.reclamation.intake)."""
        return self.env["grc.reclamation.intake"]._submit(values)

    def action_convert_to_request(self):
        """It is really a request: create it from this complaint without
        retyping, and close the complaint as not admissible."""
        self.ensure_one()
        if self.converted_ticket_id:
            raise UserError(self.env._("This complaint was already converted."))
        ticket = self.env["helpdesk.ticket"]._grc_create_from_reclamation(self)
        self.write(
            {
                "converted_ticket_id": ticket.id,
                "inadmissible_reason": self.env._(
                    "This is a request, not a complaint: it is handled as request "
                    "%(number)s.",
                    number=ticket.number,
                ),
            }
        )
        if self.state in ("received", "admissible"):
            self.with_context(grc_reclamation_no_mail=True)._set_state("not_admissible")
            self._set_state("closed")
        self.message_post(
            body=Markup(self.env._("Converted into request %(link)s."))
            % {"link": ticket._get_html_link(ticket.number)},
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
