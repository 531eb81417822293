# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pure functions that make what people type comparable: words of a text,
postal codes, e-mail addresses. One definition for the dedup of citizens,
the routing rules, the districts and the similarity of requests: a word, a
code or an address means the same thing to all of them."""

import html
import re
import unicodedata

# Characters NFKD does not decompose but people write both ways.
LIGATURES = str.maketrans(
    {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"}
)
_WORD = re.compile(r"[^\W_]+")
_HTML_TAG = re.compile(r"<[^>]*>")
# One address; the domain needs a dot: a citizen's mailbox is never on a
# local host.
EMAIL_RE = re.compile(
    r"^[^@\s<>,;:\"()\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$"
)
# "Name <address>", as mail clients write it.
NAMED_EMAIL_RE = re.compile(r"^[^<>@]*<\s*([^<>\s]+)\s*>$")


def words(text):
    """Lower-case words without accents nor punctuation:
    "Éclairage  PUBLIC, cœur !" -> ["eclairage", "public", "coeur"]."""
    if not text:
        return []
    text = unicodedata.normalize("NFKD", text.casefold().translate(LIGATURES))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _WORD.findall(text)


def normalize_text(text):
    """The words of ``text`` separated by single spaces."""
    return " ".join(words(text))


def normalize_zip(value):
    """A postal or INSEE code without spaces, upper-case (Corsica: 2A, 2B)."""
    return re.sub(r"\s+", "", value or "").upper()


def normalize_email(value):
    """The address of ``value`` ("Name <address>" or a bare address),
    stripped and lower-cased; "" when empty, None when it is not exactly one
    valid address."""
    text = (value or "").strip()
    if not text:
        return ""
    named = NAMED_EMAIL_RE.match(text)
    address = named.group(1) if named else text
    return address.lower() if EMAIL_RE.match(address) else None


def html_to_text(value):
    """Plain text of an HTML field, cheap enough to run on every request."""
    if not value:
        return ""
    return html.unescape(_HTML_TAG.sub(" ", str(value)))


def split_list(value):
    """Items of a comma- (or semicolon-, or line-) separated list."""
    return [item.strip() for item in re.split(r"[,;\n]", value or "") if item.strip()]
