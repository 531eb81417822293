# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.common import GrcCommon


@tagged("post_install", "-at_install")
class TestConsent(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_helene, cls.user_marc = cls._create_portal_users("consent")
        cls.admin = new_test_user(
            cls.env,
            login="consent-admin",
            groups="base.group_user,grc_citoyen.group_grc_admin",
        )
        # Steering reads figures, not citizens' consents.
        cls.steering = new_test_user(
            cls.env,
            login="consent-steering",
            groups="base.group_user,grc_citoyen.group_grc_steering",
        )
        cls.Consent = cls.env["grc.consent"]

    def test_consent_and_withdrawal_drive_the_channels(self):
        citizen = self.citizen
        self.assertFalse(citizen.consent_sms)
        self.assertTrue(citizen._grc_accepts("survey"))
        self.assertFalse(citizen._grc_accepts("email_news"))
        given = self.Consent.with_user(self.admin)._grc_record(
            citizen, "sms", "given", "front_desk"
        )
        self.assertTrue(citizen.consent_sms)
        self.assertTrue(citizen._grc_accepts("sms"))
        self.assertIn("SMS", given.text)
        self.assertEqual(given.user_id, self.admin)
        self.Consent.with_user(self.admin)._grc_record(
            citizen, "survey", "withdrawn", "phone"
        )
        self.assertFalse(citizen._grc_accepts("survey"))
        self.Consent.with_user(self.admin)._grc_record(
            citizen, "sms", "withdrawn", "paper"
        )
        self.assertFalse(citizen.consent_sms)

    def test_exact_text_is_kept(self):
        self.env.company.grc_consent_text_email_news = "Texte v1 des actualités."
        first = self.Consent._grc_record(self.citizen, "email_news", "given", "email")
        self.env.company.grc_consent_text_email_news = "Texte v2 des actualités."
        self.assertEqual(first.text, "Texte v1 des actualités.")
        self.assertTrue(self.citizen.grc_consent_news)
        # The citizen was shown v1 but the text is v2 now: refused, nothing kept.
        with self.assertRaises(UserError):
            self.Consent._grc_record(
                self.citizen,
                "email_news",
                "withdrawn",
                "portal",
                shown_digest=first.text_digest,
            )
        self.assertTrue(self.citizen.grc_consent_news)
        proof = self.citizen.grc_consent_ids._grc_proof(agent_names=True)
        self.assertEqual(len(proof), 1)
        self.assertEqual(proof[0]["text"], "Texte v1 des actualités.")
        self.assertEqual(proof[0]["channel"], "E-mail")

    def test_agent_records_a_consent_given_on_the_phone(self):
        """The front-desk agent reads the text in force to the citizen and
        records their answer with the channel; the text is kept as agreed
        to; a text changed meanwhile must be read again."""
        agent = new_test_user(
            self.env, login="consent-desk", groups="grc_citoyen.group_grc_frontdesk"
        )
        self.env.company.grc_consent_text_sms = "Texte SMS v1."
        wizard_form = Form(
            self.env["grc.consent.record"]
            .with_user(agent)
            .with_context(default_partner_id=self.citizen.id)
        )
        wizard_form.purpose = "sms"
        wizard_form.channel = "phone"
        self.assertEqual(wizard_form.text, "Texte SMS v1.")
        wizard_form.save().action_record()
        consent = self.Consent.search([("partner_id", "=", self.citizen.id)])
        self.assertEqual(
            (consent.purpose, consent.action, consent.channel, consent.text),
            ("sms", "given", "phone", "Texte SMS v1."),
        )
        self.assertEqual(consent.user_id, agent)
        self.assertTrue(self.citizen.consent_sms)
        # Withdrawn on paper, while the text changes under the agent's eyes.
        wizard_form = Form(
            self.env["grc.consent.record"]
            .with_user(agent)
            .with_context(default_partner_id=self.citizen.id)
        )
        wizard_form.action = "withdrawn"
        wizard_form.channel = "paper"
        wizard = wizard_form.save()
        self.env.company.grc_consent_text_sms = "Texte SMS v2."
        with self.assertRaisesRegex(UserError, "read it again"):
            wizard.action_record()
        self.assertTrue(self.citizen.consent_sms)
        # Citizens record theirs on their own page, not with this form.
        with self.assertRaises(AccessError):
            self.env["grc.consent.record"].with_user(self.user_helene).create(
                {"partner_id": self.user_helene.partner_id.id}
            )

    def test_consents_cannot_be_changed(self):
        consent = self.Consent._grc_record(self.citizen, "sms", "given", "portal")
        with self.assertRaises(UserError):
            consent.write({"action": "withdrawn"})
        with self.assertRaises(UserError):
            consent.unlink()
        with self.assertRaises(UserError):
            self.Consent.create(
                {
                    "partner_id": self.citizen.id,
                    "purpose": "sms",
                    "action": "given",
                    "channel": "portal",
                    "text": " ",
                }
            )

    def test_access(self):
        mine = self.Consent._grc_record(self.citizen, "sms", "given", "portal")
        marcs = self.Consent._grc_record(
            self.user_marc.partner_id, "sms", "given", "portal"
        )
        self.assertEqual(self.Consent.with_user(self.user_helene).search([]), mine)
        with self.assertRaises(AccessError):
            marcs.with_user(self.user_helene).read(["text"])
        with self.assertRaises(AccessError):
            self.Consent.with_user(self.user_helene)._grc_record(
                self.citizen, "sms", "withdrawn", "portal"
            )
        with self.assertRaises(AccessError):
            self.Consent.with_user(self.steering).search([])
        with self.assertRaises(AccessError):
            mine.with_user(self.steering).read(["text"])
        with self.assertRaises(AccessError):
            self.Consent.with_user(self.steering)._grc_record(
                self.citizen, "sms", "withdrawn", "phone"
            )

    def test_data_download_holds_the_consents(self):
        self.Consent.with_user(self.admin)._grc_record(
            self.citizen, "survey", "withdrawn", "front_desk"
        )
        data, _files = self.citizen.with_user(
            self.user_helene
        )._grc_personal_data_export()
        self.assertEqual(len(data["consents"]), 1)
        self.assertEqual(data["consents"][0]["action"], "Withdrawn")
        self.assertEqual(
            data["consents"][0]["recorded_by"], "An agent of the authority"
        )


@tagged("post_install", "-at_install")
class TestConsentPortal(HttpCase, GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_helene, cls.user_marc = cls._create_portal_users("consentp")

    def test_withdraw_from_the_portal(self):
        Consent = self.env["grc.consent"]
        self.assertTrue(self.citizen.grc_consent_survey)
        self.authenticate("helene-consentp", "helene-consentp")
        page = self.url_open("/my/privacy")
        self.assertIn("My consents", page.text)
        text = Consent._grc_consent_text("survey")
        self.assertIn(text, page.text)
        response = self.url_open(
            "/my/privacy/consent",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "purpose": "survey",
                "choice": "withdrawn",
                "digest": Consent._grc_text_digest(text),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your choice has been recorded.", response.text)
        self.assertFalse(self.citizen.grc_consent_survey)
        consent = self.citizen.grc_consent_ids
        self.assertEqual(
            (consent.action, consent.channel, consent.text, consent.user_id),
            ("withdrawn", "portal", text, self.user_helene),
        )
        # A stale text is refused, the choice is not recorded.
        response = self.url_open(
            "/my/privacy/consent",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "purpose": "survey",
                "choice": "given",
                "digest": "0" * 64,
            },
        )
        self.assertIn("has just changed", response.text)
        self.assertFalse(self.citizen.grc_consent_survey)

    def test_proof_export_for_admins_only(self):
        self.env["grc.consent"]._grc_record(self.citizen, "sms", "given", "phone")
        new_test_user(
            self.env,
            login="consent-http-admin",
            password="consent-http-admin",
            groups="base.group_user,grc_citoyen.group_grc_admin",
        )
        url = f"/grc/privacy/consents/{self.citizen.id}.json"
        self.authenticate("helene-consentp", "helene-consentp")
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(url).status_code, 404)
        self.authenticate("consent-http-admin", "consent-http-admin")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        document = json.loads(response.content)
        self.assertEqual(document["consents"][0]["channel"], "Phone")
