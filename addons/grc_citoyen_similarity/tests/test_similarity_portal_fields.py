# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.grc_citoyen.tests.test_security_portal_fields import (
    PORTAL_READABLE_REQUEST_FIELDS,
    PortalFieldsCommon,
)


@tagged("post_install", "-at_install")
class TestSimilarityPortalFields(PortalFieldsCommon):
    """The similar requests and the other citizens affected are the services'
    business: this addon adds nothing a citizen reads of their request."""

    _addon = "grc_citoyen_similarity"

    def test_portal_readable_fields_are_listed(self):
        readable = self._portal_readable("helpdesk.ticket")
        self.assertFalse(
            readable - PORTAL_READABLE_REQUEST_FIELDS,
            "A citizen can read fields of their request that are not in "
            "PORTAL_READABLE_REQUEST_FIELDS: list them or give them groups.",
        )

    def test_citizen_cannot_read_who_else_is_affected(self):
        request = self._create_request()
        as_citizen = request.with_user(self.portal_user)
        self.assertEqual(as_citizen.read(["name"])[0]["name"], request.name)
        for internal in (
            "grc_similar_ids",
            "grc_similar_count",
            "grc_affected_partner_ids",
            "grc_affected_count",
        ):
            with self.subTest(field=internal), self.assertRaises(AccessError):
                as_citizen.read([internal])
