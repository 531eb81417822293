# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import phonenumbers

from odoo import api, models
from odoo.tools import str2bool

MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


class HelpdeskTicket(models.Model):
    """SMS to the citizen, alongside the e-mails of the core (and letters):
    registered, stage news, a link to an agent's message. They go through
    the SMS queue, never inside the request's transaction."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _grc_sms_enabled(self):
        """SMS leave only once an SMS provider has been set up."""
        # sudo: only administrators read settings; citizens' filings send SMS too.
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("grc_citoyen.sms_enabled", "False")
        )
        return str2bool(value, default=False)

    def _grc_sms_number(self):
        """Mobile number of the citizen, or False: SMS go to mobiles only."""
        self.ensure_one()
        partner = self.partner_id
        if partner.mobile:
            return partner.mobile
        if not partner.phone:
            return False
        try:
            number = phonenumbers.parse(partner.phone, "FR")
        except phonenumbers.NumberParseException:
            return False
        if phonenumbers.number_type(number) in MOBILE_TYPES:
            return partner.phone
        return False

    def _grc_queue_sms(self, template):
        """Queue an SMS from ``template`` to the citizen's mobile; it is
        recorded on the chatter and sent by the SMS queue."""
        # sudo: SMS are the system's work, also when a citizen's filing or message
        # triggers them; citizens may neither read the template nor post on requests.
        for ticket in self.sudo():
            number = ticket._grc_sms_number()
            ticket._message_sms_with_template(
                template=template,
                partner_ids=ticket.partner_id.ids,
                sms_pid_to_number={ticket.partner_id.id: number},
                put_in_queue=True,
            )

    def _grc_queue_sms_xmlid(self, xmlid):
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if template:
            self._grc_queue_sms(template)
        return bool(template)

    # ------------------------------------------------------------------
    # Hooks of the core's notifications
    # ------------------------------------------------------------------

    def _grc_electronic_channels(self):
        channels = super()._grc_electronic_channels()
        partner = self.partner_id
        if partner.consent_sms and self._grc_sms_enabled() and self._grc_sms_number():
            channels.add("sms")
        return channels

    def _grc_acknowledgement_channels(self):
        send = super()._grc_acknowledgement_channels()
        if "sms" in self._grc_contact_channels() and self.env.ref(
            "grc_citoyen_sms.sms_template_grc_ack", raise_if_not_found=False
        ):
            send.add("sms")
        return send

    def _grc_acknowledge_on_channels(self, channels):
        res = super()._grc_acknowledge_on_channels(channels)
        if "sms" in channels:
            self._grc_queue_sms_xmlid("grc_citoyen_sms.sms_template_grc_ack")
        return res

    def _grc_notify_stage(self):
        res = super()._grc_notify_stage()
        template = self.stage_id.sms_template_id
        if template and "sms" in self._grc_contact_channels():
            self._grc_queue_sms(template)
        return res

    def _grc_forward_answer(self, message):
        # A citizen who reads no e-mail gets a link to the message by SMS.
        res = super()._grc_forward_answer(message)
        channels = self._grc_contact_channels()
        if "email" not in channels and "sms" in channels:
            self._grc_queue_sms_xmlid("grc_citoyen_sms.sms_template_grc_message")
        return res

    def _grc_sms_closure_text(self):
        """End of the closure SMS: the first invitation of the closure message
        (the satisfaction survey, when installed), else the request's link."""
        self.ensure_one()
        invitations = self._grc_closure_invitations()
        if invitations:
            return f"{invitations[0]['label']}: {invitations[0]['url']}"
        return self.env._("See it: %(url)s", url=self.grc_citizen_url)
