# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.grc_citoyen_privacy.models.helpdesk_ticket_retention import (
    ANONYMISED,
    ANONYMISED_HTML,
)

ANONYMOUS_CITIZEN = "grc_reclamations_privacy.res_partner_anonymised_complainant"


class GrcReclamation(models.Model):
    """Retention of complaints: once closed for longer than the retention
    period of the company, what identifies the citizen goes (the citizen
    link, the texts, the answer letter, messages and files); what steering
    reads stays (dates, services, reason, severity, root cause, outcome,
    satisfaction, corrective actions), so indicators stay true."""

    _inherit = "grc.reclamation"

    grc_anonymised_date = fields.Datetime(
        string="Anonymised on",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Personal data of the complaint were removed on this date, once "
        "its retention period had passed or the citizen had their data erased.",
    )

    @api.model
    def _grc_anonymous_citizen(self):
        """The citizen of anonymised complaints: one archived contact, so the
        complaint no longer leads to the person who filed it."""
        return self.env.ref(ANONYMOUS_CITIZEN)

    @api.model
    def _grc_anonymised_values(self):
        """Values written over the personal data of anonymised complaints
        (the texts written by or to the citizen are replaced separately,
        when there are any)."""
        return {
            "partner_id": self._grc_anonymous_citizen().id,
            "citizen_feedback": False,
            "submission_token": False,
            "access_token": False,
        }

    @api.model
    def _grc_anonymised_texts(self):
        """Free texts replaced by a mark when filled in, so that one can still
        tell there was a description, an analysis or an answer."""
        return {
            "description": ANONYMISED_HTML,
            "analysis": ANONYMISED_HTML,
            "answer_body": ANONYMISED_HTML,
            "inadmissible_reason": ANONYMISED,
        }

    @api.model
    def _grc_personal_tracked_fields(self):
        """Fields whose tracked values (old and new, as text) are personal."""
        return ["subject", "partner_id", "inadmissible_reason"]
