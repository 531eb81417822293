# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import AccessError, ValidationError

API_PROFILE_FIELDS = ("email", "phone", "mobile", "preferred_channel")


class ResPartner(models.Model):
    """Citizens and the mobile app: their profile, their access tokens."""

    _inherit = "res.partner"

    grc_api_token_ids = fields.One2many(
        comodel_name="grc.api.token",
        inverse_name="partner_id",
        string="Mobile app tokens",
        groups="grc_citoyen.group_grc_frontdesk",
    )

    def _grc_api_profile_errors(self, values):
        """Per-field reasons to refuse a change of contact details."""
        self.ensure_one()
        dedup = self.env["grc.citizen.dedup"]
        errors = {}
        for fname in set(values) - set(API_PROFILE_FIELDS):
            errors[fname] = self.env._("This field cannot be changed here.")
        if values.get("email"):
            try:
                dedup._normalize_email(values["email"], "email")
            except ValidationError as error:
                errors["email"] = error.args[0]
        elif "email" in values:
            errors["email"] = self.env._("Give a valid e-mail address.")
        for fname in ("phone", "mobile"):
            try:
                dedup._normalize_phone(values.get(fname), self.country_id.code, fname)
            except ValidationError as error:
                errors[fname] = error.args[0]
        channels = dict(self._fields["preferred_channel"].selection)
        if (
            "preferred_channel" in values
            and values["preferred_channel"] not in channels
        ):
            errors["preferred_channel"] = self.env._("Choose how to contact you.")
        return errors

    def _grc_api_update_profile(self, values):
        """The citizen changes their e-mail, numbers or preferred channel.
        Invalid values raise a ValidationError and change nothing."""
        self.ensure_one()
        errors = self._grc_api_profile_errors(values)
        if errors:
            raise ValidationError("\n".join(errors.values()))
        # sudo: citizens may not write partners; only the checked fields change.
        self.sudo().write({fname: values[fname] or False for fname in values})
        return self

    def action_grc_issue_api_token(self):
        """Agents used to issue tokens from the citizen's form: a token acts
        with all the citizen's rights, so only the citizen issues one, on the
        portal with their password. Kept (refusing) so that a database
        upgraded from that version loads the form before its button goes."""
        raise AccessError(
            self.env._(
                "Mobile app tokens are issued by the citizen only, on their "
                "online account."
            )
        )

    def _grc_confirm_email_change(self, token):
        """A confirmed new address signs the mobile app out of the account:
        a token issued while the old address was the account's may be in the
        hands of whoever held that address."""
        error = super()._grc_confirm_email_change(token)
        if not error:
            # sudo: the link is opened by the citizen, who holds no right on
            # other users' records nor on tokens.
            users = (
                self.env["res.users"]
                .sudo()
                .with_context(active_test=False)
                .search([("partner_id", "=", self.id)])
            )
            users._grc_revoke_api_tokens()
        return error
