# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tests import Form, tagged

from .common import ReclamationCommon


@tagged("post_install", "-at_install")
class TestReclamationLinks(ReclamationCommon):
    """Complaints and requests: filing from a request, converting both ways."""

    def _attach(self, record, name="photo.png"):
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(b"fake image"),
                "res_model": record._name,
                "res_id": record.id,
            }
        )

    def test_file_a_complaint_from_a_request_keeps_the_link(self):
        """Filing from a request pre-fills the citizen, the request and its service."""
        ticket = self._create_request()
        action = ticket.with_user(self.officer).action_file_reclamation()
        form = Form(
            self.env["grc.reclamation"]
            .with_user(self.officer)
            .with_context(**action["context"])
        )
        form.reason_id = self.reason_late
        rec = form.save()
        self.assertEqual(rec.ticket_ids, ticket)
        self.assertEqual(rec.partner_id, self.citizen)
        self.assertEqual(rec.team_ids, self.team_voirie)
        self.assertEqual(ticket.reclamation_ids, rec)
        self.assertEqual(ticket.reclamation_count, 1)
        self.assertEqual(
            ticket.action_view_reclamations()["domain"],
            [("ticket_ids", "in", ticket.ids)],
        )

    def test_request_services_are_added(self):
        """Linking a request adds its service to the complaint."""
        ticket = self._create_request(team_id=self.team_ccas.id)
        rec = self._create_reclamation()
        rec.ticket_ids = [(4, ticket.id)]
        self.assertEqual(rec.team_ids, self.team_voirie | self.team_ccas)

    def test_citizen_view_counts_complaints(self):
        """The citizen's record counts their complaints."""
        self._create_reclamation()
        self._create_reclamation()
        self.assertEqual(self.citizen.reclamation_count, 2)
        action = self.citizen.action_view_reclamations()
        self.assertEqual(
            self.Reclamation.search(action["domain"]), self.citizen.reclamation_ids
        )

    def test_complaint_turned_into_request(self):
        """A complaint that is really a request becomes one, without retyping."""
        rec = self._create_reclamation(subject="Demande de nouveau banc")
        self._attach(rec)
        action = rec.with_user(self.officer).action_convert_to_request()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(ticket.name, "Demande de nouveau banc")
        self.assertEqual(ticket.partner_id, self.citizen)
        self.assertEqual(ticket.team_id, self.team_voirie)
        self.assertEqual(ticket.description, rec.description)
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["photo.png"])
        self.assertEqual(rec.converted_ticket_id, ticket)
        self.assertEqual(rec.state, "closed")
        self.assertIn(ticket.number, rec.inadmissible_reason)

    def test_request_turned_into_complaint(self):
        """A request that is really a complaint becomes one and is cancelled."""
        ticket = self._create_request(name="Agent désagréable au guichet")
        self._attach(ticket, "courrier.pdf")
        action = ticket.with_user(self.officer).action_convert_to_reclamation()
        rec = self.Reclamation.browse(action["res_id"])
        self.assertEqual(rec.subject, "Agent désagréable au guichet")
        self.assertEqual(rec.origin_ticket_id, ticket)
        self.assertEqual(rec.team_ids, self.team_voirie)
        self.assertEqual(rec.partner_id, self.citizen)
        self.assertEqual(ticket.grc_state, "cancelled")
        self.assertIn(rec.name, ticket.message_ids[0].body)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", rec._name), ("res_id", "=", rec.id)]
        )
        self.assertEqual(attachments.mapped("name"), ["courrier.pdf"])
