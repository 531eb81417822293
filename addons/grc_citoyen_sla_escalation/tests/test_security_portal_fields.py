# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.grc_citoyen.tests.test_security_portal_fields import (
    PORTAL_READABLE_REQUEST_FIELDS,
    PortalFieldsCommon,
)


class TestPortalEscalationFields(PortalFieldsCommon):
    """The escalations of a request are the services' business: a citizen's
    session does not read them (``groups`` on the field)."""

    _addon = "grc_citoyen_sla_escalation"

    def test_portal_readable_fields_are_listed(self):
        readable = self._portal_readable("helpdesk.ticket")
        self.assertFalse(
            readable - PORTAL_READABLE_REQUEST_FIELDS,
            "A citizen can read fields of their request that are not listed: "
            "list them or give them groups.",
        )
        self.assertNotIn("sla_escalation_ids", readable)
