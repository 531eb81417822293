# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from urllib.parse import urlsplit

from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon

EMAIL = "camille.roux@example.fr"


@tagged("post_install", "-at_install")
class TestAnonymousTour(HttpCase, GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "mairie@ville.example.fr"
        cls.type_dump = cls.env["grc.request.type"].create(
            {
                "name": "Dépôt sauvage",
                "code": "DEP",
                "team_id": cls.team_voirie.id,
                "is_published": True,
                "location_required": True,
                "sla_target": 3,
                "sla_unit": "days",
            }
        )

    def _confirmation_path(self):
        """The link of the queued confirmation e-mail, as the citizen gets it."""
        mail = self.env["mail.mail"].search(
            [("email_to", "=", EMAIL), ("model", "=", "grc.request.draft")]
        )
        self.assertEqual(len(mail), 1, "one confirmation e-mail is queued")
        links = re.findall(r'href="([^"]*/demarches/confirmer/[^"]+)"', mail.body_html)
        self.assertEqual(len(links), 1)
        url = urlsplit(links[0])
        return url.path

    def test_anonymous_submit_confirm_and_track(self):
        """An anonymous citizen files, confirms by e-mail and follows by reference."""
        Ticket = self.env["helpdesk.ticket"]
        Draft = self.env["grc.request.draft"]
        self.start_tour("/demarches", "grc_anonymous_request_submit")
        draft = Draft.search([("citizen_email", "=", EMAIL)])
        self.assertEqual(len(draft), 1)
        self.assertFalse(draft.ticket_id)
        self.assertFalse(Ticket.search([("request_type_id", "=", self.type_dump.id)]))

        self.start_tour(self._confirmation_path(), "grc_anonymous_request_confirm")
        ticket = Ticket.search([("request_type_id", "=", self.type_dump.id)])
        self.assertEqual(len(ticket), 1, "exactly one request is created")
        self.assertEqual(draft.ticket_id, ticket, "the draft is consumed")
        self.assertEqual(ticket.partner_id.email, EMAIL)
        self.assertTrue(ticket.partner_id.is_citizen)
        self.assertEqual(ticket.partner_id.name, "Camille Roux")
        self.assertEqual(ticket.location_city, "Lyon")
        self.assertIn("Des gravats sont déposés sur le trottoir", ticket.description)
        self.assertEqual(
            ticket.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        )

        self.start_tour(
            f"/suivi?grc_reference={ticket.number}", "grc_anonymous_request_track"
        )
        self.assertEqual(
            Ticket.search_count([("request_type_id", "=", self.type_dump.id)]), 1
        )
