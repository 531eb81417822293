# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

import phonenumbers
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Calls tried before the request is closed as not reached.
MAX_ATTEMPTS = 3


class GrcCallback(models.Model):
    """A citizen stuck on a démarche asks to be called back ("Need help?"):
    the number, the period of the service's opening hours that suits them,
    the draft where they stopped. It lands in the queue of the service's
    phone agents as a call activity of an agent free then; the agent records
    the outcome, and a call not answered is tried again at the next
    period."""

    _name = "grc.callback"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Call-back request of a citizen"
    _order = "slot_start, id"

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
    phone = fields.Char(
        required=True,
        tracking=True,
        help="The number to call, checked and kept in international format.",
    )
    slot_start = fields.Datetime(
        string="Call between", required=True, readonly=True, tracking=True
    )
    slot_stop = fields.Datetime(string="And", required=True, readonly=True)
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
        help="Where the citizen stopped online: the agent continues it with them.",
    )
    note = fields.Text(string="What the citizen needs")
    state = fields.Selection(
        selection=[
            ("waiting", "To call"),
            ("reached", "Reached"),
            ("not_reached", "Not reached"),
            ("cancelled", "Cancelled"),
        ],
        default="waiting",
        required=True,
        index=True,
        tracking=True,
    )
    attempt_count = fields.Integer(string="Calls not answered", readonly=True)
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel",
        string="Asked through",
        readonly=True,
    )
    done_date = fields.Datetime(string="Closed on", readonly=True)

    _sql_constraints = [
        (
            "grc_callback_times",
            "CHECK(slot_stop > slot_start)",
            "A call-back period ends after it starts.",
        ),
    ]

    @api.depends("team_id.name", "partner_id.name")
    def _compute_name(self):
        for callback in self:
            callback.name = self.env._(
                "Call back %(citizen)s (%(service)s)",
                service=callback.team_id.name or "",
                citizen=callback.partner_id.name or "",
            )

    # ------------------------------------------------------------------
    # Phone number
    # ------------------------------------------------------------------

    @api.model
    def _grc_normalize_phone(self, value):
        """``value`` in international format (E.164), French numbers
        accepted without their prefix; a clear error otherwise."""
        error = ValidationError(
            self.env._(
                "This phone number is not valid: give a French number "
                "(e.g. 06 12 34 56 78) or an international one (+32 ...)."
            )
        )
        try:
            number = phonenumbers.parse((value or "").strip(), "FR")
        except phonenumbers.NumberParseException as exc:
            raise error from exc
        if not phonenumbers.is_valid_number(number):
            raise error
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    @api.constrains("phone")
    def _check_phone(self):
        for callback in self:
            if callback.phone != self._grc_normalize_phone(callback.phone):
                raise ValidationError(
                    self.env._("Keep the phone number in international format.")
                )

    # ------------------------------------------------------------------
    # Request
    # ------------------------------------------------------------------

    @api.model
    def _grc_period(self, team, start):
        """The period of ``team``'s opening hours starting at ``start``
        (UTC naive) with its free agents, or a clear error."""
        if not isinstance(start, datetime):
            raise UserError(self.env._("Choose a period among those offered."))
        for period in team._grc_callback_periods(
            begin=start, end=start + timedelta(seconds=1)
        ):
            if period[0] == start:
                return period
        raise UserError(
            self.env._(
                "No agent can call you back in this period any more. Choose another."
            )
        )

    @api.model
    def _grc_request(self, team, partner, phone, start, values=None, channel=None):
        """Record the call-back of ``partner`` by ``team`` in the period
        starting at ``start``; return it, in the agent's queue, its
        confirmation queued. Called as the citizen (the portal) or an agent."""
        if not team.sudo().grc_callback_enabled:  # sudo: configuration
            raise UserError(self.env._("This service does not call citizens back."))
        phone = self._grc_normalize_phone(phone)
        period = self._grc_period(team, start)
        # sudo: a citizen asks without rights on agents' activities; the
        # values are the checked period and the caller's own partner.
        callback = self.sudo().create(
            dict(
                values or {},
                partner_id=partner.id,
                team_id=team.id,
                company_id=team.company_id.id or self.env.company.id,
                phone=phone,
                slot_start=period[0],
                slot_stop=period[1],
                user_id=period[2][:1].id,
                channel_id=channel.id if channel else False,
            )
        )
        callback._grc_schedule_call()
        callback._grc_notify("grc_citoyen_appointment.mail_template_callback_requested")
        return callback.with_env(self.env)

    def _grc_local(self, value):
        self.ensure_one()
        # sudo: the service's calendar, configuration read for citizens.
        tz = self.team_id.sudo()._grc_appointment_tz()
        return pytz.utc.localize(value).astimezone(tz)

    def _grc_period_label(self):
        self.ensure_one()
        start, stop = self._grc_local(self.slot_start), self._grc_local(self.slot_stop)
        return self.env._(
            "%(day)s between %(start)s and %(stop)s",
            day=start.strftime("%d/%m/%Y"),
            start=start.strftime("%H:%M"),
            stop=stop.strftime("%H:%M"),
        )

    def _grc_schedule_call(self):
        """The call in the agent's activities, due on the day of the period,
        with where the citizen stopped."""
        call = self.env.ref("mail.mail_activity_data_call")
        # sudo: the agent's activity, planned for the citizen who asks.
        for callback in self.sudo():
            callback.activity_ids.filtered(
                lambda a: a.activity_type_id == call
            ).unlink()
            lines = [
                self.env._("Call %(phone)s", phone=callback.phone),
                callback._grc_period_label(),
            ]
            if callback.request_type_id:
                lines.append(self.env._("Démarche: %s", callback.request_type_id.name))
            if callback.draft_id:
                lines.append(
                    self.env._("Saved démarche: %s", callback.draft_id.display_name)
                )
            if callback.note:
                lines.append(callback.note)
            callback.activity_schedule(
                activity_type_id=call.id,
                date_deadline=callback._grc_local(callback.slot_start).date(),
                summary=self.env._("Call back %s", callback.partner_id.name),
                note="<br/>".join(lines),
                user_id=callback.user_id.id or self.env.user.id,
            )

    # ------------------------------------------------------------------
    # Outcome
    # ------------------------------------------------------------------

    def _grc_check_waiting(self):
        for callback in self:
            if callback.state != "waiting":
                raise UserError(
                    self.env._("This call-back is no longer waiting for a call.")
                )

    def action_grc_reached(self):
        """The agent spoke with the citizen."""
        self._grc_check_waiting()
        self.write({"state": "reached", "done_date": fields.Datetime.now()})
        self.activity_feedback(
            ["mail.mail_activity_data_call"],
            feedback=self.env._("Citizen reached."),
        )
        return True

    def action_grc_not_reached(self):
        """No answer: tried again at the next period when an agent is free,
        or closed as not reached after the last try (the citizen is told)."""
        self._grc_check_waiting()
        for callback in self:
            attempts = callback.attempt_count + 1
            period = None
            if attempts < MAX_ATTEMPTS:
                after = max(fields.Datetime.now(), callback.slot_stop)
                # sudo: the service's availability, as when it was asked.
                periods = callback.team_id.sudo()._grc_callback_periods(begin=after)
                period = periods[0] if periods else None
            callback.activity_feedback(
                ["mail.mail_activity_data_call"],
                feedback=self.env._("No answer (call %s).", attempts),
            )
            if period:
                callback.write(
                    {
                        "attempt_count": attempts,
                        "slot_start": period[0],
                        "slot_stop": period[1],
                        "user_id": period[2][:1].id,
                    }
                )
                callback._grc_schedule_call()
            else:
                callback.write(
                    {
                        "attempt_count": attempts,
                        "state": "not_reached",
                        "done_date": fields.Datetime.now(),
                    }
                )
                callback._grc_notify(
                    "grc_citoyen_appointment.mail_template_callback_not_reached"
                )
        return True

    def action_grc_cancel(self):
        self._grc_check_waiting()
        # sudo: the citizen cancels their own (rules); the agent's activity goes.
        self.sudo().write({"state": "cancelled", "done_date": fields.Datetime.now()})
        self.sudo().activity_unlink(["mail.mail_activity_data_call"])
        return True

    # ------------------------------------------------------------------
    # Messages
    # ------------------------------------------------------------------

    def _grc_notify(self, template_xmlid):
        """Tell the citizen by e-mail through the mail queue (feature addons
        add their channels: grc_citoyen_appointment_sms)."""
        template = self.env.ref(template_xmlid)
        # sudo: the citizen's call-back, for them or the agent.
        for callback in self.sudo():
            if callback.partner_id.email:
                # sudo: templates are read by the citizen who asks.
                template.sudo().send_mail(callback.id, force_send=False)
            else:
                callback.message_post(
                    body=self.env._(
                        "No e-mail address: tell the citizen by their usual channel."
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def _grc_tz_name(self):
        self.ensure_one()
        # sudo: the service's calendar, configuration read for citizens.
        return self.team_id.sudo()._grc_appointment_tz().zone
