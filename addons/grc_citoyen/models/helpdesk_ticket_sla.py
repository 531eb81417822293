# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup
from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import UserError

SLA_STATUS = [
    ("on_track", "On track"),
    ("at_risk", "At risk"),
    ("breached", "Breached"),
]
SLA_STATUS_RANK = {"on_track": 0, "at_risk": 1, "breached": 2}
# Requests whose processing is over: their status is frozen at their end date.
DONE_STATES = ("resolved", "closed", "cancelled")
# Channels on which a request is a "saisine par voie électronique" (CRPA L112-8).
ELECTRONIC_CHANNELS = (
    "helpdesk_mgmt.helpdesk_ticket_channel_web",
    "helpdesk_mgmt.helpdesk_ticket_channel_email",
    "grc_citoyen.helpdesk_ticket_channel_mobile_app",
)


class HelpdeskTicket(models.Model):
    """Service levels of a request: deadlines in working time, status, pauses
    while waiting for the citizen, legal acknowledgements and implicit decisions.

    Deadlines come from ``grc.sla.engine``, called only from
    ``_compute_sla_deadline``; ``sla_basis`` says how they were obtained.
    """

    _inherit = "helpdesk.ticket"

    sla_deadline = fields.Datetime(
        string="Deadline",
        compute="_compute_sla_deadline",
        store=True,
        index=True,
        copy=False,
        help="Resolution target, in the working time of the service; moved by "
        "the time spent waiting for the citizen.",
    )
    sla_at_risk_date = fields.Datetime(
        compute="_compute_sla_deadline", store=True, index=True, copy=False
    )
    sla_first_response_deadline = fields.Datetime(
        string="First response due",
        compute="_compute_sla_deadline",
        store=True,
        index=True,
        copy=False,
    )
    sla_first_response_at_risk_date = fields.Datetime(
        compute="_compute_sla_deadline", store=True, index=True, copy=False
    )
    sla_basis = fields.Char(
        string="Deadline basis",
        compute="_compute_sla_deadline",
        store=True,
        copy=False,
        help="Which target and calendar the deadlines come from.",
    )
    sla_status = fields.Selection(
        selection=SLA_STATUS,
        string="Service level",
        compute="_compute_sla_status",
        store=True,
        index=True,
        copy=False,
        help="Worst of the first response and resolution targets still running; "
        "refreshed on changes and every few minutes by a scheduled action.",
    )
    sla_paused_hours = fields.Float(
        string="Working hours paused",
        readonly=True,
        copy=False,
        help="Working time spent waiting for the citizen; added to the deadlines.",
    )
    sla_pause_start = fields.Datetime(
        string="Waiting since",
        readonly=True,
        copy=False,
        index=True,
        help="Set while the request waits for the citizen: the clock is stopped.",
    )
    sla_escalation_ids = fields.One2many(
        comodel_name="grc.sla.escalation",
        inverse_name="ticket_id",
        string="Escalations",
        readonly=True,
    )
    is_electronic_submission = fields.Boolean(
        string="Electronic submission",
        compute="_compute_is_electronic_submission",
        store=True,
        readonly=False,
        help="Received by e-mail, the portal or the app: the legal "
        "acknowledgements of an electronic submission are due.",
    )
    ack_registration_deadline = fields.Datetime(
        string="Registration acknowledgement due",
        compute="_compute_sla_deadline",
        store=True,
        copy=False,
    )
    ack_receipt_deadline = fields.Datetime(
        string="Acknowledgement of receipt due",
        compute="_compute_sla_deadline",
        store=True,
        index=True,
        copy=False,
    )
    ack_registration_date = fields.Datetime(
        string="Registration acknowledged on",
        readonly=True,
        copy=False,
        index=True,
    )
    ack_receipt_date = fields.Datetime(
        string="Receipt acknowledged on", readonly=True, copy=False, index=True
    )
    implicit_decision = fields.Selection(
        related="request_type_id.implicit_decision", string="Silence means"
    )
    implicit_decision_date = fields.Date(
        compute="_compute_implicit_decision_date",
        store=True,
        readonly=False,
        index=True,
        copy=False,
        help="Date on which, without an express decision, the request is deemed "
        "accepted or rejected. Adjust it when the file was incomplete (the "
        "period runs from the receipt of the missing documents).",
    )
    implicit_decision_days_left = fields.Integer(
        compute="_compute_implicit_decision_days_left"
    )
    implicit_decision_warning = fields.Boolean(
        compute="_compute_implicit_decision_days_left"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends(
        "received_date",
        "request_type_id",
        "team_id",
        "priority",
        "company_id",
        "sla_paused_hours",
        "is_electronic_submission",
    )
    def _compute_sla_deadline(self):
        engine = self.env["grc.sla.engine"]
        # One reading of each calendar's working intervals for the whole batch.
        starts = {}
        for ticket in self.filtered("received_date"):
            calendar = ticket._grc_sla_calendar()
            if calendar:
                starts[calendar] = min(
                    starts.get(calendar, ticket.received_date), ticket.received_date
                )
        working_times = {}
        for calendar, start in starts.items():
            try:
                working_times[calendar] = engine._grc_working_time(calendar, start)
            except UserError:
                working_times[calendar] = None
        for ticket in self:
            values = dict.fromkeys(
                (
                    "sla_deadline",
                    "sla_at_risk_date",
                    "sla_first_response_deadline",
                    "sla_first_response_at_risk_date",
                    "ack_registration_deadline",
                    "ack_receipt_deadline",
                ),
                False,
            )
            working_time = working_times.get(ticket._grc_sla_calendar())
            try:
                values.update(ticket._grc_sla_plan(working_time))
                values.update(ticket._grc_ack_plan(working_time))
            except UserError as error:
                # A configuration problem must not block the intake of a request:
                # it is shown on the request instead.
                values["sla_basis"] = self.env._(
                    "No deadline: %(error)s", error=error.args[0]
                )
            ticket.update(values)

    @api.depends(
        "sla_deadline",
        "sla_at_risk_date",
        "sla_first_response_deadline",
        "sla_first_response_at_risk_date",
        "first_response_date",
        "resolution_date",
        "closed_date",
        "grc_state",
        "sla_pause_start",
    )
    def _compute_sla_status(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.sla_status = ticket._grc_sla_status_at(now)

    @api.depends("channel_id")
    def _compute_is_electronic_submission(self):
        # Ids from the registry's cache of xmlids: no query on every request.
        model_data = self.env["ir.model.data"]
        channel_ids = {
            model_data._xmlid_to_res_id(xmlid, raise_if_not_found=False)
            for xmlid in ELECTRONIC_CHANNELS
        } - {False, None}
        for ticket in self:
            ticket.is_electronic_submission = ticket.channel_id.id in channel_ids

    @api.depends("request_type_id", "received_date", "team_id")
    def _compute_implicit_decision_date(self):
        for ticket in self:
            rtype = ticket.request_type_id
            if rtype.implicit_decision in (False, "none") or not ticket.received_date:
                ticket.implicit_decision_date = False
                continue
            received = ticket._grc_local_date(ticket.received_date)
            delay = rtype.implicit_decision_delay
            if rtype.implicit_decision_unit == "months":
                ticket.implicit_decision_date = received + relativedelta(months=delay)
            else:
                ticket.implicit_decision_date = received + timedelta(days=delay)

    @api.depends("implicit_decision_date", "grc_state", "company_id")
    def _compute_implicit_decision_days_left(self):
        today = fields.Date.context_today(self)
        for ticket in self:
            decision = ticket.implicit_decision_date
            days_left = (decision - today).days if decision else 0
            warning_days = (
                ticket.company_id or self.env.company
            ).grc_implicit_decision_warning_days
            ticket.implicit_decision_days_left = days_left
            ticket.implicit_decision_warning = bool(
                decision
                and ticket.grc_state not in DONE_STATES
                and days_left <= warning_days
            )

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------

    def _grc_sla_calendar(self):
        self.ensure_one()
        return (
            self.team_id.resource_calendar_id
            or (self.company_id or self.env.company).resource_calendar_id
        )

    def _grc_sla_targets(self):
        """The resolution and first response targets of the request.

        :return: dict with ``resolution`` and ``first_response``, each
            ``(amount, unit, label)`` or ``None`` when there is no target.
        """
        self.ensure_one()
        rtype, team = self.request_type_id, self.team_id
        company = self.company_id or self.env.company
        units = {
            "hours": self.env._("working hours"),
            "days": self.env._("working days"),
        }
        targets = {"resolution": None, "first_response": None}
        urgent = self.priority == "3"
        amount = 0
        if rtype.sla_target:
            amount, unit = rtype.sla_target, rtype.sla_unit or "days"
            if urgent:
                amount = (
                    rtype.sla_target_urgent or amount * company.grc_sla_urgent_ratio
                )
                source = self.env._(
                    "Type %(type)s, very high priority", type=rtype.name
                )
            else:
                source = self.env._("Type %(type)s", type=rtype.name)
        elif team.sla_target_default:
            amount, unit = team.sla_target_default, team.sla_unit_default or "days"
            if urgent:
                amount *= company.grc_sla_urgent_ratio
                source = self.env._(
                    "Service %(service)s default, very high priority",
                    service=team.name,
                )
            else:
                source = self.env._("Service %(service)s default", service=team.name)
        if amount:
            if unit == "days":
                # The engine counts whole days: show what it counts.
                amount = math.ceil(amount)
            targets["resolution"] = (
                amount,
                unit,
                self.env._(
                    "%(origin)s: %(amount)s %(unit)s",
                    origin=source,
                    amount=format(amount, "g"),
                    unit=units[unit],
                ),
            )
        if rtype.first_response_target:
            amount, unit = rtype.first_response_target, rtype.first_response_unit
        else:
            amount = team.sla_first_response_default
            unit = team.sla_first_response_unit_default
        if amount:
            unit = unit or "hours"
            targets["first_response"] = (
                amount,
                unit,
                self.env._(
                    "first response: %(amount)s %(unit)s",
                    amount=format(amount, "g"),
                    unit=units[unit],
                ),
            )
        return targets

    def _grc_sla_plan(self, working_time=None):
        """Deadlines and at-risk dates of the request, with their basis."""
        self.ensure_one()
        targets = self._grc_sla_targets()
        if not any(targets.values()) or not self.received_date:
            return {"sla_basis": self.env._("No service level target.")}
        calendar = self._grc_sla_calendar()
        engine = self.env["grc.sla.engine"]
        company = self.company_id or self.env.company
        start, paused = self.received_date, self.sla_paused_hours
        values, labels = {}, []

        def add(moment, amount, unit):
            return engine._add_working_time(
                moment, amount, unit, calendar, working_time=working_time
            )

        for target, prefix in (
            ("resolution", "sla"),
            ("first_response", "sla_first_response"),
        ):
            if not targets[target]:
                continue
            amount, unit, label = targets[target]
            labels.append(label)
            deadline = add(start, amount, unit)
            total = engine._working_hours_between(
                start, deadline, calendar, working_time=working_time
            )
            at_risk = add(start, total * company.grc_sla_risk_ratio, "hours")
            if paused:
                # The clock stopped while waiting for the citizen: everything
                # moves by the working time paused.
                deadline = add(deadline, paused, "hours")
                at_risk = add(at_risk, paused, "hours")
            values[f"{prefix}_deadline"] = deadline
            values[f"{prefix}_at_risk_date"] = at_risk
        basis = self.env._(
            "%(targets)s, calendar %(calendar)s",
            targets="; ".join(labels),
            calendar=calendar.name,
        )
        if paused:
            basis = self.env._(
                "%(basis)s, plus %(hours)s working hours waiting for the citizen",
                basis=basis,
                hours=format(paused, "g"),
            )
        values["sla_basis"] = basis
        return values

    def _grc_ack_plan(self, working_time=None):
        """Legal acknowledgement deadlines of an electronic submission."""
        self.ensure_one()
        if not self.is_electronic_submission or not self.received_date:
            return {}
        calendar = self._grc_sla_calendar()
        company = self.company_id or self.env.company
        engine = self.env["grc.sla.engine"]
        return {
            "ack_registration_deadline": engine._add_working_time(
                self.received_date,
                company.grc_ack_registration_days,
                "days",
                calendar,
                working_time=working_time,
            ),
            "ack_receipt_deadline": engine._add_working_time(
                self.received_date,
                company.grc_ack_receipt_days,
                "days",
                calendar,
                working_time=working_time,
            ),
        }

    # ------------------------------------------------------------------
    # Status
    # ------------------------------------------------------------------

    def _grc_sla_status_at(self, now):
        """Service level status at ``now``, frozen while paused or once done."""
        self.ensure_one()
        if self.sla_pause_start:
            now = min(now, self.sla_pause_start)
        done = self.grc_state in DONE_STATES
        if done:
            now = (
                self.resolution_date
                or self.closed_date
                or self.last_stage_update
                or now
            )
        statuses = []
        if self.sla_deadline:
            statuses.append(
                self._grc_sla_level(now, self.sla_at_risk_date, self.sla_deadline, done)
            )
        if self.sla_first_response_deadline:
            answered = self.first_response_date
            statuses.append(
                self._grc_sla_level(
                    answered or now,
                    self.sla_first_response_at_risk_date,
                    self.sla_first_response_deadline,
                    done or bool(answered),
                )
            )
        return max(statuses, key=SLA_STATUS_RANK.get, default="on_track")

    @api.model
    def _grc_sla_level(self, moment, at_risk_date, deadline, finished):
        if moment > deadline:
            return "breached"
        if not finished and at_risk_date and moment >= at_risk_date:
            return "at_risk"
        return "on_track"

    # ------------------------------------------------------------------
    # Pauses: waiting for the citizen stops the clock
    # ------------------------------------------------------------------

    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        waiting_before = self.filtered(lambda t: t.grc_state == "waiting")
        res = super().write(vals)
        now = fields.Datetime.now()
        waiting_after = self.filtered(lambda t: t.grc_state == "waiting")
        (waiting_after - waiting_before).filtered(
            lambda t: not t.sla_pause_start
        ).write({"sla_pause_start": now})
        resumed = (waiting_before - waiting_after).filtered("sla_pause_start")
        engine = self.env["grc.sla.engine"]
        for ticket in resumed:
            calendar = ticket._grc_sla_calendar()
            paused = 0.0
            if calendar and (calendar.attendance_ids or calendar.flexible_hours):
                paused = max(
                    engine._working_hours_between(
                        ticket.sla_pause_start, now, calendar
                    ),
                    0.0,
                )
            ticket.write(
                {
                    "sla_pause_start": False,
                    "sla_paused_hours": ticket.sla_paused_hours + paused,
                }
            )
        return res

    # ------------------------------------------------------------------
    # Legal acknowledgements of electronic submissions (CRPA L112-11)
    # ------------------------------------------------------------------

    def _grc_ack_values(self):
        """What the acknowledgements must tell the citizen (CRPA R112-11-1).

        Used by the mail templates and by the sending pipeline.
        """
        self.ensure_one()
        team = self.team_id
        return {
            "reference": self.number,
            "received_date": self.received_date,
            "service_name": team.name or "",
            "service_address": team.address or "",
            "service_email": team.contact_email or "",
            "service_phone": team.contact_phone or "",
            "implicit_decision": self.request_type_id.implicit_decision or "none",
            "implicit_decision_date": self.implicit_decision_date,
            "registration_deadline": self.ack_registration_deadline,
            "receipt_deadline": self.ack_receipt_deadline,
        }

    def _grc_mark_ack_registration_sent(self, sent_date=None):
        """Record when the registration acknowledgement left (first time only)."""
        self.filtered(lambda t: not t.ack_registration_date).write(
            {"ack_registration_date": sent_date or fields.Datetime.now()}
        )

    def _grc_mark_ack_receipt_sent(self, sent_date=None):
        """Record when the acknowledgement of receipt left (first time only)."""
        self.filtered(lambda t: not t.ack_receipt_date).write(
            {"ack_receipt_date": sent_date or fields.Datetime.now()}
        )

    def _grc_local_date(self, dt):
        """Local date of a naive UTC datetime, in the service's time zone."""
        self.ensure_one()
        calendar = self._grc_sla_calendar()
        tz = timezone(calendar.tz or self.env.user.tz or "UTC")
        return utc.localize(dt).astimezone(tz).date()

    # ------------------------------------------------------------------
    # Scheduled action: refresh statuses, alert once, escalate
    # ------------------------------------------------------------------

    @api.model
    def _cron_grc_sla_check(self):
        """Refresh the status of running requests and raise each alert once."""
        now = fields.Datetime.now()
        self._grc_sla_refresh_status(now)
        running = [
            ("grc_state", "not in", DONE_STATES),
            ("sla_pause_start", "=", False),
        ]
        for kind in ("breached", "at_risk"):
            tickets = self.search(running + [("sla_status", "=", kind)])
            tickets._grc_sla_without_escalation(kind)._grc_sla_escalate(kind)
        self._grc_implicit_decision_warn()
        return True

    @api.model
    def _grc_sla_refresh_status(self, now):
        """Store the status of the running requests whose status changed with time."""
        running = [
            ("grc_state", "not in", DONE_STATES),
            ("sla_pause_start", "=", False),
            ("sla_status", "!=", "breached"),
        ]
        due = [
            "|",
            "|",
            ("sla_at_risk_date", "<=", now),
            ("sla_deadline", "<=", now),
            "&",
            ("first_response_date", "=", False),
            ("sla_first_response_at_risk_date", "<=", now),
        ]
        tickets = self.search(running + due)
        by_status = {}
        for ticket in tickets:
            status = ticket._grc_sla_status_at(now)
            if status != ticket.sla_status:
                by_status.setdefault(status, self.browse())
                by_status[status] |= ticket
        for status, changed in by_status.items():
            changed.write({"sla_status": status})
        return tickets

    def _grc_sla_without_escalation(self, kind):
        done = self.env["grc.sla.escalation"].search(
            [("ticket_id", "in", self.ids), ("kind", "=", kind)]
        )
        return self - done.ticket_id

    def _grc_sla_escalate(self, kind):
        """Alert the agent and the manager of each request, once per kind."""
        escalation_vals = []
        for ticket in self:
            agent, manager = ticket.user_id, ticket.team_id.user_id
            reassign = (
                kind == "breached"
                and ticket.team_id.sla_escalate_to_manager
                and manager
                and manager != agent
            )
            if kind == "implicit_decision":
                deadline, due = False, ticket.implicit_decision_date
            else:
                deadline = ticket._grc_sla_next_deadline()
                due = fields.Date.context_today(ticket)
            message = ticket._grc_sla_alert_message(kind, deadline)
            responsible = manager if reassign else (agent or manager)
            # The agent acts; on a breach the manager gets a task of their own.
            users = responsible
            if kind == "breached":
                users |= manager
            for user in users:
                ticket.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=due,
                    summary=message,
                    user_id=user.id,
                )
            if reassign:
                ticket.user_id = manager
            ticket.message_post(
                body=Markup("<p>%s</p>") % message,
                subject=message,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                partner_ids=(agent | manager).partner_id.ids,
            )
            escalation_vals.append(
                {
                    "ticket_id": ticket.id,
                    "kind": kind,
                    "deadline": deadline,
                    "team_id": ticket.team_id.id,
                    "user_id": agent.id,
                    "manager_id": manager.id,
                    "reassigned": bool(reassign),
                }
            )
        return self.env["grc.sla.escalation"].create(escalation_vals)

    def _grc_sla_next_deadline(self):
        self.ensure_one()
        if (
            self.sla_first_response_deadline
            and not self.first_response_date
            and (
                not self.sla_deadline
                or self.sla_first_response_deadline < self.sla_deadline
            )
        ):
            return self.sla_first_response_deadline
        return self.sla_deadline

    def _grc_sla_alert_message(self, kind, deadline):
        self.ensure_one()
        when = fields.Datetime.context_timestamp(self, deadline) if deadline else False
        when = when.strftime("%Y-%m-%d %H:%M") if when else ""
        if kind == "breached":
            return self.env._(
                "Request %(ref)s missed its deadline (%(deadline)s).",
                ref=self.number,
                deadline=when,
            )
        if kind == "at_risk":
            return self.env._(
                "Request %(ref)s is at risk: due %(deadline)s.",
                ref=self.number,
                deadline=when,
            )
        return self.env._(
            "Request %(ref)s: without a decision, silence will mean %(effect)s "
            "on %(date)s.",
            ref=self.number,
            effect=self.env._("acceptance")
            if self.implicit_decision == "accept"
            else self.env._("rejection"),
            date=self.implicit_decision_date,
        )

    @api.model
    def _grc_implicit_decision_warn(self):
        """Warn before silence turns into a decision, once per request."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].search([])
        horizon = max(companies.mapped("grc_implicit_decision_warning_days") or [0])
        tickets = self.search(
            [
                ("grc_state", "not in", DONE_STATES),
                ("implicit_decision_date", "!=", False),
                ("implicit_decision_date", "<=", today + timedelta(days=horizon)),
            ]
        ).filtered("implicit_decision_warning")
        return tickets._grc_sla_without_escalation(
            "implicit_decision"
        )._grc_sla_escalate("implicit_decision")
