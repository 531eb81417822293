# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pure checks of what citizens type in a démarche's form: checksums of
identifiers, numbers and dates as people write them in France. No message
here: the form engine (``grc.form.engine``) words and translates them."""

import datetime
import re

import phonenumbers

_SPACES = re.compile(r"[\s.\-]+")
# The postal code in a French address: 5 digits, on its own.
POSTAL_CODE = re.compile(r"(?<!\d)\d{5}(?!\d)")
# SIREN of La Poste: its establishments are numbered beyond what Luhn allows.
LA_POSTE_SIREN = "356000000"


def compact(value):
    """The value without spaces, dots or hyphens, upper-case."""
    return _SPACES.sub("", value or "").upper()


def luhn_valid(digits):
    """Luhn checksum of a string of digits."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def siret_valid(value):
    """A SIRET: 14 digits, Luhn checksum (La Poste's: sum of digits % 5)."""
    siret = compact(value)
    if not (len(siret) == 14 and siret.isdigit()):
        return False
    if siret.startswith(LA_POSTE_SIREN) and not luhn_valid(siret):
        return sum(int(char) for char in siret) % 5 == 0
    return luhn_valid(siret)


def iban_valid(value):
    """An IBAN: country, check digits and account, ISO 13616 mod 97 == 1."""
    iban = compact(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def format_iban(value):
    iban = compact(value)
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def parse_number(value):
    """A number as typed in France ("12,5", "1 200"), or None."""
    text = (value or "").strip().replace("\u202f", "").replace(" ", "")
    text = text.replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
        return None
    return float(text)


def format_number(number):
    """A number as French people read it: "12", "12,5"."""
    return f"{number:g}".replace(".", ",")


def parse_date(value):
    """A date from a date input (YYYY-MM-DD) or typed (DD/MM/YYYY), or None."""
    text = (value or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_phone(value, region="FR"):
    """The phone number in E.164, or None when it is not a valid number."""
    try:
        number = phonenumbers.parse(value or "", region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
