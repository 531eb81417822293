# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

# A slot starting sooner than this is not offered: an agent must see it come.
MIN_NOTICE = timedelta(hours=1)


class HelpdeskTicketTeam(models.Model):
    """A service that receives citizens by appointment: its slots are cut in
    its working calendar (the service's ``resource.calendar``, public
    holidays included), each taken by at most ``capacity`` citizens and only
    while one of its agents is free in their calendar."""

    _inherit = "helpdesk.ticket.team"

    grc_appointment_enabled = fields.Boolean(
        string="Appointments online",
        help="Citizens book appointments with this service from the démarches "
        'of the service ("Need help?").',
    )
    grc_appointment_digital_help = fields.Boolean(
        string="Digital help point",
        help="A France Services point or a digital mediation desk: offered on "
        "every démarche, whatever its service.",
    )
    grc_callback_enabled = fields.Boolean(
        string="Call-back requests",
        help="Citizens ask this service to call them back, in a period of its "
        'opening hours when one of its agents is free ("Need help?").',
    )
    grc_appointment_duration = fields.Integer(
        string="Appointment length (minutes)", default=30
    )
    grc_appointment_capacity = fields.Integer(
        string="Citizens per slot",
        default=1,
        help="Appointments booked at the same time at most, each with an "
        "agent of the service free then.",
    )
    grc_appointment_days = fields.Integer(
        string="Booking horizon (days)",
        default=21,
        help="How many days ahead citizens see the slots.",
    )

    _sql_constraints = [
        (
            "grc_appointment_settings_check",
            "CHECK(grc_appointment_duration > 0 AND grc_appointment_capacity > 0 "
            "AND grc_appointment_days > 0)",
            "An appointment lasts at least a minute, a slot takes at least one "
            "citizen and citizens see at least one day ahead.",
        )
    ]

    def _grc_appointment_agents(self):
        """The agents who receive the service's appointments: its internal
        members, active."""
        self.ensure_one()
        return self.user_ids.filtered(lambda user: user.active and not user.share)

    def _grc_appointment_tz(self):
        self.ensure_one()
        calendar = self.resource_calendar_id or self.company_id.resource_calendar_id
        return pytz.timezone((calendar and calendar.tz) or "Europe/Paris")

    @api.model
    def _grc_appointment_window(self, day_from, day_to, tz):
        """UTC naive bounds of local days [day_from, day_to]."""
        begin = tz.localize(datetime.combine(day_from, time.min))
        end = tz.localize(datetime.combine(day_to + timedelta(days=1), time.min))
        return (
            begin.astimezone(pytz.utc).replace(tzinfo=None),
            end.astimezone(pytz.utc).replace(tzinfo=None),
        )

    def _grc_appointment_slots(self, begin=None, end=None, exclude=None):
        """The free slots of the service between ``begin`` and ``end`` (UTC
        naive; by default from now on its booking horizon), in order:
        ``[(start, stop, free_agents)]``, the agents (``res.users``) free at
        that time, as many as places left. ``exclude``: appointments not to
        count (the one being moved).

        Three reads whatever the number of slots: the calendar's working
        intervals, the appointments booked, the agents' events.
        """
        self.ensure_one()
        # sudo: availability is computed for citizens too; what they get back
        # is times and how many places, never whose events they are.
        team = self.sudo()
        agents = team._grc_appointment_agents()
        calendar = team.resource_calendar_id or team.company_id.resource_calendar_id
        if not (team.grc_appointment_enabled and agents and calendar):
            return []
        now = fields.Datetime.now()
        first = max(begin or now, now + MIN_NOTICE)
        last = end or now + timedelta(days=team.grc_appointment_days)
        if first >= last:
            return []
        tz = team._grc_appointment_tz()
        # Whole local days, so that slots keep to the calendar's grid.
        day_begin, day_end = self._grc_appointment_window(
            pytz.utc.localize(first).astimezone(tz).date(),
            pytz.utc.localize(last).astimezone(tz).date(),
            tz,
        )
        intervals = calendar._work_intervals_batch(
            pytz.utc.localize(day_begin), pytz.utc.localize(day_end)
        )[False]
        length = timedelta(minutes=team.grc_appointment_duration)
        candidates = []
        for start, stop, _attendance in intervals:
            start_utc = start.astimezone(pytz.utc).replace(tzinfo=None)
            stop_utc = stop.astimezone(pytz.utc).replace(tzinfo=None)
            while start_utc + length <= stop_utc:
                if first <= start_utc < last:
                    candidates.append((start_utc, start_utc + length))
                start_utc += length
        if not candidates:
            return []
        window = (candidates[0][0], candidates[-1][1])
        booked = defaultdict(int)
        domain = [
            ("team_id", "=", team.id),
            ("state", "=", "booked"),
            ("start", ">=", window[0]),
            ("start", "<", window[1]),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        # sudo: other citizens' bookings, counted, never shown.
        appointments = self.env["grc.appointment"].sudo()
        for appointment in appointments.search_fetch(domain, ["start"]):
            booked[appointment.start] += 1
        busy = defaultdict(list)
        # sudo: the agents' calendars, read for busy times only.
        events = (
            self.env["calendar.event"]
            .sudo()
            .search_fetch(
                [
                    ("partner_ids", "in", agents.partner_id.ids),
                    ("start", "<", window[1]),
                    ("stop", ">", window[0]),
                    ("show_as", "=", "busy"),
                ]
                + ([("id", "not in", exclude.event_id.ids)] if exclude else []),
                ["start", "stop", "partner_ids"],
            )
        )
        for event in events:
            for partner in event.partner_ids:
                busy[partner.id].append((event.start, event.stop))
        capacity = team.grc_appointment_capacity
        slots = []
        for start, stop in candidates:
            places = capacity - booked[start]
            if places <= 0:
                continue
            free = agents.filtered(
                lambda agent, start=start, stop=stop: not any(
                    b_start < stop and b_stop > start
                    for b_start, b_stop in busy[agent.partner_id.id]
                )
            )
            if free:
                slots.append((start, stop, free[:places]))
        return slots

    def _grc_callback_periods(self, begin=None, end=None):
        """The periods of the service's opening hours (its working calendar,
        public holidays included) in which citizens may ask to be called
        back, between ``begin`` and ``end`` (UTC naive; by default from now
        on its booking horizon): ``[(start, stop, agents)]``, the agents
        (``res.users``) not busy during the whole period in their calendar,
        the most available first."""
        self.ensure_one()
        # sudo: availability is computed for citizens too; what they get back
        # is periods, never whose events they are.
        team = self.sudo()
        agents = team._grc_appointment_agents()
        calendar = team.resource_calendar_id or team.company_id.resource_calendar_id
        if not (team.grc_callback_enabled and agents and calendar):
            return []
        now = fields.Datetime.now()
        first = max(begin or now, now + MIN_NOTICE)
        last = end or now + timedelta(days=team.grc_appointment_days)
        if first >= last:
            return []
        tz = team._grc_appointment_tz()
        day_begin, day_end = self._grc_appointment_window(
            pytz.utc.localize(first).astimezone(tz).date(),
            pytz.utc.localize(last).astimezone(tz).date(),
            tz,
        )
        intervals = calendar._work_intervals_batch(
            pytz.utc.localize(day_begin), pytz.utc.localize(day_end)
        )[False]
        periods = []
        for start, stop, _attendance in intervals:
            start_utc = start.astimezone(pytz.utc).replace(tzinfo=None)
            stop_utc = stop.astimezone(pytz.utc).replace(tzinfo=None)
            if first <= start_utc < last:
                periods.append((start_utc, stop_utc))
        if not periods:
            return []
        busy = defaultdict(list)
        # sudo: the agents' calendars, read for busy times only.
        events = (
            self.env["calendar.event"]
            .sudo()
            .search_fetch(
                [
                    ("partner_ids", "in", agents.partner_id.ids),
                    ("start", "<", periods[-1][1]),
                    ("stop", ">", periods[0][0]),
                    ("show_as", "=", "busy"),
                ],
                ["start", "stop", "partner_ids"],
            )
        )
        for event in events:
            for partner in event.partner_ids:
                busy[partner.id].append((event.start, event.stop))
        result = []
        for start, stop in periods:
            load = {}
            for agent in agents:
                # Overlaps may add up beyond the period: capped, it only
                # tells a whole busy period from a partly free one.
                load[agent] = sum(
                    (min(b_stop, stop) - max(b_start, start)).total_seconds()
                    for b_start, b_stop in busy[agent.partner_id.id]
                    if b_start < stop and b_stop > start
                )
            length = (stop - start).total_seconds()
            free = [agent for agent in agents if load[agent] < length]
            if free:
                free.sort(key=lambda agent: (load[agent], agent.id))
                result.append((start, stop, self.env["res.users"].union(*free)))
        return result

    @api.model
    def _grc_help_teams(self, request_type):
        """The services a citizen stuck on ``request_type`` may book with or
        ask to be called back by: its own service when it receives by
        appointment or calls back, then the digital help points."""
        # sudo: services are configuration; citizens read only their names.
        teams = self.sudo().search(
            [
                "|",
                ("grc_appointment_enabled", "=", True),
                ("grc_callback_enabled", "=", True),
                "|",
                ("id", "=", request_type.team_id.id),
                ("grc_appointment_digital_help", "=", True),
            ]
        )
        return teams.sorted(lambda team: team != request_type.team_id)
