# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from lxml import html

from odoo import http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PDF, PNG, GrcFormsCommon


@tagged("post_install", "-at_install")
class TestFormPortal(GrcFormsCommon, HttpCase):
    """The form drawn from the definition on the portal, checked by the
    server; a refused document replaced by the citizen."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.helene, cls.marc = cls._create_portal_users("formsportal")
        cls.citizen.phone = "0612345678"

    def _post(self, answers, files=None):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "idempotency_key": str(uuid.uuid4()),
            "preferred_channel": "email",
        }
        for key, value in answers.items():
            data["q_" + key] = value
        return self.url_open(
            f"/demarches/{self.type_terrace.id}/nouvelle", data=data, files=files
        )

    def _files(self, **extra):
        files = [(f"doc_{self.doc_kbis.id}", ("kbis.pdf", PDF, "application/pdf"))]
        files += [(name, value) for name, value in extra.items()]
        return files

    def test_form_drawn_accessible(self):
        self.authenticate(self.helene.login, self.helene.login)
        response = self.url_open(f"/demarches/{self.type_terrace.id}/nouvelle")
        self.assertEqual(response.status_code, 200)
        page = html.fromstring(response.content)
        legends = [
            " ".join(legend.text_content().split()) for legend in page.xpath("//legend")
        ]
        self.assertIn("Votre établissement", legends)
        self.assertIn("Votre terrasse", legends)
        self.assertIn("Supporting documents", legends)
        # Every question's input has its label; required is said in words.
        label = page.xpath("//label[@for='grc_q_tables']")[0]
        self.assertIn("(required)", label.text_content())
        self.assertTrue(page.xpath("//input[@id='grc_q_tables'][@name='q_tables']"))
        # Choices and yes/no are fieldsets with a legend.
        self.assertTrue(page.xpath("//fieldset[@id='grc_q_periode']/legend"))
        # The conditional question says when it applies (no script needed).
        heating = page.xpath("//div[@data-grc-key='type_chauffage']")[0]
        self.assertEqual(heating.get("data-grc-cond-key"), "chauffage")
        self.assertIn("Only if you answered", heating.text_content())
        # Pre-filled from what the town hall knows.
        self.assertEqual(
            page.xpath("//input[@id='grc_q_tel']")[0].get("value"), "+33612345678"
        )
        # What you need, before starting.
        self.assertIn(
            "Extrait Kbis",
            page.xpath("//section[@aria-labelledby='grc_what_you_need_title']")[
                0
            ].text_content(),
        )
        # The description is optional for a démarche with its own form.
        self.assertIsNone(
            page.xpath("//textarea[@id='grc_description']")[0].get("required")
        )

    def test_type_page_what_you_need(self):
        response = self.url_open(
            f"/demarches/autorisation-de-terrasse-{self.type_terrace.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"Extrait Kbis", response.content)

    def test_errors_summary_linked(self):
        self.authenticate(self.helene.login, self.helene.login)
        response = self._post(self._answers(tables="0", chauffage="yes"), files=[])
        page = html.fromstring(response.content)
        summary = page.xpath("//div[@id='grc_error_summary']")[0]
        links = summary.xpath(".//a/@href")
        self.assertIn("#grc_error_q_tables", links)
        self.assertIn("#grc_error_q_type_chauffage", links)
        self.assertIn(f"#grc_error_doc_{self.doc_kbis.id}", links)
        error = page.xpath("//div[@id='grc_error_q_tables']")[0]
        self.assertIn("at least 1", error.text_content())
        tables = page.xpath("//input[@id='grc_q_tables']")[0]
        self.assertEqual(tables.get("aria-invalid"), "true")
        self.assertIn("grc_error_q_tables", tables.get("aria-describedby"))
        # What they typed comes back.
        self.assertEqual(
            page.xpath("//input[@id='grc_q_etab']")[0].get("value"), "Café des Lilas"
        )
        self.assertTrue(
            page.xpath("//input[@name='q_mobilier'][@value='Chaises'][@checked]")
        )
        self.assertFalse(
            self.env["helpdesk.ticket"].search(
                [("request_type_id", "=", self.type_terrace.id)]
            )
        )

    def test_filed_and_condition_checked_by_server(self):
        self.authenticate(self.helene.login, self.helene.login)
        answers = self._answers(chauffage="no", type_chauffage="Gaz")
        response = self._post(
            answers, files=self._files(q_plan=("plan.png", PNG, "image/png"))
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["helpdesk.ticket"].search(
            [("request_type_id", "=", self.type_terrace.id)]
        )
        self.assertEqual(len(ticket), 1)
        keys = ticket.grc_form_answer_ids.mapped("key")
        self.assertIn("mobilier", keys)
        self.assertIn("plan", keys)
        self.assertNotIn(
            "type_chauffage", keys, "a hidden question's answer is dropped"
        )
        self.assertEqual(
            ticket.grc_form_answer_ids.filtered(
                lambda a: a.key == "mobilier"
            ).display_value,
            "Tables; Chaises",
        )
        # The citizen reads their answers and documents on the request's page.
        page = self.url_open(f"/my/requests/{ticket.id}")
        self.assertIn(b"Your answers", page.content)
        self.assertIn(b"Caf\xc3\xa9 des Lilas", page.content)
        self.assertIn(b"Extrait Kbis", page.content)
        # Marc reads nothing of it.
        self.authenticate(self.marc.login, self.marc.login)
        page = self.url_open(f"/my/requests/{ticket.id}")
        self.assertEqual(page.status_code, 404)
        self.assertNotIn(b"Caf\xc3\xa9 des Lilas", page.content)

    def test_document_refused_then_replaced(self):
        ticket = self.env["helpdesk.ticket"]._grc_submit_request(self._intake_values())
        document = ticket.grc_document_ids
        with self.assertRaises(UserError):
            document.action_grc_to_replace()  # no reason given
        document.refusal_reason = "Le Kbis a plus de trois mois."
        document.action_grc_to_replace()
        self.assertEqual(document.state, "to_replace")
        message = ticket.message_ids[0]
        self.assertIn("Le Kbis a plus de trois mois.", message.body)
        self.assertIn(self.citizen, message.partner_ids)

        # Marc cannot replace it.
        self.authenticate(self.marc.login, self.marc.login)
        url = f"/my/requests/{ticket.id}/documents/{document.id}"
        data = {"csrf_token": http.Request.csrf_token(self)}
        response = self.url_open(
            url, data=data, files=[("document_file", ("k.pdf", PDF, "application/pdf"))]
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(document.state, "to_replace")

        self.authenticate(self.helene.login, self.helene.login)
        page = self.url_open(f"/my/requests/{ticket.id}")
        self.assertIn(b"Le Kbis a plus de trois mois.", page.content)
        data = {"csrf_token": http.Request.csrf_token(self)}
        # The wrong type is refused, with the reason.
        response = self.url_open(
            url, data=data, files=[("document_file", ("k.png", PNG, "image/png"))]
        )
        self.assertIn(b"PDF", response.content)
        self.assertEqual(document.state, "to_replace")
        old = document.attachment_id
        response = self.url_open(
            url,
            data=data,
            files=[("document_file", ("kbis-2026.pdf", PDF, "application/pdf"))],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"Your new document has been sent", response.content)
        self.assertEqual(document.state, "received")
        self.assertEqual(document.attachment_id.name, "kbis-2026.pdf")
        self.assertNotEqual(document.attachment_id, old)
        self.assertEqual(document.replaced_count, 1)
        # A valid document is not replaced again.
        response = self.url_open(
            url, data=data, files=[("document_file", ("k.pdf", PDF, "application/pdf"))]
        )
        self.assertIn(b"does not need replacing", response.content)

    def test_preview_for_administrators_only(self):
        self.type_terrace.is_published = False
        self.authenticate(self.helene.login, self.helene.login)
        self.assertEqual(
            self.url_open(f"/demarches/{self.type_terrace.id}/apercu").status_code, 404
        )
        self.authenticate("admin", "admin")
        response = self.url_open(f"/demarches/{self.type_terrace.id}/apercu")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"Preview", response.content)
        self.assertIn(b"grc_q_tables", response.content)

    def test_answers_export_for_agents_only(self):
        """The workbook of the answers: for the services' agents, not stored
        nor cached; a citizen is told nothing is there."""
        agent = new_test_user(
            self.env, login="agent_xlsx_forms", groups="grc_citoyen.group_grc_agent"
        )
        url = f"/demarches/{self.type_terrace.id}/reponses.xlsx"
        self.authenticate(self.helene.login, self.helene.login)
        self.assertEqual(self.url_open(url).status_code, 404)
        self.authenticate(agent.login, agent.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertTrue(response.content.startswith(b"PK"))
