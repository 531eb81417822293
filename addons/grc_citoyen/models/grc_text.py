# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Text typed by citizens and visitors, cleaned the same way everywhere
(helpdesk.ticket._grc_clean_text and _grc_clean_person_name, res.partner)."""

import re

CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
# Bidirectional controls (right-to-left override...): they make a name or a
# subject read otherwise than it is written ("gnp.exe" shown as "exe.png").
BIDI_CHARS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A person's name as people write it: letters, spaces, hyphens, apostrophes.
NAME_NOT_ALLOWED = re.compile(r"[^\w\s'\u2019-]|[\d_]")
NAME_MAX_LENGTH = 64
# "evil.example", "www.x": a domain name inside a word.
DOTTED_WORD = re.compile(r"\w\.\w")


def grc_strip_bidi(value):
    """``value`` without bidirectional controls; non-strings are returned as is."""
    return BIDI_CHARS.sub("", value) if isinstance(value, str) else value


# Record ids are PostgreSQL integers.
MAX_ID = 2**31 - 1


def grc_parse_id(value):
    """The record id a form sent as text, or 0 when it is not one (not a
    number, negative, or beyond what the database can hold)."""
    try:
        record_id = int(str(value or 0).strip())
    except ValueError:
        return 0
    return record_id if 0 < record_id <= MAX_ID else 0
