# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from lxml import html

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import GrcFormsCommon
from .validation_cases import FILE_KEYS, FormValidationTable


@tagged("post_install", "-at_install")
class TestFormValidationTablePortal(GrcFormsCommon, FormValidationTable, HttpCase):
    """The table of valid and invalid answers (validation_cases.py) through
    the portal's form: the engine's verdict and message for each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_validation_table_questions()
        cls.helene, _marc = cls._create_portal_users("formstable")

    def test_validation_table(self):
        self.authenticate(self.helene.login, self.helene.login)

        def submit(answers):
            data = {
                "csrf_token": http.Request.csrf_token(self),
                "idempotency_key": str(uuid.uuid4()),
                "preferred_channel": "email",
            }
            files = [
                ("q_" + key, answers.pop(key)) for key in FILE_KEYS if key in answers
            ]
            data.update({"q_" + key: value for key, value in answers.items()})
            response = self.url_open(
                f"/demarches/{self.type_terrace.id}/nouvelle",
                data=data,
                files=files or None,
            )
            self.assertEqual(response.status_code, 200)
            page = html.fromstring(response.content)
            return {
                element.get("id")[len("grc_error_q_") :]: element.text_content().strip()
                for element in page.xpath("//*[starts-with(@id, 'grc_error_q_')]")
            }

        checked = self._run_validation_table("portal", self._answers(), submit)
        self.assertGreaterEqual(checked, 40)
        # No supporting document sent: nothing was filed.
        self.assertFalse(
            self.env["helpdesk.ticket"].search(
                [("request_type_id", "=", self.type_terrace.id)]
            )
        )
