# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Drafts of visitors' requests: kept until the e-mail address is confirmed,
checked once, filed through the one intake, forgotten when expired, and
readable by GRC administrators only."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.test_request_intake import PDF, PNG, IntakeCommon


class TestRequestDraft(IntakeCommon):
    def _draft(self, **values):
        return self.env["grc.request.draft"]._grc_create_draft(self._values(**values))

    def test_draft_waits_for_confirmation(self):
        """An anonymous submission is only a draft until the e-mail is confirmed."""
        count = self.tickets.search_count([])
        draft = self._draft(attachments=[("photo.png", PNG, "image/png")])
        self.assertEqual(self.tickets.search_count([]), count)
        mail = self.env["mail.mail"].search(
            [("model", "=", "grc.request.draft"), ("res_id", "=", draft.id)]
        )
        self.assertEqual(mail.email_to, "paul.durand@example.fr")
        self.assertIn(draft._grc_confirmation_token(), mail.body_html)
        # Same form token: same draft, no second mail.
        self.assertEqual(self._draft(), draft)

        found = self.env["grc.request.draft"]._grc_from_token(
            draft._grc_confirmation_token()
        )
        self.assertEqual(found, draft)
        ticket = found.action_grc_confirm()
        self.assertEqual(ticket.partner_id.email, "paul.durand@example.fr")
        self.assertEqual(len(ticket.attachment_ids), 1)
        self.assertEqual(found.action_grc_confirm(), ticket)

    def test_bad_or_expired_token(self):
        """A forged or expired link confirms nothing."""
        draft = self._draft()
        drafts = self.env["grc.request.draft"]
        self.assertFalse(drafts._grc_from_token(f"{draft.uuid}.forged"))
        self.assertFalse(drafts._grc_from_token("nonsense"))
        token = draft._grc_confirmation_token()
        with freeze_time(fields.Datetime.now() + timedelta(hours=49)):
            self.assertFalse(drafts._grc_from_token(token))
            drafts._cron_expire_drafts()
        self.assertFalse(draft.exists())

    def test_draft_validated_like_a_request(self):
        """A draft is refused for the same reasons as a request."""
        with self.assertRaisesRegex(ValidationError, "Describe your request"):
            self._draft(description="")
        self.assertFalse(self.env["grc.request.draft"].search([]))


class TestDraftOnePath(IntakeCommon):
    def test_anonymous_path_validates_once(self):
        """A visitor's form is checked once: the draft and the request it
        becomes trust it; the draft's files are moved, not copied."""
        drafts = self.env["grc.request.draft"]
        values = self._values(attachments=[("constat.pdf", PDF, "application/pdf")])
        wrapped, calls = self._count_calls(type(self.tickets), "_grc_intake_errors")
        with wrapped:
            drafts._grc_check_values(values)
            draft = drafts._grc_create_draft(values, validated=True)
            files = draft.attachment_ids
            self.assertEqual(len(files), 1)
            ticket = draft.action_grc_confirm()
        self.assertEqual(len(calls), 1)
        self.assertEqual(ticket.grc_citizen_attachment_ids, files)
        self.assertEqual((files.res_model, files.res_id), (ticket._name, ticket.id))
        self.assertEqual(files.raw, PDF)
        self.assertFalse(draft.attachment_ids)
        self.assertEqual(
            self.env["ir.attachment"].search_count([("checksum", "=", files.checksum)]),
            1,
        )

    def test_idempotency_replays(self):
        """The same key returns the same draft, and the same request."""
        drafts = self.env["grc.request.draft"]
        draft = drafts._grc_create_draft(self._values(idempotency_key="draft-key"))
        self.assertEqual(
            drafts._grc_create_draft(self._values(idempotency_key="draft-key")),
            draft,
        )
        ticket = draft.action_grc_confirm()
        self.assertEqual(draft.action_grc_confirm(), ticket)


class TestDraftAccess(IntakeCommon):
    """Drafts are GRC administrators' only: visitors reach theirs through
    the signed link, as the superuser; nobody else reads or writes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls.env["grc.request.draft"]._grc_create_draft(cls._values(cls))
        cls.user_portal = new_test_user(
            cls.env,
            login="outsider_portal",
            groups="base.group_portal",
            email="outsider@example.fr",
        )
        # Services' managers handle requests, not forms before they are filed.
        cls.user_manager = new_test_user(
            cls.env, login="outsider_manager", groups="grc_citoyen.group_grc_manager"
        )

    def test_outsiders_cannot_read_nor_write(self):
        """A citizen, an agent and a public user neither read nor change drafts."""
        outsiders = (
            self.user_portal,
            self.user_manager,
            self.env.ref("base.public_user"),
        )
        for user in outsiders:
            with self.subTest(user=user.login):
                drafts = self.env["grc.request.draft"].with_user(user)
                with self.assertRaises(AccessError):
                    drafts.search([])
                with self.assertRaises(AccessError):
                    self.draft.with_user(user).read(["citizen_email"])
                with self.assertRaises(AccessError):
                    self.draft.with_user(user).write({"citizen_email": "x@example.fr"})
                with self.assertRaises(AccessError):
                    drafts.create(
                        {
                            "request_type_id": self.type_lamp.id,
                            "description": "x",
                            "citizen_name": "x",
                            "citizen_email": "x@example.fr",
                            "idempotency_key": "outsider",
                            "expiration_date": fields.Datetime.now(),
                        }
                    )
        self.assertEqual(self.draft.citizen_email, "paul.durand@example.fr")

    def test_administrators_read(self):
        """GRC administrators see the drafts (support, RGPD requests)."""
        admin = new_test_user(
            self.env, login="grc_admin_drafts", groups="grc_citoyen.group_grc_admin"
        )
        self.assertEqual(
            self.env["grc.request.draft"].with_user(admin).search([]), self.draft
        )
