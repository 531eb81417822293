# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import phonenumbers

from odoo import models
from odoo.tools import str2bool

MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _grc_mobile_number(self, number):
        """``number`` when it is a mobile's (SMS go to mobiles only), else
        False."""
        if not number:
            return False
        try:
            parsed = phonenumbers.parse(number, "FR")
        except phonenumbers.NumberParseException:
            return False
        if phonenumbers.number_type(parsed) in MOBILE_TYPES:
            return number
        return False

    def _grc_appointment_sms_number(self, number=None):
        """The mobile to write to about an appointment or a call-back, when
        SMS is the citizen's channel: an SMS provider is set up, the citizen
        agreed to SMS, and prefers SMS or cannot be written to by e-mail.
        ``number``: the one they just gave (a call-back's), tried first.
        False otherwise: the e-mail of grc_citoyen_appointment goes."""
        self.ensure_one()
        # sudo: only administrators read settings; citizens' bookings send SMS too.
        enabled = str2bool(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("grc_citoyen.sms_enabled", "False"),
            default=False,
        )
        if not (enabled and self.consent_sms):
            return False
        if self.preferred_channel != "sms" and self.email and self.consent_email:
            return False
        return (
            self._grc_mobile_number(number)
            or self._grc_mobile_number(self.mobile)
            or self._grc_mobile_number(self.phone)
        )
