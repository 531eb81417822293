# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.grc_consent import CHANNELS, PURPOSES

# What an agent records: the citizen chose in front of them, on the phone,
# on a paper form or by e-mail; the portal and the app record their own.
AGENT_CHANNELS = [
    channel for channel in CHANNELS if channel[0] not in ("portal", "app")
]


class GrcConsentRecord(models.TransientModel):
    """An agent records a consent given or withdrawn at the desk, on the
    phone or on paper: the text in force is shown to be read to the citizen
    and kept as agreed to (grc.consent)."""

    _name = "grc.consent.record"
    _description = "Record a citizen's consent"

    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Citizen", required=True
    )
    purpose = fields.Selection(selection=PURPOSES, required=True, default="sms")
    action = fields.Selection(
        selection=[("given", "Given"), ("withdrawn", "Withdrawn")],
        required=True,
        default="given",
    )
    channel = fields.Selection(
        selection=AGENT_CHANNELS, required=True, default="front_desk"
    )
    text = fields.Text(
        string="Text to read to the citizen",
        compute="_compute_text",
        help="The text in force for this purpose, kept with the consent.",
    )
    # Stored as the form computed it when the text was shown: the consent is
    # refused if the text in force changed before the agent recorded it.
    text_digest = fields.Char(
        compute="_compute_text_digest", store=True, readonly=False
    )

    @api.depends("purpose")
    def _compute_text(self):
        Consent = self.env["grc.consent"]
        for wizard in self:
            wizard.text = wizard.purpose and Consent._grc_consent_text(wizard.purpose)

    @api.depends("purpose")
    def _compute_text_digest(self):
        Consent = self.env["grc.consent"]
        for wizard in self:
            text = wizard.purpose and Consent._grc_consent_text(wizard.purpose)
            wizard.text_digest = text and Consent._grc_text_digest(text)

    def action_record(self):
        """Record the choice with the text shown (refused if the text
        changed since the form was opened)."""
        self.ensure_one()
        self.env["grc.consent"]._grc_record(
            self.partner_id,
            self.purpose,
            self.action,
            self.channel,
            shown_digest=self.text_digest,
        )
        return {"type": "ir.actions.act_window_close"}
