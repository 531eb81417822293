# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# A citizen's personal fields: their changes are logged with the old and new
# values.
PERSONAL_FIELDS = (
    "name",
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "country_id",
    "birthdate",
    "title",
    "function",
    "comment",
    "vat",
    "image_1920",
    "support_need_ids",
    "support_note",
    "preferred_channel",
    "consent_email",
    "consent_sms",
    "consent_post",
    "is_citizen",
    "active",
)


class ResPartner(models.Model):
    """Opening a citizen, exporting citizens or changing a citizen's
    personal fields is logged (grc.access.log)."""

    _name = "res.partner"
    # The mixin first: its read and export logging wraps the partner's
    # other overrides.
    _inherit = ["grc.access.log.mixin", "res.partner"]

    def _grc_access_log_subjects(self):
        """(model, id, citizen id, service) of the citizens."""
        # sudo: read just now by the user; their record rules would cost a
        # query more on every form open.
        partners = self.sudo()
        partners.fetch(["is_citizen"])
        return [
            (self._name, partner.id, partner.id, None)
            for partner in partners
            if partner.is_citizen
        ]

    @api.model
    def _grc_access_log_extra_fields(self):
        # Whether a partner is a citizen is read with the rest, in the same
        # query, and left out of the answer.
        return ["is_citizen"]

    def write(self, vals):
        log = self.env["grc.access.log"]
        if vals.get("grc_anonymised_date"):
            # The anonymisation of citizens (grc_citoyen_privacy): its old
            # values are what it destroys; the values logged before go too.
            log._grc_erase_changes(self._name, self.ids, self.ids)
            return super().write(vals)
        fnames = [fname for fname in PERSONAL_FIELDS if fname in vals]
        if not log._grc_logs_changes():
            fnames = []
        # sudo: whoever writes, the citizens among the partners are logged.
        citizens = self.sudo().filtered("is_citizen") if fnames else self.browse()
        if vals.get("is_citizen") and fnames:
            citizens = self.sudo()
        if not citizens:
            return super().write(vals)
        old_values = log._grc_values(citizens, fnames)
        result = super().write(vals)
        log._grc_log_changes(citizens.with_env(self.env), fnames, old_values)
        return result
