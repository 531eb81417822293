# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complaint's page shows Odoo's portal chatter: its routes, called with
the complaint's access token, follow the rules of the request form."""

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen_hardening.tests.test_security_chatter import (
    EXE,
    JPEG,
    ChatterRoutesMixin,
    word_file,
)
from odoo.addons.grc_citoyen_hardening.tests.test_security_headers import (
    CSP_CHECK,
    READY,
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

    def test_chatter_works_under_the_policy(self):
        """The complaint's page, with Odoo's portal chatter, runs under the
        citizens' Content-Security-Policy without a violation."""
        self.reclamation.message_post(
            body="Nous étudions votre réclamation.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        # The chatter renders in a shadow root once its bundles are loaded:
        # wait for the message, then for the network to settle.
        wait_chatter = """await odoo.portalChatterReady;
    const shown = () =>
        [...document.querySelectorAll("*")].some((el) =>
            el.shadowRoot?.querySelector(".o-mail-Message")
        );
    let seen = -1;
    for (let i = 0; i < 100; i++) {
        const count = performance.getEntriesByType("resource").length;
        if (shown() && count === seen) {
            break;
        }
        seen = count;
        await new Promise((resolve) => setTimeout(resolve, 300));
    }
    if (!shown()) {
        throw new Error("The chatter shows no message");
    }
    await new Promise"""
        code = CSP_CHECK.replace("await new Promise", wait_chatter, 1)
        self.browser_js(self.reclamation.get_portal_url(), code, ready=READY)
