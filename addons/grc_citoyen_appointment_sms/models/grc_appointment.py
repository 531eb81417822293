# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

# E-mail of grc_citoyen_appointment -> its SMS, for citizens on SMS.
SMS_TEMPLATES = {
    "grc_citoyen_appointment.mail_template_appointment_booked": (
        "grc_citoyen_appointment_sms.sms_template_appointment_booked"
    ),
    "grc_citoyen_appointment.mail_template_appointment_cancelled": (
        "grc_citoyen_appointment_sms.sms_template_appointment_cancelled"
    ),
}
# The SMS reminder leaves this long before the appointment.
REMINDER_BEFORE = timedelta(days=1)


class GrcAppointment(models.Model):
    """Confirmation, cancellation and the reminder the day before by SMS
    for citizens whose channel is SMS (by the SMS queue); e-mail for the
    others, as grc_citoyen_appointment does."""

    _inherit = "grc.appointment"

    sms_reminder_sent = fields.Boolean(
        string="SMS reminder sent", readonly=True, copy=False
    )

    def _grc_queue_sms_xmlid(self, xmlid, number):
        self.ensure_one()
        template = self.env.ref(xmlid)
        # sudo: SMS are the system's work, also when a citizen books; citizens
        # may neither read the template nor post on appointments.
        self.sudo().with_context(mail_notify_author=True)._message_sms_with_template(
            template=template,
            partner_ids=self.partner_id.ids,
            sms_pid_to_number={self.partner_id.id: number},
            put_in_queue=True,
            # Written by the system; the citizen who books is the current
            # user, notified all the same (mail_notify_author).
            author_id=self.env.ref("base.partner_root").id,
        )

    def _grc_notify(self, template_xmlid):
        sms_xmlid = SMS_TEMPLATES.get(template_xmlid)
        by_email = self.browse()
        for appointment in self:
            # sudo: the citizen's own contact details, for the agent or them.
            number = (
                sms_xmlid
                and appointment.sudo().partner_id._grc_appointment_sms_number()
            )
            if number:
                appointment._grc_queue_sms_xmlid(sms_xmlid, number)
            else:
                by_email |= appointment
        return super(GrcAppointment, by_email)._grc_notify(template_xmlid)

    def _grc_sync_event(self):
        """With the calendar event (and its e-mail alarm), the SMS reminder:
        calendar's way, the reminders' cron is triggered at the time."""
        res = super()._grc_sync_event()
        cron = self.env.ref(
            "grc_citoyen_appointment_sms.ir_cron_appointment_sms_reminder"
        )
        now = fields.Datetime.now()
        # sudo: the reminder's flag and cron, the system's, for the citizen.
        for appointment in self.sudo():
            appointment.sms_reminder_sent = False
            if appointment.partner_id._grc_appointment_sms_number():
                cron._trigger(at=max(now, appointment.start - REMINDER_BEFORE))
        return res

    @api.model
    def _grc_send_sms_reminders(self):
        """Cron: queue the SMS reminder of the booked appointments of the
        next day whose citizen's channel is SMS."""
        now = fields.Datetime.now()
        appointments = self.search(
            [
                ("state", "=", "booked"),
                ("sms_reminder_sent", "=", False),
                ("start", ">", now),
                ("start", "<=", now + REMINDER_BEFORE),
            ]
        )
        for appointment in appointments:
            number = appointment.partner_id._grc_appointment_sms_number()
            if number:
                appointment._grc_queue_sms_xmlid(
                    "grc_citoyen_appointment_sms.sms_template_appointment_reminder",
                    number,
                )
        appointments.sms_reminder_sent = True
