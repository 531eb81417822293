# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Consents of citizens (SMS, e-mail news, satisfaction surveys) and their
proof: each consent given or withdrawn is an event kept as it was recorded
(when, through which channel, by whom, and the exact text the citizen agreed
to); the citizen's current choice is the last event of each purpose."""

import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError

PURPOSES = [
    ("sms", "SMS about my requests"),
    ("email_news", "News of the authority by e-mail"),
    ("survey", "Satisfaction surveys"),
]
# The partner's field that the channels read, per purpose.
PURPOSE_FIELDS = {
    "sms": "consent_sms",
    "email_news": "grc_consent_news",
    "survey": "grc_consent_survey",
}
CHANNELS = [
    ("portal", "Online account"),
    ("app", "Mobile app"),
    ("front_desk", "Front desk"),
    ("phone", "Phone"),
    ("paper", "Paper form"),
    ("email", "E-mail"),
]


class GrcConsent(models.Model):
    """One consent given or withdrawn. Never changed nor deleted: a change
    of mind is a new event."""

    _name = "grc.consent"
    _description = "Consent of a citizen"
    _order = "date desc, id desc"
    _rec_name = "purpose"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Citizen",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    purpose = fields.Selection(selection=PURPOSES, required=True, readonly=True)
    action = fields.Selection(
        selection=[("given", "Given"), ("withdrawn", "Withdrawn")],
        required=True,
        readonly=True,
    )
    date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    channel = fields.Selection(selection=CHANNELS, required=True, readonly=True)
    text = fields.Text(
        string="Text agreed to",
        required=True,
        readonly=True,
        help="The exact text shown to the citizen when they chose.",
    )
    text_digest = fields.Char(
        string="SHA-256 of the text",
        readonly=True,
        help="Proves that the text was not changed since.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Recorded by",
        readonly=True,
        default=lambda self: self.env.user,
        ondelete="set null",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not (vals.get("text") or "").strip():
                raise UserError(
                    self.env._("A consent must keep the text the citizen agreed to.")
                )
            vals["text_digest"] = self._grc_text_digest(vals["text"])
        consents = super().create(vals_list)
        # sudo: the channels read the citizen's current choice on the
        # partner; whoever recorded the event may not write the partner.
        for consent in consents.sudo():
            consent.partner_id.with_context(tracking_disable=True).write(
                {PURPOSE_FIELDS[consent.purpose]: consent.action == "given"}
            )
        return consents

    # Append-only: no super() on purpose.
    # pylint: disable=method-required-super
    def write(self, vals):
        raise UserError(
            self.env._("A consent is kept as recorded: record a new one instead.")
        )

    def unlink(self):
        raise UserError(
            self.env._("A consent is kept as recorded: record a new one instead.")
        )

    @api.model
    def _grc_default_texts(self):
        return {
            "sms": self.env._(
                "I agree to receive on my mobile phone, by SMS, the follow-up "
                "of my requests to the authority. I can withdraw this consent "
                "at any time from my online account."
            ),
            "email_news": self.env._(
                "I agree to receive by e-mail the news of the authority "
                "(works, events, public services). I can withdraw this "
                "consent at any time from my online account."
            ),
            "survey": self.env._(
                "I agree to be asked my opinion on how my requests were "
                "handled, after their closure. My answers are used only to "
                "improve the public services. I can withdraw this consent at "
                "any time from my online account."
            ),
        }

    @api.model
    def _grc_consent_text(self, purpose, company=None):
        """The text a citizen agrees to for ``purpose``: the company's own,
        or the default, in the language of the reader."""
        company = (company or self.env.company).sudo()  # sudo: settings
        return (
            company[f"grc_consent_text_{purpose}"] or self._grc_default_texts()[purpose]
        )

    @api.model
    def _grc_text_digest(self, text):
        return hashlib.sha256(text.encode()).hexdigest()

    @api.model
    def _grc_record(self, partner, purpose, action, channel, shown_digest=None):
        """Record the citizen's choice with the text configured now;
        ``shown_digest``, the digest of the text the citizen was shown, must
        match it (the text changed in between: they must read it again)."""
        if purpose not in PURPOSE_FIELDS or action not in ("given", "withdrawn"):
            raise UserError(self.env._("Unknown consent purpose."))
        text = self._grc_consent_text(purpose)
        if shown_digest is not None and shown_digest != self._grc_text_digest(text):
            raise UserError(
                self.env._(
                    "The text of this consent has just changed: read it again "
                    "before choosing."
                )
            )
        return self.create(
            {
                "partner_id": partner.id,
                "company_id": self.env.company.id,
                "purpose": purpose,
                "action": action,
                "channel": channel,
                "text": text,
            }
        )

    def _grc_proof(self, agent_names=False):
        """The events as a list of dicts, oldest first (proof export); the
        citizen's own copy names no agent."""
        purposes = dict(self._fields["purpose"]._description_selection(self.env))
        channels = dict(self._fields["channel"]._description_selection(self.env))
        actions = dict(self._fields["action"]._description_selection(self.env))
        return [
            {
                "purpose": purposes[consent.purpose],
                "action": actions[consent.action],
                "date": fields.Datetime.to_string(consent.date),
                "channel": channels[consent.channel],
                "text": consent.text,
                "text_sha256": consent.text_digest,
                "recorded_by": (
                    self.env._("The citizen")
                    if consent.user_id.share
                    else (agent_names and consent.user_id.name)
                    or self.env._("An agent of the authority")
                ),
            }
            for consent in self.sorted(lambda c: (c.date, c.id))
        ]
