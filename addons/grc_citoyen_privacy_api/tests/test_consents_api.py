# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.grc_citoyen_api.tests.common_api import GrcApiClientCase


@tagged("post_install", "-at_install")
class TestConsentsApi(GrcApiClientCase):
    """Consents from the app: the texts in force, the choice recorded with
    the channel and the text shown, each citizen their own only."""

    def _consents(self, token):
        response = self._call("GET", "/consents", token)
        self.assertEqual(response.status_code, 200, response.text)
        return {item["purpose"]: item for item in response.json()}

    def test_give_then_withdraw_from_the_app(self):
        self.env.company.grc_consent_text_sms = "Texte SMS de l'appli."
        sms = self._consents(self.token_a)["sms"]
        self.assertEqual(sms["text"], "Texte SMS de l'appli.")
        self.assertFalse(sms["accepted"])
        response = self._call(
            "PUT",
            "/consents/sms",
            self.token_a,
            json={"choice": "given", "digest": sms["digest"]},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.json()["accepted"])
        self.assertTrue(self.citizen.consent_sms)
        consent = self.env["grc.consent"].search([("partner_id", "=", self.citizen.id)])
        self.assertEqual(
            (consent.purpose, consent.action, consent.channel, consent.text),
            ("sms", "given", "app", "Texte SMS de l'appli."),
        )
        self.assertEqual(consent.user_id, self.user_a)
        # Bruno's choices are his own.
        self.assertFalse(self._consents(self.token_b)["sms"]["accepted"])
        response = self._call(
            "PUT",
            "/consents/sms",
            self.token_a,
            json={"choice": "withdrawn", "digest": sms["digest"]},
        )
        self.assertFalse(response.json()["accepted"])
        self.assertFalse(self.citizen.consent_sms)
        self.assertEqual(
            self.env["grc.consent"].search_count(
                [("partner_id", "=", self.citizen.id), ("channel", "=", "app")]
            ),
            2,
        )

    def test_text_changed_or_bad_input_is_refused(self):
        survey = self._consents(self.token_a)["survey"]
        self.env.company.grc_consent_text_survey = "Nouveau texte des enquêtes."
        response = self._call(
            "PUT",
            "/consents/survey",
            self.token_a,
            json={"choice": "withdrawn", "digest": survey["digest"]},
        )
        self.assertApiError(response, 409, "consent_text_changed")
        self.assertTrue(self.citizen.grc_consent_survey)
        for path, body in (
            ("/consents/marketing", {"choice": "given", "digest": "0" * 64}),
            ("/consents/sms", {"choice": "maybe", "digest": "0" * 64}),
            ("/consents/sms", {"choice": "given", "digest": "short"}),
        ):
            with self.subTest(path=path, body=body):
                self.assertApiError(
                    self._call("PUT", path, self.token_a, json=body),
                    422,
                    "validation_error",
                )
        self.assertFalse(
            self.env["grc.consent"].search([("partner_id", "=", self.citizen.id)])
        )

    def test_signed_in_only(self):
        self.assertApiError(
            self._call("GET", "/consents"), 401, "authentication_required"
        )
        self.assertApiError(
            self._call(
                "PUT", "/consents/sms", json={"choice": "given", "digest": "0" * 64}
            ),
            401,
            "authentication_required",
        )
