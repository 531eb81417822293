# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# The request's fields that describe the citizen: their changes are logged
# with the old and new values.
PERSONAL_FIELDS = (
    "partner_id",
    "partner_name",
    "partner_email",
    "description",
    "location_street",
    "location_zip",
    "location_city",
    "location_district",
    "location_latitude",
    "location_longitude",
)


class HelpdeskTicket(models.Model):
    """Requests are about a citizen: opening one, exporting it or changing
    the citizen's details on it is logged (grc.access.log)."""

    _name = "helpdesk.ticket"
    # The mixin first: its read and export logging wraps the request's
    # other overrides.
    _inherit = ["grc.access.log.mixin", "helpdesk.ticket"]

    def _grc_access_log_subjects(self):
        """(model, id, citizen id, service) of the requests logged: those of
        a citizen, and the confidential ones."""
        # sudo: read just now by the user (or checked by the caller); their
        # record rules would cost a query more on every form open. Plain
        # field access: the form has them in cache, and the API is about to
        # read the whole request anyway.
        tickets = self.sudo()
        return [
            (self._name, ticket.id, ticket.partner_id.id, ticket.team_id.id)
            for ticket in tickets
            if ticket.partner_id or ticket.is_confidential
        ]

    def write(self, vals):
        log = self.env["grc.access.log"]
        if vals.get("grc_anonymised_date"):
            # The anonymisation (grc_citoyen_privacy): its old values are
            # what it destroys; the values logged before go with them.
            log._grc_erase_changes(self._name, self.ids)
            return super().write(vals)
        fnames = [fname for fname in PERSONAL_FIELDS if fname in vals]
        if not fnames or not log._grc_logs_changes():
            return super().write(vals)
        old_values = log._grc_values(self, fnames)
        result = super().write(vals)
        log._grc_log_changes(self, fnames, old_values)
        return result
