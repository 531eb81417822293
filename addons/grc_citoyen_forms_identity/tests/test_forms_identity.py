# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from lxml import html

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon

BADGE = "//label[@for='%s']//span[contains(@class, 'grc_certified')]"


@tagged("post_install", "-at_install")
class TestFormsIdentity(GrcCommon, HttpCase):
    """A birth certificate asked by a citizen whose identity FranceConnect
    certified: their names and date of birth are not asked again, and are
    filed as certified whatever a channel sends."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.helene, cls.marc = cls._create_portal_users("formsidentity")
        cls.type_birth = cls.env["grc.request.type"].create(
            {
                "name": "Acte de naissance",
                "code": "NAIS",
                "team_id": cls.team_voirie.id,
                "is_published": True,
            }
        )
        question = cls.env["grc.form.question"]
        for sequence, (kind, key, name, prefill) in enumerate(
            [
                ("char", "nom", "Nom", "family_name"),
                ("char", "prenoms", "Prénoms", "given_names"),
                ("char", "complet", "Nom complet", "name"),
                ("date", "naissance", "Date de naissance", "birthdate"),
                ("email", "courriel", "Courriel", "email"),
            ]
        ):
            question.create(
                {
                    "request_type_id": cls.type_birth.id,
                    "sequence": sequence,
                    "kind": kind,
                    "key": key,
                    "name": name,
                    "prefill": prefill,
                    "required": True,
                }
            )
        fc = cls.env.ref("grc_citoyen_identity.provider_franceconnect")
        # sudo: certified fields are written by the FranceConnect sign-in only.
        cls.citizen.sudo().write(
            {
                "grc_certified_given_names": "Hélène Marie",
                "grc_certified_family_name": "Núñez",
                "grc_certified_birthdate": datetime.date(1980, 5, 17),
                "grc_certified_on": fields.Datetime.now(),
                "grc_certified_provider_id": fc.id,
            }
        )

    def _file(self, partner, **answers):
        typed = {
            "nom": "Autre",
            "prenoms": "Quelqu'un",
            "complet": "Quelqu'un Autre",
            "naissance": "2000-01-01",
            "courriel": "contact@example.fr",
        }
        typed.update(answers)
        ticket = self.env["helpdesk.ticket"]._grc_submit_request(
            {
                "request_type_id": self.type_birth.id,
                "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
                "partner_id": partner.id,
                "form_answers": typed,
                "form_files": {},
                "form_documents": {},
            }
        )
        return {answer.key: answer for answer in ticket.grc_form_answer_ids}

    def test_certified_answers_filed_whatever_sent(self):
        answers = self._file(self.citizen)
        self.assertEqual(answers["nom"].value_char, "Núñez")
        self.assertEqual(answers["prenoms"].value_char, "Hélène Marie")
        self.assertEqual(answers["complet"].value_char, "Hélène Marie Núñez")
        self.assertEqual(answers["naissance"].value_date, datetime.date(1980, 5, 17))
        for key in ("nom", "prenoms", "complet", "naissance"):
            self.assertTrue(answers[key].certified, key)
        self.assertIn("Certified", answers["nom"]._grc_display())
        # A contact detail is the citizen's to give: as typed, not certified.
        self.assertEqual(answers["courriel"].value_char, "contact@example.fr")
        self.assertFalse(answers["courriel"].certified)

    def test_not_certified_citizen_answers_as_typed(self):
        answers = self._file(self.marc.partner_id)
        self.assertEqual(answers["nom"].value_char, "Autre")
        self.assertEqual(answers["naissance"].value_date, datetime.date(2000, 1, 1))
        self.assertFalse(any(answer.certified for answer in answers.values()))

    def test_form_shows_the_certified_identity(self):
        self.authenticate(self.helene.login, self.helene.login)
        page = html.fromstring(
            self.url_open(f"/demarches/{self.type_birth.id}/nouvelle").content
        )
        name = page.get_element_by_id("grc_q_nom")
        self.assertEqual(name.get("value"), "Núñez")
        self.assertEqual(name.get("readonly"), "readonly")
        self.assertEqual(
            page.get_element_by_id("grc_q_naissance").get("value"), "1980-05-17"
        )
        badges = page.xpath(BADGE % "grc_q_nom")
        self.assertIn("FranceConnect", badges[0].text_content())
        # Pre-filled, not certified: the citizen may change it.
        email = page.get_element_by_id("grc_q_courriel")
        self.assertEqual(email.get("value"), "helene.nunez@example.fr")
        self.assertIsNone(email.get("readonly"))
        self.assertFalse(page.xpath(BADGE % "grc_q_courriel"))
