# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.grc_citoyen.tests.test_security_portal_fields import (
    PORTAL_READABLE_REQUEST_FIELDS,
    PortalFieldsCommon,
)

# What this addon adds to what a citizen may read of their request: their own
# answers and the link of the survey they were invited to.
PORTAL_READABLE_SATISFACTION_FIELDS = {
    "grc_survey_url",
    "satisfaction_comment",
    "satisfaction_date",
    "satisfaction_resolved",
    "satisfaction_score",
}


class TestPortalSatisfactionFields(PortalFieldsCommon):
    _addon = "grc_citoyen_satisfaction"

    def test_portal_readable_fields_are_listed(self):
        readable = self._portal_readable("helpdesk.ticket")
        self.assertFalse(
            readable
            - PORTAL_READABLE_REQUEST_FIELDS
            - PORTAL_READABLE_SATISFACTION_FIELDS,
            "A citizen can read fields of their request that are not listed: "
            "list them or give them groups.",
        )
