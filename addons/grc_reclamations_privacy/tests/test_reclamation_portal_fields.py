# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.grc_citoyen.tests.test_security_portal_fields import (
    PortalFieldsCommon,
)
from odoo.addons.grc_reclamations.tests.common import ReclamationCommon
from odoo.addons.grc_reclamations.tests.test_reclamation_portal_fields import (
    PORTAL_READABLE_RECLAMATION_FIELDS,
)

# What this addon adds to what a citizen may read of their complaint: whether
# its personal data were removed, and when.
PORTAL_READABLE_PRIVACY_FIELDS = {"grc_anonymised_date"}


class TestReclamationPrivacyPortalFields(PortalFieldsCommon, ReclamationCommon):
    _addon = "grc_reclamations_privacy"

    def test_portal_readable_fields_are_listed(self):
        readable = self._portal_readable("grc.reclamation")
        self.assertFalse(
            readable
            - PORTAL_READABLE_RECLAMATION_FIELDS
            - PORTAL_READABLE_PRIVACY_FIELDS,
            "A citizen can read fields of their complaint that are not listed: "
            "list them or give them groups.",
        )
