# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.common import (
    GrcAccountsCommon,
    GrcCommon,
    PortalFormMixin,
)
from odoo.addons.grc_citoyen.tests.test_request_intake import PDF, PNG


@tagged("post_install", "-at_install")
class TestCitizenDraftPortal(PortalFormMixin, HttpCase, GrcAccountsCommon):
    """A signed-in citizen saves a démarche, finds it in "My drafts" on
    another device, and sends it: one request, with the draft's files."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.drafts = cls.env["grc.citizen.draft"]

    def _save(self, files=None, **values):
        return self._post_form(files=files, grc_save_draft="1", **values)

    def test_save_resume_elsewhere_and_send(self):
        self.authenticate("citizen_a", "citizen_a")
        response = self._save(
            files=[("attachments", ("photo.png", PNG, "image/png"))],
            description="Le lampadaire clignote depuis lundi.",
            location_street="",
        )
        draft = self.drafts.search([("partner_id", "=", self.citizen.id)])
        self.assertEqual(len(draft), 1)
        self.assertIn(f"/my/drafts?saved={draft.id}", response.url)
        self.assertEqual(
            draft.form_data["description"], ["Le lampadaire clignote depuis lundi."]
        )
        self.assertNotIn("csrf_token", draft.form_data)
        self.assertEqual(draft.attachment_ids.mapped("name"), ["photo.png"])
        self.assertEqual(draft.attachment_ids.description, "attachments")
        self.assertGreater(draft.expiration_date, fields.Datetime.now())
        self.assertIn(self.type_lamp.name, response.text)
        # Another device: a new session finds the draft and its answers.
        self.authenticate("citizen_a", "citizen_a")
        page = self.url_open("/my/drafts")
        self.assertIn(draft._grc_portal_url().replace("&", "&amp;"), page.text)
        page = self.url_open(draft._grc_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("Le lampadaire clignote depuis lundi.", page.text)
        self.assertIn("photo.png", page.text)
        self.assertIn(draft.idempotency_key, page.text)
        # Sent from there: one request, the draft's file with it, the draft gone.
        key, draft_id = draft.idempotency_key, str(draft.id)
        response = self._post_form(
            idempotency_key=key,
            grc_draft_id=draft_id,
            description="Le lampadaire clignote depuis lundi.",
        )
        self.assertIn("submitted=1", response.url)
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(
            ticket.grc_citizen_attachment_ids.mapped("name"), ["photo.png"]
        )
        self.assertFalse(draft.exists())
        # Sent again from the first device: the same request, not a second.
        self._post_form(
            idempotency_key=key,
            grc_draft_id=draft_id,
            description="Le lampadaire clignote depuis lundi.",
        )
        self.assertEqual(
            self.env["helpdesk.ticket"].search_count(
                [("partner_id", "=", self.citizen.id)]
            ),
            1,
        )

    def test_remove_a_saved_file_and_refused_file(self):
        self.authenticate("citizen_a", "citizen_a")
        self._save(files=[("attachments", ("avis.pdf", PDF, "application/pdf"))])
        draft = self.drafts.search([("partner_id", "=", self.citizen.id)])
        response = self._save(
            grc_draft_id=str(draft.id),
            grc_draft_drop=str(draft.attachment_ids.id),
            files=[("attachments", ("virus.exe", b"MZ" + b"\x00" * 64, "x"))],
        )
        self.assertFalse(draft.attachment_ids)
        self.assertIn("Your draft is saved, but not these files", response.text)
        self.assertIn("virus.exe", response.text)

    def test_autosave(self):
        self.authenticate("citizen_a", "citizen_a")
        url = f"/demarches/{self.type_lamp.id}/brouillon"
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "description": "Je commence",
            "grc_draft_id": "",
        }
        first = self.url_open(url, data=data).json()
        draft = self.drafts.browse(first["draft_id"])
        self.assertEqual(draft.form_data["description"], ["Je commence"])
        data.update(description="Je continue", grc_draft_id=str(draft.id))
        second = self.url_open(url, data=data).json()
        self.assertEqual(second["draft_id"], draft.id)
        draft.invalidate_recordset()
        self.assertEqual(draft.form_data["description"], ["Je continue"])
        self.assertEqual(self.drafts.search_count([]), 1)

    def test_autosave_racing_the_submission(self):
        """The form saved itself while it was being sent: no draft is left
        behind, and a late autosave does not bring one back."""
        self.authenticate("citizen_a", "citizen_a")
        key = "race-key"
        url = f"/demarches/{self.type_lamp.id}/brouillon"
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "idempotency_key": key,
            "description": "Je commence",
            "grc_draft_id": "",
        }
        draft = self.drafts.browse(self.url_open(url, data=data).json()["draft_id"])
        self.assertEqual(draft.idempotency_key, key)
        # Sent without the draft's id (the autosave's answer came too late).
        self._post_form(idempotency_key=key)
        self.assertFalse(draft.exists())
        self.assertFalse(self.url_open(url, data=data).json()["draft_id"])
        self.assertFalse(self.drafts.search([("partner_id", "=", self.citizen.id)]))

    @mute_logger("odoo.http")
    def test_another_citizen_gets_nothing(self):
        draft, _refused = self.drafts._grc_save(
            self.citizen,
            self.type_lamp,
            [("description", "Secret de Hélène")],
            {"attachments": [("avis.pdf", PDF, "application/pdf")]},
        )
        self.authenticate("citizen_b", "citizen_b")
        self.assertEqual(self.url_open(draft._grc_portal_url()).status_code, 404)
        self.assertNotIn("Secret de Hélène", self.url_open("/my/drafts").text)
        response = self.url_open(
            f"/my/drafts/{draft.id}/delete",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 404)
        # Sending with Hélène's draft id files Bruno's own form, without her files.
        self._post_form(grc_draft_id=str(draft.id), description="Ma demande")
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.citizen_b.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertFalse(ticket.grc_citizen_attachment_ids)
        self.assertTrue(draft.exists())
        autosave = self.url_open(
            f"/demarches/{self.type_lamp.id}/brouillon",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "grc_draft_id": str(draft.id),
                "description": "écrasé",
            },
        ).json()
        self.assertFalse(autosave["draft_id"])
        self.assertEqual(draft.form_data["description"], ["Secret de Hélène"])

    def test_delete(self):
        draft, _refused = self.drafts._grc_save(
            self.citizen, self.type_lamp, [("description", "Brouillon")]
        )
        self.authenticate("citizen_a", "citizen_a")
        response = self.url_open(
            f"/my/drafts/{draft.id}/delete",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("deleted=1", response.url)
        self.assertFalse(draft.exists())


@tagged("post_install", "-at_install")
class TestCitizenDraftAccess(GrcCommon):
    """Drafts are their citizen's; in the back office they follow the
    confidentiality of their démarche; they are forgotten after a reminder."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.drafts = cls.env["grc.citizen.draft"]
        cls.type_ccas = cls.env["grc.request.type"].create(
            {
                "name": "Aide sociale d'urgence",
                "team_id": cls.team_ccas.id,
                "is_confidential": True,
                "is_published": True,
            }
        )
        cls.citizen.email = "helene.nunez@example.fr"
        cls.other = cls.env["res.partner"].create(
            {"name": "Bruno Bernard", "is_citizen": True, "email": "b@example.fr"}
        )
        cls.portal_other = new_test_user(
            cls.env,
            login="draft-portal-other",
            groups="base.group_portal",
            partner_id=cls.other.id,
        )
        cls.frontdesk = new_test_user(
            cls.env, login="draft-frontdesk", groups="grc_citoyen.group_grc_frontdesk"
        )
        cls.ccas_agent = new_test_user(
            cls.env, login="draft-ccas", groups="grc_citoyen.group_grc_agent"
        )
        cls.team_ccas.user_ids = [(4, cls.ccas_agent.id)]
        cls.draft_lamp = cls.drafts._grc_save(
            cls.citizen, cls.type_lamp, [("description", "Lampadaire")]
        )[0]
        cls.draft_ccas = cls.drafts._grc_save(
            cls.citizen, cls.type_ccas, [("description", "Loyer impayé")]
        )[0]

    def test_frontdesk_sees_drafts_but_not_confidential_ones(self):
        visible = self.drafts.with_user(self.frontdesk).search(
            [("partner_id", "=", self.citizen.id)]
        )
        self.assertEqual(visible, self.draft_lamp)
        with self.assertRaises(AccessError):
            self.draft_ccas.with_user(self.frontdesk).read(["form_data"])
        with self.assertRaises(AccessError):
            self.draft_ccas.with_user(self.frontdesk).write({"name": "x"})
        self.assertEqual(
            self.draft_ccas.with_user(self.ccas_agent).read(["form_data"])[0][
                "form_data"
            ],
            {"description": ["Loyer impayé"]},
        )

    def test_other_citizen_neither_reads_nor_writes(self):
        as_other = self.drafts.with_user(self.portal_other)
        self.assertFalse(as_other.search([]))
        with self.assertRaises(AccessError):
            self.draft_lamp.with_user(self.portal_other).read(["form_data"])
        with self.assertRaises(AccessError):
            self.draft_lamp.with_user(self.portal_other).write({"form_data": {}})

    def test_reminder_then_forgotten(self):
        days, reminder = self.drafts._grc_retention_days()
        self.assertEqual((days, reminder), (30, 7))
        now = fields.Datetime.now()
        self.draft_lamp.expiration_date = now + timedelta(days=3)
        self.draft_ccas.expiration_date = now + timedelta(days=20)
        self.drafts._grc_save(
            self.citizen,
            self.type_lamp,
            [("description", "Texte tapé par Hélène")],
            {"attachments": [("avis.pdf", PDF, "application/pdf")]},
            self.draft_lamp,
        )
        # Saving again keeps it a full period: expire it by hand.
        self.draft_lamp.expiration_date = now + timedelta(days=3)
        attachment = self.draft_lamp.attachment_ids
        self.assertTrue(attachment)
        mails = self.env["mail.mail"].search([])
        self.drafts._cron_grc_citizen_drafts()
        new_mails = self.env["mail.mail"].search([]) - mails
        self.assertEqual(len(new_mails), 1)
        self.assertIn(self.draft_lamp._grc_portal_url(), new_mails.body_html)
        self.assertNotIn("Texte tapé", new_mails.body_html)
        self.assertTrue(self.draft_lamp.reminder_sent)
        self.assertFalse(self.draft_ccas.reminder_sent)
        # A second run does not remind twice; past the date, it is forgotten.
        self.drafts._cron_grc_citizen_drafts()
        self.assertEqual(self.env["mail.mail"].search([]) - mails, new_mails)
        later = now + timedelta(days=4)
        with patch.object(fields.Datetime, "now", return_value=later):
            self.drafts._cron_grc_citizen_drafts()
        self.assertFalse(self.draft_lamp.exists())
        self.assertFalse(attachment.exists())
        self.assertTrue(self.draft_ccas.exists())
