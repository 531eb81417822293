# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

SMS_TEMPLATES = {
    "grc_citoyen_appointment.mail_template_callback_requested": (
        "grc_citoyen_appointment_sms.sms_template_callback_requested"
    ),
    "grc_citoyen_appointment.mail_template_callback_not_reached": (
        "grc_citoyen_appointment_sms.sms_template_callback_not_reached"
    ),
}


class GrcCallback(models.Model):
    """Call-back confirmations by SMS to the number given, when it is a
    mobile and SMS is the citizen's channel."""

    _inherit = "grc.callback"

    def _grc_notify(self, template_xmlid):
        sms_xmlid = SMS_TEMPLATES.get(template_xmlid)
        by_email = self.browse()
        for callback in self:
            # sudo: the citizen's own contact details, for the agent or them.
            callback_sudo = callback.sudo()
            number = sms_xmlid and callback_sudo.partner_id._grc_appointment_sms_number(
                callback_sudo.phone
            )
            if number:
                # sudo: SMS are the system's work, also when a citizen asks.
                callback_sudo.with_context(
                    mail_notify_author=True
                )._message_sms_with_template(
                    template=self.env.ref(sms_xmlid),
                    partner_ids=callback_sudo.partner_id.ids,
                    sms_pid_to_number={callback_sudo.partner_id.id: number},
                    put_in_queue=True,
                    # Written by the system; the citizen who asks is the
                    # current user, notified all the same.
                    author_id=self.env.ref("base.partner_root").id,
                )
            else:
                by_email |= callback
        return super(GrcCallback, by_email)._grc_notify(template_xmlid)
