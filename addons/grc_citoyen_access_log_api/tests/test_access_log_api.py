# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.grc_citoyen_api.tests.common_api import GrcApiClientCase


class TestAccessLogApi(GrcApiClientCase):
    """A request read through the mobile app's API is logged: who, which
    request, which fields; not shown to the citizen as a consultation."""

    def test_api_read_is_logged(self):
        """GET /requests/{id} leaves one api_read entry of the citizen."""
        request = self._create_request(partner_id=self.user_a.partner_id.id)
        response = self._call("GET", f"/requests/{request.id}", self.token_a)
        self.assertEqual(response.status_code, 200, response.text)
        self.env.flush_all()
        self.env.cr.precommit.run()
        entry = self.env["grc.access.log"].search(
            [("model_name", "=", "helpdesk.ticket"), ("res_id", "=", request.id)]
        )
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.operation, "api_read")
        self.assertEqual(entry.user_ref, self.user_a.id)
        self.assertEqual(entry.citizen_ref, self.user_a.partner_id.id)
        self.assertIn("description", entry.field_names.split(","))
        self.assertEqual(self.env["grc.access.log"]._grc_verify(), [])
        consultations = self.env["grc.access.log"]._grc_portal_consultations(
            self.user_a.partner_id
        )
        self.assertEqual(consultations, [])

    def test_someone_elses_request_is_not_logged(self):
        """A request of another citizen is "not found", and nothing is logged."""
        request = self._create_request(partner_id=self.user_b.partner_id.id)
        response = self._call("GET", f"/requests/{request.id}", self.token_a)
        self.assertEqual(response.status_code, 404)
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertFalse(
            self.env["grc.access.log"].search([("res_id", "=", request.id)])
        )
