# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError

# Partial unique indexes: two booked appointments never share a place of a
# slot, nor an agent at the same time, whatever transactions run at once.
SEAT_INDEX = "grc_appointment_seat_unique"
AGENT_INDEX = "grc_appointment_agent_unique"


class GrcAppointment(models.Model):
    """A citizen's appointment with a service (front desk, France Services
    point, digital help), booked online or by an agent. Its agent sees it in
    Odoo's calendar (``event_id``), whose alarm queues the reminder."""

    _name = "grc.appointment"
    _inherit = ["mail.thread"]
    _description = "Appointment of a citizen with a service"
    _order = "start desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Citizen",
        required=True,
        index=True,
        ondelete="cascade",
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Service",
        required=True,
        index=True,
        ondelete="restrict",
    )
    is_confidential = fields.Boolean(
        related="team_id.is_confidential", store=True, string="Confidential"
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Agent", tracking=True, readonly=True
    )
    request_type_id = fields.Many2one(
        comodel_name="grc.request.type",
        string="Démarche",
        help="The démarche the citizen needed help with.",
    )
    draft_id = fields.Many2one(
        comodel_name="grc.citizen.draft",
        string="Saved démarche",
        ondelete="set null",
        help="Where the citizen stopped online: the agent continues it with " "them.",
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Request", ondelete="set null"
    )
    note = fields.Text(string="What the citizen needs")
    start = fields.Datetime(required=True, readonly=True, tracking=True)
    stop = fields.Datetime(required=True, readonly=True)
    seat = fields.Integer(
        required=True,
        readonly=True,
        help="Place taken in the slot, between 1 and the service's number of "
        "citizens per slot.",
    )
    state = fields.Selection(
        selection=[
            ("booked", "Booked"),
            ("done", "Received"),
            ("no_show", "Did not come"),
            ("cancelled", "Cancelled"),
        ],
        default="booked",
        required=True,
        index=True,
        tracking=True,
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel",
        string="Booked through",
        readonly=True,
    )
    event_id = fields.Many2one(
        comodel_name="calendar.event",
        string="Calendar event",
        readonly=True,
        ondelete="set null",
        copy=False,
    )

    _sql_constraints = [
        (
            "grc_appointment_times",
            "CHECK(stop > start)",
            "An appointment ends after it starts.",
        ),
        (
            "grc_appointment_seat_positive",
            "CHECK(seat > 0)",
            "A place is numbered from 1.",
        ),
    ]

    def init(self):
        res = super().init()
        # The names are SEAT_INDEX and AGENT_INDEX.
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS grc_appointment_seat_unique
               ON grc_appointment (team_id, start, seat) WHERE state = 'booked'"""
        )
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS grc_appointment_agent_unique
               ON grc_appointment (user_id, start) WHERE state = 'booked'"""
        )
        return res

    @api.depends("team_id.name", "partner_id.name")
    def _compute_name(self):
        for appointment in self:
            appointment.name = self.env._(
                "Appointment %(service)s: %(citizen)s",
                service=appointment.team_id.name or "",
                citizen=appointment.partner_id.name or "",
            )

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------

    def _grc_unavailable(self):
        return UserError(
            self.env._(
                "This time is no longer available: someone booked it in the "
                "meantime. Choose another time."
            )
        )

    @api.model
    def _grc_slot(self, team, start, exclude=None):
        """The free slot of ``team`` starting at ``start`` (UTC naive), or an
        error saying it is not offered."""
        if not isinstance(start, datetime):
            raise UserError(self.env._("Choose a time among those offered."))
        for slot in team._grc_appointment_slots(
            begin=start, end=start + timedelta(seconds=1), exclude=exclude
        ):
            if slot[0] == start:
                return slot
        raise self._grc_unavailable()

    def _grc_take_place(self, team, slot, apply):
        """Call ``apply(seat, agent)`` in a savepoint for the first free place
        and agent of ``slot`` that the unique indexes accept: a booking
        committed at the same time by another transaction takes its place
        first, this one takes the next or is refused."""
        start = slot[0]
        # sudo: the places taken by other citizens, counted, never shown.
        taken = (
            self.sudo()
            .search_fetch(
                [
                    ("team_id", "=", team.id),
                    ("start", "=", start),
                    ("state", "=", "booked"),
                    ("id", "not in", self.ids),
                ],
                ["seat"],
            )
            .mapped("seat")
        )
        # sudo: the service's settings, read for the citizen who books.
        seats = [
            seat
            for seat in range(1, team.sudo().grc_appointment_capacity + 1)
            if seat not in taken
        ]
        agents = list(slot[2])
        while seats and agents:
            seat, agent = seats[0], agents[0]
            try:
                with self.env.cr.savepoint():
                    return apply(seat, agent)
            except psycopg2.errors.UniqueViolation as error:
                constraint = error.diag.constraint_name
                if constraint == SEAT_INDEX:
                    seats.pop(0)
                elif constraint == AGENT_INDEX:
                    agents.pop(0)
                else:
                    raise
        raise self._grc_unavailable()

    @api.model
    def _grc_book(self, team, partner, start, values=None, channel=None):
        """Book ``start`` with ``team`` for ``partner``; return the
        appointment, in the agent's calendar, its confirmation queued.

        Called as the citizen (the portal) or an agent; writes as superuser
        what the caller may not (another agent's calendar)."""
        slot = self._grc_slot(team, start)
        values = dict(values or {})

        def create(seat, agent):
            # sudo: a citizen books without rights on agents' calendars; the
            # values are the checked slot and the caller's own partner.
            return self.sudo().create(
                dict(
                    values,
                    partner_id=partner.id,
                    team_id=team.id,
                    company_id=team.company_id.id or self.env.company.id,
                    start=slot[0],
                    stop=slot[1],
                    seat=seat,
                    user_id=agent.id,
                    channel_id=channel.id if channel else False,
                )
            )

        appointment = self._grc_take_place(team, slot, create)
        appointment._grc_sync_event()
        appointment._grc_notify(
            "grc_citoyen_appointment.mail_template_appointment_booked"
        )
        return appointment.with_env(self.env)

    def action_grc_move(self, start):
        """Move the appointment to another free slot of its service."""
        self.ensure_one()
        if self.state != "booked":
            raise UserError(self.env._("Only a booked appointment can be moved."))
        slot = self._grc_slot(self.team_id, start, exclude=self)

        def move(seat, agent):
            # sudo: the slot was checked; the citizen moves their own
            # appointment (rules) into another agent's calendar.
            self.sudo().write(
                {
                    "start": slot[0],
                    "stop": slot[1],
                    "seat": seat,
                    "user_id": agent.id,
                }
            )
            self.sudo().flush_recordset()  # sudo: as the write above
            return self

        self._grc_take_place(self.team_id, slot, move)
        self._grc_sync_event()
        self._grc_notify("grc_citoyen_appointment.mail_template_appointment_booked")
        return True

    def action_grc_cancel(self):
        for appointment in self:
            if appointment.state != "booked":
                raise UserError(
                    self.env._("Only a booked appointment can be cancelled.")
                )
        # sudo: the citizen cancels their own (rules); the agent's event goes.
        self.sudo().write({"state": "cancelled"})
        self.sudo().event_id.write({"active": False})
        for appointment in self:
            appointment._grc_notify(
                "grc_citoyen_appointment.mail_template_appointment_cancelled"
            )
        return True

    def action_grc_done(self):
        self._grc_close("done")

    def action_grc_no_show(self):
        self._grc_close("no_show")

    def _grc_close(self, state):
        for appointment in self:
            if appointment.state != "booked":
                raise UserError(
                    self.env._("This appointment is not waiting for the citizen.")
                )
        self.write({"state": state})

    # ------------------------------------------------------------------
    # Calendar and messages
    # ------------------------------------------------------------------

    def _grc_sync_event(self):
        """The agent's calendar event: created, or moved with the
        appointment; its alarm schedules the reminder (calendar's cron)."""
        alarm = self.env.ref(
            "grc_citoyen_appointment.calendar_alarm_appointment_day_before"
        )
        # sudo: the agent's calendar, written for the citizen who books.
        events = (
            self.env["calendar.event"]
            .sudo()
            .with_context(no_mail_to_attendees=True, mail_create_nosubscribe=True)
        )
        for appointment in self.sudo():
            values = {
                "name": appointment.name,
                "start": appointment.start,
                "stop": appointment.stop,
                "user_id": appointment.user_id.id,
                "partner_ids": [
                    fields.Command.set(
                        (appointment.user_id.partner_id | appointment.partner_id).ids
                    )
                ],
                "alarm_ids": [fields.Command.set(alarm.ids)],
                "description": appointment._grc_event_description(),
                "privacy": "private" if appointment.is_confidential else "public",
                "res_model_id": self.env["ir.model"]._get_id("grc.appointment"),
                "res_id": appointment.id,
            }
            if appointment.event_id:
                appointment.event_id.with_context(no_mail_to_attendees=True).write(
                    values
                )
            else:
                appointment.event_id = events.create(values)

    def _grc_event_description(self):
        self.ensure_one()
        lines = [
            self.env._("Démarche: %s", self.request_type_id.name)
            if self.request_type_id
            else "",
            self.env._("Saved démarche: %s", self.draft_id.display_name)
            if self.draft_id
            else "",
            self.note or "",
        ]
        return "\n".join(line for line in lines if line)

    def _grc_notify(self, template_xmlid):
        """Confirmation or cancellation to the citizen, by e-mail through the
        mail queue (never sent inside the booking's transaction)."""
        template = self.env.ref(template_xmlid)
        # sudo: the citizen's appointment, for them or the agent who books.
        for appointment in self.sudo():
            if appointment.partner_id.email:
                # sudo: templates are read by the citizen who books.
                template.sudo().send_mail(appointment.id, force_send=False)
            else:
                appointment.message_post(
                    body=self.env._(
                        "No e-mail address: tell the citizen by their usual channel."
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def _grc_tz_name(self):
        """The service's time zone, in which times are told to citizens."""
        self.ensure_one()
        # sudo: the service's calendar, configuration read for citizens.
        return self.team_id.sudo()._grc_appointment_tz().zone
