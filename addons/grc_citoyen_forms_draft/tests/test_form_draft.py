# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from lxml import html

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen_forms.tests.common import PDF, PNG, GrcFormsCommon


@tagged("post_install", "-at_install")
class TestFormDraft(GrcFormsCommon, HttpCase):
    """A démarche's own form saved half-way ("Save and continue later")
    comes back with its answers and files, and is filed with them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.helene, cls.marc = cls._create_portal_users("formsdraft")

    def _data(self, answers, **extra):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "idempotency_key": str(uuid.uuid4()),
            "preferred_channel": "email",
        }
        for key, value in answers.items():
            data["q_" + key] = value
        data.update(extra)
        return data

    def test_half_filled_form_saved_resumed_and_filed(self):
        self.authenticate(self.helene.login, self.helene.login)
        url = f"/demarches/{self.type_terrace.id}/nouvelle"
        half = self._answers(siret=None, iban=None, tables=None, debut=None)
        self.url_open(
            url,
            data=self._data(half, grc_save_draft="1"),
            files=[
                (f"doc_{self.doc_kbis.id}", ("kbis.pdf", PDF, "application/pdf")),
                ("q_plan", ("plan.png", PNG, "image/png")),
            ],
        )
        draft = self.env["grc.citizen.draft"].search(
            [("request_type_id", "=", self.type_terrace.id)]
        )
        self.assertEqual(len(draft), 1, "saved although required answers are missing")
        self.assertEqual(draft.form_data["q_mobilier"], ["Tables", "Chaises"])
        self.assertEqual(
            sorted(draft.attachment_ids.mapped("description")),
            sorted([f"doc_{self.doc_kbis.id}", "q_plan"]),
        )
        # Resumed: the démarche's questions come back as typed.
        page = html.fromstring(self.url_open(draft._grc_portal_url()).content)
        self.assertEqual(
            page.xpath("//input[@id='grc_q_etab']")[0].get("value"), "Café des Lilas"
        )
        self.assertTrue(
            page.xpath("//input[@name='q_mobilier'][@value='Chaises'][@checked]")
        )
        self.assertIn(
            "plan.png",
            page.xpath("//fieldset[@id='grc_draft_files']")[0].text_content(),
        )
        # Completed and sent: the saved files answer their question and document.
        key, draft_id = draft.idempotency_key, str(draft.id)
        self.url_open(
            url,
            data=self._data(
                self._answers(), idempotency_key=key, grc_draft_id=draft_id
            ),
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("request_type_id", "=", self.type_terrace.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.grc_document_ids.attachment_id.name, "kbis.pdf")
        plan = ticket.grc_form_answer_ids.filtered(lambda a: a.key == "plan")
        self.assertEqual(plan.attachment_ids.name, "plan.png")
        self.assertFalse(draft.exists())
