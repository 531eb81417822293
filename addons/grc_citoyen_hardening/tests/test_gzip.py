# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's own server gzips text when the client allows it (compression.py):
same bytes once decompressed, honest headers, 304 revalidation kept."""

import gzip
import re
from unittest.mock import patch

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import config

from odoo.addons.grc_citoyen_hardening import compression

GZIP = {"Accept-Encoding": "gzip"}
IDENTITY = {"Accept-Encoding": "identity"}


@tagged("post_install", "-at_install")
class TestGzipServed(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(cls.env, login="grc_gzip_citizen", groups="base.group_portal")

    def _get(self, path, headers, **kwargs):
        """The answer and its body as sent on the wire (not decoded)."""
        response = self.opener.get(
            self.base_url() + path, headers=headers, stream=True, timeout=60, **kwargs
        )
        raw = response.raw.read(decode_content=False)
        response.close()
        return response, raw

    def _assert_gzipped(self, path, content_type):
        plain, plain_body = self._get(path, IDENTITY)
        packed, packed_body = self._get(path, GZIP)
        for response in (plain, packed):
            self.assertEqual(response.status_code, 200, path)
            self.assertIn(content_type, response.headers["Content-Type"])
            self.assertIn("Accept-Encoding", response.headers["Vary"])
        self.assertNotIn("Content-Encoding", plain.headers)
        self.assertEqual(packed.headers["Content-Encoding"], "gzip")
        self.assertEqual(int(packed.headers["Content-Length"]), len(packed_body))
        self.assertNotIn("Accept-Ranges", packed.headers)
        self.assertLess(len(packed_body), len(plain_body) / 2)
        return plain, plain_body, packed, gzip.decompress(packed_body)

    def test_asset_bundle_and_revalidation(self):
        page = self.url_open("/web/login").text
        match = re.search(r'src="(/web/assets/[^"]+\.js)"', page)
        self.assertTrue(match, "no JavaScript bundle on the login page")
        path = match.group(1)
        plain, plain_body, packed, unpacked = self._assert_gzipped(path, "javascript")
        self.assertEqual(unpacked, plain_body)
        self.assertEqual(int(plain.headers["Content-Length"]), len(plain_body))
        # The identity answer keeps its strong ETag; the gzipped one is weak.
        etag = plain.headers["ETag"]
        self.assertFalse(etag.startswith("W/"))
        self.assertEqual(packed.headers["ETag"], f"W/{etag}")
        for validator in (packed.headers["ETag"], etag):
            cached, body = self._get(path, {**GZIP, "If-None-Match": validator})
            self.assertEqual(cached.status_code, 304, validator)
            self.assertNotIn("Content-Encoding", cached.headers)
            self.assertEqual(body, b"")
        # HEAD: untouched.
        head = self.opener.head(self.base_url() + path, headers=GZIP)
        self.assertEqual(head.status_code, 200)
        self.assertNotIn("Content-Encoding", head.headers)

    def test_portal_page(self):
        self.authenticate("grc_gzip_citizen", "grc_gzip_citizen")
        __, plain_body, __, unpacked = self._assert_gzipped("/my/home", "text/html")
        # The page carries a fresh CSRF token each time: compare the rest.
        token = re.compile(rb'csrf_token: "[^"]*"|name="csrf_token" value="[^"]*"')
        self.assertEqual(token.sub(b"", unpacked), token.sub(b"", plain_body))
        self.assertIn(b"grc_gzip_citizen", unpacked)

    def test_option_off(self):
        with patch.dict(config.options, {compression.OPTION: False}):
            response, body = self._get("/web/login", GZIP)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Content-Encoding", response.headers)
        self.assertIn(b"<html", body)


class TestGzipWrapper(TransactionCase):
    """The wrapper on answers the pages above do not show (no HTTP)."""

    def _serve(self, status, headers, chunks, environ=()):
        class Application:
            def __call__(self, environ, start_response):
                start_response(status, headers)
                return iter(chunks)

        Application.__call__ = compression._call(Application.__call__)
        started = []
        environ = {
            "REQUEST_METHOD": "GET",
            "HTTP_ACCEPT_ENCODING": "gzip",
            **dict(environ),
        }
        body = Application()(
            environ,
            lambda status, headers: started.append((status, dict(headers))),
        )
        data = b"".join(body)
        return started[0], data

    def test_not_compressed(self):
        big = b"x" * 4096
        cases = {
            "image": ("200 OK", [("Content-Type", "image/png")]),
            "zip download": ("200 OK", [("Content-Type", "application/zip")]),
            "event stream": ("200 OK", [("Content-Type", "text/event-stream")]),
            "already encoded": (
                "200 OK",
                [("Content-Type", "text/css"), ("Content-Encoding", "br")],
            ),
            "no-transform": (
                "200 OK",
                [("Content-Type", "text/css"), ("Cache-Control", "no-transform")],
            ),
            "not found": ("404 NOT FOUND", [("Content-Type", "text/html")]),
            "too small": (
                "200 OK",
                [("Content-Type", "text/html"), ("Content-Length", "10")],
            ),
        }
        for name, (status, headers) in cases.items():
            with self.subTest(name):
                (sent_status, sent), data = self._serve(status, headers, [big])
                self.assertEqual(sent_status, status)
                expected = "br" if name == "already encoded" else None
                self.assertEqual(sent.get("Content-Encoding"), expected)
                self.assertEqual(data, big)
        with self.subTest("client without gzip"):
            (__, sent), data = self._serve(
                "200 OK",
                [("Content-Type", "text/css")],
                [big],
                {"HTTP_ACCEPT_ENCODING": "gzip;q=0, br"},
            )
            self.assertNotIn("Content-Encoding", sent)
            self.assertEqual(sent["Vary"], "Accept-Encoding")
            self.assertEqual(data, big)

    def test_unsized_stream_past_the_cap_passes_through(self):
        chunk = b"y" * (1024 * 1024)
        count = compression.MAX_SIZE // len(chunk) + 2
        (__, sent), data = self._serve(
            "200 OK", [("Content-Type", "text/csv")], [chunk] * count
        )
        self.assertNotIn("Content-Encoding", sent)
        self.assertEqual(len(data), len(chunk) * count)

    def test_unsized_text_compressed(self):
        chunks = [b"line of text\n"] * 500
        (__, sent), data = self._serve(
            "200 OK",
            [("Content-Type", "application/json"), ("Vary", "Cookie")],
            chunks,
        )
        self.assertEqual(sent["Content-Encoding"], "gzip")
        self.assertEqual(sent["Vary"], "Cookie, Accept-Encoding")
        self.assertEqual(int(sent["Content-Length"]), len(data))
        self.assertEqual(gzip.decompress(data), b"".join(chunks))

    def test_body_with_strong_etag_compressed_once(self):
        chunks = [b"const a = 1;\n"] * 500
        headers = [("Content-Type", "text/javascript"), ("ETag", '"grc-gzip-once"')]
        with patch.object(compression, "_cache", compression._Cache(1 << 20)):
            with patch.object(
                compression.gzip, "compress", wraps=gzip.compress
            ) as compress:
                first = self._serve("200 OK", headers, chunks)
                second = self._serve("200 OK", headers, chunks)
        self.assertEqual(compress.call_count, 1)
        self.assertEqual(first, second)
        self.assertEqual(first[0][1]["ETag"], 'W/"grc-gzip-once"')
        self.assertEqual(gzip.decompress(first[1]), b"".join(chunks))
