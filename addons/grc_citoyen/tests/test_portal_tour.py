# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GrcCommon


@tagged("post_install", "-at_install")
class TestCitizenPortalTour(HttpCase, GrcCommon):
    def test_citizen_submits_and_follows_request(self):
        """A citizen files a request from the catalogue and finds it in their list."""
        self.env.company.email = "mairie@ville.example.fr"
        new_test_user(
            self.env,
            login="helene",
            groups="base.group_portal",
            partner_id=self.citizen.id,
            email="helene.nunez@example.fr",
        )
        self.start_tour("/demarches", "grc_citoyen_portal_submit", login="helene")
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.request_type_id, self.type_lamp)
        self.assertEqual(ticket.location_city, "Lyon")
