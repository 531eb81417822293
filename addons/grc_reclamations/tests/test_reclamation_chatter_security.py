# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complaint's page shows Odoo's portal chatter: its routes, called with
the complaint's access token, follow the rules of the request form."""

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.test_security_chatter import (
    EXE,
    JPEG,
    ChatterRoutesMixin,
    word_file,
)

from .common import ReclamationCommon


@tagged("post_install", "-at_install")
class TestReclamationChatterRoutes(ChatterRoutesMixin, HttpCase, ReclamationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reclamation = cls._create_reclamation()

    def test_files_follow_the_intake_policy(self):
        """A program or a macro document is refused, a photo accepted."""
        for name, data in (("setup.exe", EXE), ("lettre.docm", word_file(True))):
            with self.subTest(name=name):
                self.assertIsInstance(self._upload(self.reclamation, name, data), str)
        photo = self._upload(self.reclamation, "photo.jpg", JPEG)
        self.assertIsInstance(photo, int)
        self._post_message(self.reclamation, attachment_ids=[photo])
        message = self._messages(self.reclamation)[:1]
        self.assertEqual(message.author_id, self.citizen)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))

    def test_note_refused(self):
        """The complaint's token writes to the officer, never a note."""
        before = self._messages(self.reclamation)
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self._post_message(self.reclamation, subtype_xmlid="mail.mt_note")
        self.assertEqual(self._messages(self.reclamation), before)

    def test_complaint_form_uses_the_same_policy(self):
        """The complaint form refuses what the request form refuses: a Word
        document carrying macros, a web page named as a PDF."""
        intake = self.env["grc.reclamation.intake"]
        for name, data in (
            ("lettre.docx", word_file(True)),
            ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ):
            with self.subTest(name=name), self.assertRaises(UserError):
                intake._check_uploads([(name, data)])
        intake._check_uploads([("lettre.docx", word_file(False))])
