# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from odoo.addons.grc_citoyen.tests.test_security_portal_fields import (
    PORTAL_MIXIN_FIELDS,
    PortalFieldsCommon,
)

from .common import ReclamationCommon

# What a citizen may read of their own complaint with their session: the
# portal list reads some of these as the citizen. Anything else carries
# ``groups`` (models/grc_reclamation_internal.py); a new field fails the test.
PORTAL_READABLE_RECLAMATION_FIELDS = PORTAL_MIXIN_FIELDS | {
    "id",
    "display_name",
    "name",
    "subject",
    "description",
    "active",
    "stage_id",
    "state",
    "reason_id",
    "channel_id",
    "company_id",
    "partner_id",
    "user_id",
    "signatory_id",
    "responsible_team_id",
    "team_ids",
    "ticket_ids",
    "origin_ticket_id",
    "converted_ticket_id",
    "received_date",
    "ack_date",
    "ack_deadline",
    "answer_deadline",
    "answer_date",
    "answer_body",
    "deadline_status",
    "closed_date",
    "inadmissible_reason",
    "citizen_feedback",
    "citizen_satisfaction",
    "submission_token",
    "create_date",
    "create_uid",
    "write_date",
    "write_uid",
}


class TestReclamationPortalFields(PortalFieldsCommon, ReclamationCommon):
    _addon = "grc_reclamations"

    def test_portal_readable_fields_are_listed(self):
        readable = self._portal_readable("grc.reclamation")
        self.assertFalse(
            readable - PORTAL_READABLE_RECLAMATION_FIELDS,
            "A citizen can read fields of their complaint that are not in "
            "PORTAL_READABLE_RECLAMATION_FIELDS: list them or give them groups.",
        )

    def test_citizen_cannot_read_the_analysis(self):
        """The officers' analysis was readable by the citizen over RPC."""
        reclamation = self._create_reclamation()
        self._analyse(reclamation, analysis="<p>Agent débordé, dossier oublié.</p>")
        as_citizen = reclamation.with_user(self.portal_user)
        subject = as_citizen.read(["subject"])[0]["subject"]
        self.assertEqual(subject, "Réponse incomplète")
        for internal in ("analysis", "root_cause_id", "justification"):
            with self.subTest(field=internal), self.assertRaises(AccessError):
                as_citizen.read([internal])
