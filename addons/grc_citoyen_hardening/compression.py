# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Gzip the text Odoo's own HTTP server sends (``make run``).

Odoo serves its asset bundles, pages and JSON uncompressed: a first portal
visit weighs about 3 MB. The production deployment compresses in its reverse
proxy (config/nginx); the server started by ``make run`` is reached directly,
so this wrapper of Odoo's WSGI application compresses there.

A response is compressed when all of these hold:

- the request is not ``HEAD`` and its ``Accept-Encoding`` allows gzip;
- the answer is a ``200`` with no ``Content-Encoding`` and no
  ``Cache-Control: no-transform``;
- its type is text (``text/*``, JavaScript, JSON, XML, SVG, web manifest);
- its body is between ``MIN_SIZE`` and ``MAX_SIZE``: larger or unsized
  answers past the cap are passed on as they come, never held in memory.

Then ``Content-Encoding: gzip`` is set, ``Content-Length`` is the compressed
length, ``Accept-Ranges`` is dropped (ranges would count the compressed
bytes) and a strong ``ETag`` becomes weak (``W/``): the compressed bytes
differ from the identity ones, and Odoo (werkzeug) compares ``If-None-Match``
weakly, so 304 revalidation keeps working. ``Vary: Accept-Encoding`` is added
to every answer that could be compressed, compressed or not, so that no
cache serves one variant for the other. A body with a strong ETag (asset
bundles, files) is compressed once per process and kept (``CACHE_SIZE``).
Everything else (304, redirects, files and downloads of other types) passes
through untouched.

Odoo option ``grc_gzip`` (default on): behind a reverse proxy that
compresses, set ``grc_gzip = False`` so the workers spend no CPU on it
(config/odoo.docker.conf does). Installed by the addon's ``post_load``, like
availability.py.
"""

import gzip
import threading
from collections import OrderedDict

from werkzeug.http import parse_accept_header

from odoo import http
from odoo.tools import config

OPTION = "grc_gzip"
# Below this, the gzip header and the CPU are not worth it (nginx's figure).
MIN_SIZE = 1024
# Above this, an answer is passed on as it comes, never held in memory.
MAX_SIZE = 10 * 1024 * 1024
# nginx's gzip_comp_level of config/nginx: most of the gain, a fraction of
# the CPU of level 9.
LEVEL = 5
COMPRESSIBLE_TYPES = {
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
    "text/javascript",
}
OFF_VALUES = {"0", "false", "no", "off", "none", ""}
# Compressed bodies kept per process, by path and strong ETag (an asset
# bundle is compressed once, not at every first visit): least recently used
# dropped past this many bytes.
CACHE_SIZE = 32 * 1024 * 1024


class _Cache:
    """Compressed bodies by (path, strong ETag): the ETag names the bytes."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.size = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value):
        if len(value) > self.capacity:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = value
            self.size += len(value)
            while self.size > self.capacity:
                __, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped)


_cache = _Cache(CACHE_SIZE)


def enabled():
    """Whether the ``grc_gzip`` option (default on) allows compressing."""
    value = config.get(OPTION, True)
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() not in OFF_VALUES


def _accepts_gzip(environ):
    accept = parse_accept_header(environ.get("HTTP_ACCEPT_ENCODING") or "")
    return accept["gzip"] > 0


def _header(headers, name):
    name = name.lower()
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def _compressible(status, headers):
    """Whether an answer of this status and these headers may be gzipped."""
    if not status.startswith("200"):
        return False
    if _header(headers, "Content-Encoding"):
        return False
    if "no-transform" in (_header(headers, "Cache-Control") or "").lower():
        return False
    mimetype = (_header(headers, "Content-Type") or "").split(";", 1)[0]
    mimetype = mimetype.strip().lower()
    if not (mimetype.startswith("text/") or mimetype in COMPRESSIBLE_TYPES):
        return False
    if mimetype == "text/event-stream":
        # A stream of events is sent as it comes, never held.
        return False
    length = _header(headers, "Content-Length")
    if length is not None:
        try:
            if not MIN_SIZE <= int(length) <= MAX_SIZE:
                return False
        except ValueError:
            return False
    return True


def _with_vary(headers):
    vary = _header(headers, "Vary")
    if vary is None:
        return headers + [("Vary", "Accept-Encoding")]
    values = {value.strip().lower() for value in vary.split(",")}
    if "accept-encoding" in values or "*" in values:
        return headers
    return [
        (key, f"{value}, Accept-Encoding" if key.lower() == "vary" else value)
        for key, value in headers
    ]


def _compressed_headers(headers, length):
    result = []
    for key, value in _with_vary(headers):
        lower = key.lower()
        if lower in ("content-length", "accept-ranges"):
            continue
        if lower == "etag" and not value.startswith("W/"):
            value = f"W/{value}"
        result.append((key, value))
    result.append(("Content-Encoding", "gzip"))
    result.append(("Content-Length", str(length)))
    return result


def _close(body):
    if hasattr(body, "close"):
        body.close()


def _passed_on(start_response, status, headers, chunks, rest, body):
    """Send what was read and the rest as they come, uncompressed."""
    start_response(status, headers)
    try:
        yield from chunks
        yield from rest
    finally:
        _close(body)


def _call(original):
    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "HEAD" or not enabled():
            return original(self, environ, start_response)
        gzip_ok = _accepts_gzip(environ)
        state = {}
        chunks = []

        def held_start_response(status, headers, exc_info=None):
            # Decided when Odoo answers; an answer started only while its
            # body is read (plain WSGI, never Odoo's) passes through.
            if exc_info or "returned" in state or not _compressible(status, headers):
                state.pop("held", None)
                if exc_info:
                    return start_response(status, headers, exc_info)
                return start_response(status, headers)
            headers = _with_vary(list(headers))
            if not gzip_ok:
                return start_response(status, headers)
            state["held"] = (status, headers)
            return chunks.append

        body = original(self, environ, held_start_response)
        state["returned"] = True
        if "held" not in state:
            return body
        status, headers = state["held"]
        size = sum(len(chunk) for chunk in chunks)
        iterator = iter(body)
        try:
            for chunk in iterator:
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_SIZE:
                    # An unsized download past the cap: no buffering.
                    return _passed_on(
                        start_response, status, headers, chunks, iterator, body
                    )
        except BaseException:
            _close(body)
            raise
        _close(body)
        data = b"".join(chunks)
        if size < MIN_SIZE:
            start_response(status, headers)
            return [data]
        etag = _header(headers, "ETag")
        key = None
        if etag and not etag.startswith("W/"):
            path = (environ.get("PATH_INFO"), environ.get("QUERY_STRING"))
            key = (path, etag, len(data))
        compressed = _cache.get(key) if key else None
        if compressed is None:
            compressed = gzip.compress(data, compresslevel=LEVEL, mtime=0)
            if key:
                _cache.put(key, compressed)
        start_response(status, _compressed_headers(headers, len(compressed)))
        return [compressed]

    __call__.grc_gzip_compressed = True
    return __call__


def install():
    """Wrap Odoo's WSGI application once per process."""
    application = http.Application
    if not getattr(application.__call__, "grc_gzip_compressed", False):
        application.__call__ = _call(application.__call__)
