# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

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


class HelpdeskTicket(models.Model):
    """Service levels of a request: deadlines in working time, status, pauses
    while waiting for the citizen.

    Deadlines come from ``grc.sla.engine``, called only from
    ``_compute_sla_deadline``; ``sla_basis`` says how they were obtained. The
    legal acknowledgements and implicit decisions are in
    ``helpdesk_ticket_sla_legal.py``. A scheduled check keeps the stored
    status current as time passes and lets features act on it through
    ``_grc_on_sla_check`` (alerts and escalations: ``grc_citoyen_sla_escalation``).
    """

    _inherit = "helpdesk.ticket"

    grc_sla_deadline = fields.Datetime(
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
        index="btree_not_null",
        help="Set while the request waits for the citizen: the clock is stopped.",
    )

    def init(self):
        res = super().init()
        # Escalations and KPIs look for the late requests: an index of those
        # only, which new requests (on track) do not write in.
        self.env.cr.execute("DROP INDEX IF EXISTS helpdesk_ticket__sla_status_index")
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS helpdesk_ticket_sla_late_index
            ON helpdesk_ticket (sla_status)
            WHERE sla_status IN ('at_risk', 'breached')
            """
        )
        return res

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.model
    def _grc_precomputed_fields(self):
        return super()._grc_precomputed_fields() + [
            "grc_sla_deadline",
            "sla_at_risk_date",
            "sla_first_response_deadline",
            "sla_first_response_at_risk_date",
            "sla_basis",
            "sla_status",
        ]

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
                    "grc_sla_deadline",
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
        "grc_sla_deadline",
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

        for target, deadline_field, at_risk_field in (
            ("resolution", "grc_sla_deadline", "sla_at_risk_date"),
            (
                "first_response",
                "sla_first_response_deadline",
                "sla_first_response_at_risk_date",
            ),
        ):
            if not targets[target]:
                continue
            amount, unit, label = targets[target]
            labels.append(label)
            deadline = add(start, amount, unit)
            at_risk = engine._grc_at_risk_date(
                start,
                deadline,
                company.grc_sla_risk_ratio,
                calendar,
                working_time=working_time,
            )
            if paused:
                # The clock stopped while waiting for the citizen: everything
                # moves by the working time paused.
                deadline = add(deadline, paused, "hours")
                at_risk = add(at_risk, paused, "hours")
            values[deadline_field] = deadline
            values[at_risk_field] = at_risk
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
        if self.grc_sla_deadline:
            statuses.append(
                self._grc_sla_level(
                    now, self.sla_at_risk_date, self.grc_sla_deadline, done
                )
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
    # Scheduled check: statuses change with time, not only with writes
    # ------------------------------------------------------------------

    @api.model
    def _cron_grc_sla_check(self):
        """Refresh the status of running requests, then let features act."""
        now = fields.Datetime.now()
        self._grc_sla_refresh_status(now)
        self._grc_on_sla_check(now)
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
            ("grc_sla_deadline", "<=", now),
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

    @api.model
    def _grc_on_sla_check(self, now):
        """Hook of the scheduled service level check (every few minutes),
        called once per run after the stored statuses were refreshed at ``now``.

        Features that act on late requests override it (call ``super()``):
        alerts and escalations of requests at risk or breached, warnings
        before an implicit decision. They search the requests by
        ``sla_status`` rather than act only on the statuses this run changed:
        a status also changes outside the check (a request filed late is
        breached at once), and a run may have failed. Acting once per request
        is theirs to record. The core does nothing here.

        :param now: the moment the statuses were computed for (naive UTC)
        :return: True
        """
        return True

    # ------------------------------------------------------------------
    # Pauses: waiting for the citizen stops the clock
    # ------------------------------------------------------------------

    def _grc_on_state_change(self, old_states):
        res = super()._grc_on_state_change(old_states)
        waiting_before = self.filtered(lambda t: old_states.get(t.id) == "waiting")
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
