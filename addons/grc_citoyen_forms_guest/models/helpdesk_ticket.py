# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# The intake key of a request filed from a draft (grc_citoyen_guest).
DRAFT_KEY_PREFIX = "draft-"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    @api.model
    def _grc_intake(self, values, check_replay=None, validated=False):
        key = values.get("idempotency_key") or ""
        if key.startswith(DRAFT_KEY_PREFIX) and "form_answers" not in values:
            # sudo: the draft's filing is the boundary (grc_citoyen_guest).
            draft = (
                self.env["grc.request.draft"]
                .sudo()
                .search(
                    [("idempotency_key", "=", key[len(DRAFT_KEY_PREFIX) :])], limit=1
                )
            )
            if draft:
                form_values, marked = draft._grc_form_values()
                values = dict(values, **form_values)
                if values.get("attachment_ids"):
                    # The form's files go to their answers and documents.
                    values["attachment_ids"] = values["attachment_ids"] - marked
        return super()._grc_intake(
            values, check_replay=check_replay, validated=validated
        )
