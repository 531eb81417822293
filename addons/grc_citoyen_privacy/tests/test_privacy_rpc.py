# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a citizen's portal account can do with erasure requests by calling
the models itself (/web/dataset/call_kw, /jsonrpc, /xmlrpc run the methods
as the user)."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.grc_citoyen.tests.common import CitizenRpcCommon


@tagged("post_install", "-at_install")
class TestCitizenErasureRpcRights(CitizenRpcCommon):
    def test_citizen_cannot_read_erasure_requests_of_others(self):
        """Erasure requests are seen by their own citizen only."""
        erasure = self.env["grc.erasure.request"]._grc_portal_request(
            self.user_helene, "Je déménage."
        )
        Erasure = self.env["grc.erasure.request"]
        self.assertFalse(Erasure.with_user(self.user_marc).search([]))
        self.assertEqual(Erasure.with_user(self.user_helene).search([]), erasure)

    def test_citizen_cannot_execute_own_erasure(self):
        """A citizen cannot carry out their erasure request themselves."""
        user = new_test_user(
            self.env, login="rpc_paul", groups="base.group_portal", name="Paul Martin"
        )
        partner = user.partner_id
        partner.is_citizen = True
        erasure = self.env["grc.erasure.request"]._grc_portal_request(user, "Oubli")
        with self.assertRaises(AccessError):
            self._as(user, erasure).action_execute()
        partner.invalidate_recordset()
        erasure.invalidate_recordset()
        self.assertEqual(partner.name, "Paul Martin")
        self.assertEqual(erasure.state, "new")

    def test_citizen_cannot_refuse_own_erasure(self):
        """Refusing an erasure is the data protection officer's decision."""
        erasure = self.env["grc.erasure.request"]._grc_portal_request(
            self.user_helene, "Je déménage."
        )
        with self.assertRaises(AccessError):
            self._as(self.user_helene, erasure).action_refuse()
        self.assertEqual(erasure.state, "new")
