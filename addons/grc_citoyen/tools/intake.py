# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every intake path shares: the error type carrying per-field messages,
the upload policy and the idempotency helper. Pure functions: the limits and
the messages come from the caller (models keep the settings and translations).
"""

import io
import logging
import os
import re
import threading
import zipfile
from typing import NamedTuple

import psycopg2

from odoo.exceptions import ValidationError
from odoo.tools.mimetypes import guess_mimetype

# What citizens may upload, by extension -> MIME types read from the content.
ALLOWED_ATTACHMENT_TYPES = {
    "pdf": {"application/pdf"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "heic": {"image/heic", "image/heif"},
    "heif": {"image/heic", "image/heif"},
    "webp": {"image/webp"},
    "odt": {"application/vnd.oasis.opendocument.text"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
}
HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
# Office documents are zip archives; these entries hold macros (VBA in
# Word, Basic and scripts in OpenDocument), which citizens never need to send.
MACRO_ENTRIES = re.compile(r"(^|/)vbaProject\.bin$|^Basic/|^Scripts/", re.IGNORECASE)
# The message of the serialization failure find_or_create raises for the
# twin of a submission committed after this transaction's snapshot.
CONCURRENT_SUBMISSION = "concurrent submission with the same key"
# Per thread: the unique indexes whose violation find_or_create is handling.
_handled = threading.local()


class _HandledUniqueViolation(logging.Filter):
    """Drops the "bad query" ERROR that ``odoo.sql_db`` logs for the unique
    violation find_or_create is handling in this thread (the twin of a
    submission: answered with the first's record, no error). Installed once;
    every other query's error is logged as ever."""

    def filter(self, record):
        constraints = getattr(_handled, "constraints", None)
        if not constraints or not isinstance(record.args, tuple) or not record.args:
            return True
        error = record.args[-1]
        return not (
            isinstance(error, psycopg2.errors.UniqueViolation)
            and error.diag.constraint_name in constraints
        )


logging.getLogger("odoo.sql_db").addFilter(_HandledUniqueViolation())


class GrcIntakeError(ValidationError):
    """Values refused by the intake: ``errors`` maps each field to its
    (translated) message, so that a form or the API shows each message next
    to its field; the text of the error joins them."""

    def __init__(self, errors):
        self.errors = dict(errors)
        super().__init__("\n".join(self.errors.values()))


class GrcUpload(NamedTuple):
    """An uploaded file once screened: its content type is the one read from
    its bytes (never the one the sender claimed), ``error`` the reason it is
    refused (None when accepted)."""

    name: str
    data: bytes
    mimetype: str
    error: str | None = None


def sniff_mimetype(data):
    """MIME type read from the content (magic bytes), never from the name."""
    # HEIC (iPhone photos) is an ISO-BMFF file that Odoo's guesser ignores.
    if data[4:8] == b"ftyp" and data[8:12] in HEIC_BRANDS:
        return "image/heic"
    return guess_mimetype(data, default="application/octet-stream")


def has_macros(data):
    """Whether an office document (a zip archive) carries macros."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return True  # an office document that is no zip is no document
    return any(MACRO_ENTRIES.search(name) for name in names)


def screen_upload(name, data, max_size, too_big, not_accepted):
    """Screen one file: extension, content type read from the bytes, macros
    and size. ``too_big`` and ``not_accepted`` build the messages.

    A file already screened (a ``GrcUpload``) is not read again.
    """
    if isinstance(data, GrcUpload):
        return data
    data = data or b""
    if isinstance(data, str):
        data = data.encode()
    mimetype = sniff_mimetype(data) if data else "application/octet-stream"
    extension = os.path.splitext(name or "")[1].lower().lstrip(".")
    error = None
    if len(data) > max_size:
        error = too_big(name)
    elif (
        not data
        or extension not in ALLOWED_ATTACHMENT_TYPES
        or mimetype not in ALLOWED_ATTACHMENT_TYPES[extension]
        or has_macros(data)
    ):
        error = not_accepted(name)
    return GrcUpload(name, data, mimetype, error)


def find_or_create(find, create, constraint):
    """The idempotency helper of every intake: the record ``find()`` returns
    (the one filed with the submission's key) or a new one made by
    ``create()``, in a savepoint.

    Return ``(record, replayed)``. Two concurrent submissions with the same
    key: the unique index ``constraint`` stops the second, which returns the
    first's record, or, committed after its snapshot, is retried whole by
    Odoo (``odoo.service.model.retrying``, serialization failure) and then
    finds it: the second caller gets the first's answer, as a replay would.
    The twin's unique violation is handled, not an error: ``odoo.sql_db``
    does not log it (``_HandledUniqueViolation``).
    """
    existing = find()
    if existing:
        return existing, True
    handled = getattr(_handled, "constraints", frozenset())
    _handled.constraints = handled | {constraint}
    try:
        with existing.env.cr.savepoint():
            record = create()  # the savepoint flushes it
    except psycopg2.errors.UniqueViolation as exc:
        if exc.diag.constraint_name != constraint:
            raise
        existing = find()
        if existing:
            return existing, True
        raise serialization_failure(existing.env.cr) from exc
    finally:
        _handled.constraints = handled
    return record, False


def is_concurrent_submission(error):
    """Whether ``error`` is the serialization failure find_or_create raised
    for a submission whose twin was committed after this transaction began
    (the twin exists: a new transaction finds it)."""
    return (
        isinstance(error, psycopg2.errors.SerializationFailure)
        and error.diag.message_primary == CONCURRENT_SUBMISSION
    )


def serialization_failure(cr):
    """A serialization failure raised by the database itself, to be raised
    by the caller: the twin of a submission was committed after this
    transaction's snapshot, which cannot see it; only a new transaction can.

    Odoo retries a transaction on the error codes it knows
    (``PG_CONCURRENCY_ERRORS_TO_RETRY``) and reads the code of the error to
    log it: an error built in Python carries no code (``pgcode`` None,
    ``KeyError`` in Odoo's retry loop, HTTP 500). The error is raised in a
    savepoint, rolled back: the transaction stays usable until the retry.
    """
    try:
        with cr.savepoint(flush=False):
            cr.execute(
                """DO $$BEGIN RAISE EXCEPTION USING
                       ERRCODE = 'serialization_failure',
                       MESSAGE = %s;
                   END$$""",
                [CONCURRENT_SUBMISSION],
                log_exceptions=False,
            )
    except psycopg2.errors.SerializationFailure as error:
        return error
    raise RuntimeError("the database did not raise the serialization failure")
