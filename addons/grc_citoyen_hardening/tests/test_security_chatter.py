# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's chatter routes (/mail/attachment/upload, /mail/message/post...)
called with a request's access token, the way Odoo's portal chatter calls
them: they take no file and no message the request's page would refuse."""

import io
import json
import zipfile

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.grc_citoyen.tests.common import GrcCommon

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + (
    b"\x00" * 64
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64 + b"PE\x00\x00"
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)


def word_file(macros):
    """A Word document, with a VBA project when ``macros``."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return stream.getvalue()


class ChatterRoutesMixin:
    """Calls of Odoo's chatter routes as its portal chatter makes them."""

    def _upload(self, record, name, data, token=None):
        """Upload one file; return the attachment id, or the error text."""
        self.authenticate(None, None)
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/mail/attachment/upload",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "is_pending": "true",
                    "thread_id": record.id,
                    "thread_model": record._name,
                    "token": token or record._portal_ensure_token(),
                },
                files={"ufile": (name, data, "application/octet-stream")},
            )
        response.raise_for_status()
        result = json.loads(response.content)
        if "error" in result:
            return result["error"]
        return result["data"]["ir.attachment"][0]["id"]

    def _post_message(self, record, token=None, **post_data):
        self.authenticate(None, None)
        post_data.setdefault("body", "Le lampadaire est toujours éteint.")
        post_data.setdefault("message_type", "comment")
        post_data.setdefault("subtype_xmlid", "mail.mt_comment")
        post_data.setdefault("attachment_ids", [])
        attachments = (
            self.env["ir.attachment"].sudo().browse(post_data["attachment_ids"])
        )
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": record._name,
                "thread_id": record.id,
                "token": token or record._portal_ensure_token(),
                "post_data": post_data,
                "attachment_tokens": attachments.mapped("access_token"),
            },
        )

    def _messages(self, record):
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("message_type", "=", "comment"),
                ]
            )
        )


@tagged("post_install", "-at_install")
class TestChatterRoutesOnRequest(ChatterRoutesMixin, HttpCase, GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._create_request()
        cls.token = cls.request._portal_ensure_token()
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("grc_citoyen.attachment_max_size_mb", 1)
        params.set_param("grc_citoyen.attachment_max_count", 2)

    def assertRefused(self, name, data):
        before = self.env["ir.attachment"].sudo().search_count([])
        result = self._upload(self.request, name, data)
        self.assertIsInstance(result, str, f"{name} was stored")
        self.assertEqual(self.env["ir.attachment"].sudo().search_count([]), before)

    def test_dangerous_files_refused(self):
        """Programs, macro documents, HTML and SVG are refused, whatever
        their name says."""
        cases = [
            ("setup.exe", EXE),
            ("facture.pdf", EXE),
            ("lettre.docm", word_file(macros=True)),
            ("lettre.docx", word_file(macros=True)),
            ("page.html", HTML),
            ("page.pdf", HTML),
            ("dessin.svg", SVG),
            ("dessin.png", SVG),
        ]
        for name, data in cases:
            with self.subTest(name=name):
                self.assertRefused(name, data)

    def test_document_without_macros_accepted(self):
        """The same Word document without macros goes through."""
        attachment = self._upload(self.request, "lettre.docx", word_file(macros=False))
        self.assertIsInstance(attachment, int)

    def test_too_large_file_refused(self):
        """A file above the size limit is refused."""
        self.assertRefused("scan.pdf", PDF + b"%" * (1024 * 1024))

    def test_accepted_files_and_comment(self):
        """A PDF and a photo are accepted and posted as the citizen's comment."""
        pdf = self._upload(self.request, "devis.pdf", PDF)
        photo = self._upload(self.request, "photo.jpg", JPEG)
        self.assertIsInstance(pdf, int)
        self.assertIsInstance(photo, int)
        self._post_message(self.request, attachment_ids=[pdf, photo])
        message = self._messages(self.request)[:1]
        self.assertEqual(message.author_id, self.citizen)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(set(message.attachment_ids.ids), {pdf, photo})

    def test_too_many_files_refused(self):
        """More files in one message than the count limit are refused."""
        ids = [self._upload(self.request, f"p{i}.pdf", PDF) for i in range(3)]
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self._post_message(self.request, attachment_ids=ids)
        self.assertFalse(self._messages(self.request))

    def test_note_refused(self):
        """A token lets the caller write to the service, never an internal
        note nor a message of another kind."""
        for post_data in (
            {"subtype_xmlid": "mail.mt_note"},
            {"subtype_xmlid": False},
            {"message_type": "notification"},
            {"message_type": "email"},
        ):
            with (
                self.subTest(**post_data),
                self.assertRaises(JsonRpcException),
                mute_logger("odoo.http"),
            ):
                self._post_message(self.request, **post_data)
        self.assertFalse(self._messages(self.request))

    def test_long_message_refused(self):
        """A message longer than the request form accepts is refused."""
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self._post_message(self.request, body="a" * 10001)
        self.assertFalse(self._messages(self.request))

    def test_wrong_token_refused(self):
        """Without the request's token the route answers as if it did not exist."""
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self._post_message(self.request, token="forged")

    def test_edit_keeps_the_rules(self):
        """A citizen's own message, edited, stays within the limits."""
        self._post_message(self.request)
        message = self._messages(self.request)
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/mail/message/update_content",
                {
                    "message_id": message.id,
                    "body": "a" * 10001,
                    "attachment_ids": [],
                    "token": self.token,
                },
            )
        self.assertNotIn("aaaa", str(message.body))

    def test_no_reaction_on_internal_note(self):
        """The token opens no internal note, not even to react to it."""
        note = self.request.message_post(
            body="Note interne", subtype_xmlid="mail.mt_note"
        )
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/mail/message/reaction",
                {
                    "message_id": note.id,
                    "content": "👍",
                    "action": "add",
                    "token": self.token,
                },
            )
        self.assertFalse(note.reaction_ids)

    def test_rpc_post_is_a_comment(self):
        """A portal account posting by RPC files a comment, never a note."""
        helene, _marc = self._create_portal_users("chatter")
        ticket = self.request.with_user(helene)
        with self.assertRaises(AccessError):
            ticket.message_post(
                body="Note", message_type="comment", subtype_xmlid="mail.mt_note"
            )
        message = ticket.message_post(body="Merci", message_type="comment")
        self.assertEqual(message.sudo().subtype_id, self.env.ref("mail.mt_comment"))
