# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.test_request_intake import PDF, PNG

from .test_frontdesk import FrontdeskCommon


class TestFrontdeskCompletion(FrontdeskCommon):
    """The front desk finishes what the citizen started online: a saved
    démarche sent with them, an open request given the paper brought and
    the answer to their question, contacts linked to their request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.web = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        cls.type_lamp.write({"is_published": True, "location_required": True})
        cls.type_ccas.is_published = True
        cls.drafts = cls.env["grc.citizen.draft"]
        cls.ccas_agent = new_test_user(
            cls.env, login="grc-ccas-desk", groups="grc_citoyen.group_grc_agent"
        )
        cls.team_ccas.user_ids = [(4, cls.ccas_agent.id)]

    def _draft(self, request_type=None, items=None, files=None):
        return self.drafts._grc_save(
            self.citizen,
            request_type or self.type_lamp,
            items or [("description", "Lampadaire éteint depuis lundi")],
            files or {},
        )[0]

    def _scan(self, name="justificatif.pdf", data=PDF):
        return (
            self.env["ir.attachment"]
            .with_user(self.frontdesk)
            .create({"name": name, "datas": base64.b64encode(data)})
        )

    def _open(self, record, console):
        action = (
            record.with_user(self.frontdesk)
            .with_context(grc_frontdesk_console_id=console.id)
            .action_grc_frontdesk_complete()
        )
        return (
            self.env[action["res_model"]]
            .with_user(self.frontdesk)
            .with_context(grc_frontdesk_console_id=console.id)
            .browse(action["res_id"])
        )

    def test_draft_finished_at_the_desk(self):
        draft = self._draft(files={"attachments": [("photo.png", PNG, "image/png")]})
        console = self._console(channel_id=self.channel_desk.id)
        console.search_term = self.citizen.citizen_number
        console._onchange_search_term()
        self.assertEqual(console.draft_ids, draft)
        wizard = self._open(draft, console)
        self.assertEqual(wizard.request_description, "Lampadaire éteint depuis lundi")
        self.assertEqual(wizard.channel_id, self.channel_desk)
        # The place is missing: said, nothing filed, the draft kept.
        with self.assertRaisesRegex(UserError, "address"):
            wizard.action_grc_send_draft()
        self.assertTrue(draft.exists())
        wizard.write(
            {
                "location_street": "12 rue des Lilas",
                "location_city": "Lyon",
                "attachment_ids": [(6, 0, self._scan().ids)],
            }
        )
        wizard.action_grc_send_draft()
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.channel_id, self.web, "started online")
        self.assertEqual(ticket.grc_completion_channel_id, self.channel_desk)
        self.assertEqual(ticket.grc_completion_user_id, self.frontdesk)
        self.assertEqual(
            sorted(ticket.grc_citizen_attachment_ids.mapped("name")),
            ["justificatif.pdf", "photo.png"],
        )
        self.assertFalse(draft.exists())
        self.assertIn(ticket.number, console.last_result)
        interaction = self.env["grc.interaction"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(interaction.ticket_id, ticket)
        self.assertEqual(interaction.channel_id, self.channel_desk)

    def test_draft_sent_once_whoever_sends_it(self):
        """The citizen sent it online meanwhile: the desk gets that request."""
        draft = self._draft(
            items=[
                ("description", "Lampadaire"),
                ("location_street", "1 rue Haute"),
                ("location_city", "Lyon"),
            ]
        )
        online = self.env["helpdesk.ticket"]._grc_submit_request(
            dict(draft._grc_intake_values())
        )
        wizard = self._open(draft, self._console())
        wizard.action_grc_send_draft()
        self.assertEqual(
            self.env["helpdesk.ticket"].search([("partner_id", "=", self.citizen.id)]),
            online,
        )

    def test_confidential_draft_and_request_stay_with_their_service(self):
        draft = self._draft(request_type=self.type_ccas)
        console = self._console()
        console.partner_id = self.citizen
        self.assertFalse(console.draft_ids)
        with self.assertRaises(AccessError):
            draft.with_user(self.frontdesk).action_grc_frontdesk_complete()
        request = self._create_request(
            request_type_id=self.type_ccas.id, team_id=self.team_ccas.id
        )
        with self.assertRaises(AccessError):
            request.with_user(self.frontdesk).action_grc_frontdesk_complete()
        # Its own service finishes it.
        action = draft.with_user(self.ccas_agent).action_grc_frontdesk_complete()
        self.assertEqual(action["res_model"], "grc.frontdesk.completion")

    def test_open_request_documents_and_answer(self):
        request = self._create_request()
        console = self._console(channel_id=self.channel_desk.id)
        console.partner_id = self.citizen
        wizard = self._open(request, console)
        with self.assertRaisesRegex(UserError, "documents"):
            wizard.action_grc_complete_request()
        wizard.write(
            {
                "attachment_ids": [(6, 0, self._scan("avis.pdf").ids)],
                "citizen_question": "Où en est ma demande ?",
                "answer": "L'intervention est prévue jeudi.",
            }
        )
        wizard.action_grc_complete_request()
        self.assertEqual(
            request.grc_citizen_attachment_ids.mapped("name"), ["avis.pdf"]
        )
        answer = request.message_ids.filtered(
            lambda m: "prévue jeudi" in (m.body or "")
        )
        self.assertEqual(answer.message_type, "comment")
        self.assertIn(self.citizen, answer.partner_ids)
        self.assertEqual(answer.author_id, self.frontdesk.partner_id)
        self.assertTrue(
            request.message_ids.filtered(lambda m: "avis.pdf" in (m.body or ""))
        )
        interaction = self.env["grc.interaction"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(interaction.ticket_id, request)
        self.assertEqual(interaction.outcome, "answered")
        self.assertEqual(interaction.name, "Où en est ma demande ?")

    def test_refused_scan_files_nothing(self):
        request = self._create_request()
        wizard = self._open(request, self._console())
        wizard.attachment_ids = self._scan("virus.exe", b"MZ" + b"\x00" * 64)
        with self.assertRaisesRegex(UserError, "virus.exe"):
            wizard.action_grc_complete_request()
        self.assertFalse(request.grc_citizen_attachment_ids)

    def test_contact_answered_on_the_spot_linked_to_its_request(self):
        request = self._create_request()
        console = self._console()
        console.partner_id = self.citizen
        self.assertIn(request, console.open_request_ids)
        console.write(
            {
                "interaction_subject": "Date d'intervention",
                "interaction_notes": "Jeudi",
                "interaction_ticket_id": request.id,
            }
        )
        console.action_answered()
        interaction = self.env["grc.interaction"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(interaction.ticket_id, request)
        self.assertEqual(interaction.outcome, "answered")
        self.assertFalse(console.interaction_ticket_id)
        self.assertTrue(
            request.message_ids.filtered(
                lambda m: "Date d'intervention" in (m.body or "")
            )
        )

    def test_receipt_handed_over(self):
        request = self._create_request()
        wizard = self._open(request, self._console())
        wizard.write(
            {
                "attachment_ids": [(6, 0, self._scan("avis.pdf").ids)],
                "print_receipt": True,
            }
        )
        action = wizard.action_grc_complete_request()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(
            action["report_name"], "grc_citoyen_frontdesk.report_grc_request_receipt"
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.frontdesk)
            ._render_qweb_html(action["report_name"], request.ids)[0]
            .decode()
        )
        self.assertIn(request.number, html)
        self.assertIn("avis.pdf", html)
        self.assertIn("/suivi", html)
        secret = self._create_request(
            request_type_id=self.type_ccas.id, team_id=self.team_ccas.id
        )
        with self.assertRaises(AccessError):
            secret.with_user(self.frontdesk).action_grc_print_receipt()
