# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ReclamationCommon

RLO = "\u202e"


@tagged("post_install", "-at_install")
class TestReclamationHostileInput(HttpCase, ReclamationCommon):
    """The complaint form answers a form error, never a server error, and
    a subject keeps no bidirectional control."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_helene, _marc = cls._create_portal_users("rec_hostile")

    def _post(self, **values):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "subject": "Réclamation",
            "description": "Personne ne m'a répondu.",
            "reason_id": str(self.reason_late.id),
        }
        data.update(values)
        return self.url_open("/my/reclamation/new", data=data, allow_redirects=False)

    def test_text_and_huge_ids_are_form_errors(self):
        self.authenticate(self.user_helene.login, self.user_helene.login)
        for values in (
            {"reason_id": "abc"},
            {"reason_id": "99999999999"},
            {"reason_id": "-1"},
            {"ticket_id": "abc"},
            {"ticket_id": "99999999999"},
        ):
            with self.subTest(**values):
                response = self._post(**values)
                self.assertEqual(response.status_code, 200)
        self.assertFalse(self.Reclamation.search([]))

    def test_nul_refused(self):
        self.authenticate(self.user_helene.login, self.user_helene.login)
        with mute_logger("odoo.http"):
            response = self._post(subject="Ré\x00clamation")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.Reclamation.search([]))

    def test_subject_without_bidi_controls(self):
        complaint = self.env["grc.reclamation.intake"]._submit(
            {
                "partner_id": self.citizen.id,
                "subject": f"Retard {RLO}inadmissible\u2069",
                "description": "Toujours rien.",
                "reason_id": str(self.reason_late.id),
            }
        )
        self.assertEqual(complaint.subject, "Retard inadmissible")
