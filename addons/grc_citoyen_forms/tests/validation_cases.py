# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One table of answers to the terrace permit's form, valid and not, run
through every channel that files démarches: the portal (here), the mobile
app's API (``grc_citoyen_forms_api``) and the front-desk console
(``grc_citoyen_forms_frontdesk``). Each channel must give, for each answer,
the form engine's verdict with the same message, word for word.

A case may say how a channel sends the answer (the API's JSON types, the
console's typed properties) or that the channel cannot send it at all (the
console cannot type a word in a number or pick a choice the form does not
offer): ``SKIP``."""

import datetime
from collections import namedtuple

from .common import IBAN_BAD, IBAN_OK, PDF, SIRET_BAD, SIRET_OK

SAME = object()
SKIP = object()

Case = namedtuple("Case", "key typed expected context api desk")


def case(key, typed, expected=None, context=None, api=SAME, desk=SAME):
    """``typed``: the answer as typed on the portal; ``expected``: a part of
    the error message, or None for a valid answer; ``context``: the other
    answers it needs (a condition)."""
    return Case(key, typed, expected, context or {}, api, desk)


TODAY = datetime.date.today()
FUTURE = (TODAY + datetime.timedelta(days=10)).isoformat()

VALIDATION_CASES = [
    # Short and long text: required, length.
    case("etab", "Café du Port"),
    case("etab", "", "this answer is required", desk=False),
    case("etab", "x" * 257, "256 characters at most"),
    case("remarques", "x" * 10000),
    case("remarques", "x" * 10001, "10000 characters at most"),
    # Number: bounds (1 to 40), whole number, not a number.
    case("tables", "1", api=1, desk=1),
    case("tables", "40", api=40, desk=40),
    case("tables", "0", "the number must be at least 1", api=0, desk=0),
    case("tables", "41", "the number must be at most 40", api=41, desk=41),
    case("tables", "2,5", "give a whole number", api=2.5, desk=SKIP),
    case("tables", "six", "give a number", desk=SKIP),
    case("tables", "", "this answer is required", desk=False),
    # Date: in the future; bounds (a date of 2030).
    case("debut", FUTURE),
    case("debut", TODAY.isoformat(), "the date must be in the future"),
    case("debut", "31/02/2030", "give a date as DD/MM/YYYY", desk=SKIP),
    case("fin", "2030-01-01"),
    case("fin", "2030-12-31"),
    case("fin", "2029-12-31", "the date must be on or after 01/01/2030"),
    case("fin", "2031-01-01", "the date must be on or before 31/12/2030"),
    # Single and multiple choice.
    case("periode", "Année entière"),
    case("periode", "Hiver", "choose one of the proposed answers", desk=SKIP),
    case("periode", "", "this answer is required", desk=False),
    case("mobilier", ["Tables", "Parasols"]),
    case("mobilier", ["Tables", "Bar"], "choose among the proposed answers", desk=SKIP),
    # Yes / no, and the question it shows: required when shown, ignored
    # (even invalid) when hidden.
    case("chauffage", "yes", context={"type_chauffage": "Gaz"}, api=True),
    case("chauffage", "peut-être", "answer yes or no", desk=SKIP),
    case("type_chauffage", "", "this answer is required", {"chauffage": "yes"}),
    case("type_chauffage", "Électrique", None, {"chauffage": "yes"}),
    case("type_chauffage", "x" * 300, None, {"chauffage": "no"}),
    # E-mail, phone, address.
    case("courriel", "Gerant@Example.fr"),
    case("courriel", "gerant@exemple", "give a valid e-mail address"),
    case("tel", "+33 1 23 45 67 89"),
    case("tel", "06 12", "give a valid phone number"),
    case("adresse", "12 rue des Lilas 69003 Lyon"),
    case("adresse", "12 rue des Lilas Lyon", "give the full address"),
    # SIRET (Luhn) and IBAN (mod 97).
    case("siret", "732 829 320 00074"),
    case("siret", SIRET_OK),
    case("siret", SIRET_BAD, "a SIRET number has 14 digits"),
    case("siret", "1234", "a SIRET number has 14 digits"),
    case("iban", IBAN_OK),
    case("iban", IBAN_BAD, "this IBAN is not valid"),
    # File: the portal's upload policy (the type read from the content).
    case("plan", ("plan.pdf", PDF, "application/pdf")),
    case("plan", ("plan.exe", b"MZ\x90\x00", "application/pdf"), "not accepted"),
]
# Questions answered with a file (name, content, mimetype), not a text.
FILE_KEYS = ("plan",)


def channel_value(test_case, channel):
    """The answer as ``channel`` sends it, or SKIP."""
    value = getattr(test_case, channel) if channel in ("api", "desk") else SAME
    return test_case.typed if value is SAME else value


def validation_rounds(channel):
    """The cases ``channel`` can send, in rounds: in a round each question
    is answered once (its case or the context of another)."""
    rounds = []
    for test_case in VALIDATION_CASES:
        if channel_value(test_case, channel) is SKIP:
            continue
        keys = {test_case.key, *test_case.context}
        for entry in rounds:
            if not keys & entry[0]:
                break
        else:
            entry = (set(), [])
            rounds.append(entry)
        entry[0].update(keys)
        entry[1].append(test_case)
    return [cases for _keys, cases in rounds]


class FormValidationTable:
    """Mixin of a test case of ``GrcFormsCommon``: the table through one
    channel."""

    @classmethod
    def _add_validation_table_questions(cls):
        """A date between two bounds, for the table's bound cases."""
        cls.q_end = cls.env["grc.form.question"].create(
            {
                "request_type_id": cls.type_terrace.id,
                "sequence": 500,
                "kind": "date",
                "name": "Date de fin",
                "key": "fin",
                "date_min": "2030-01-01",
                "date_max": "2030-12-31",
            }
        )

    def _run_validation_table(self, channel, base_answers, submit):
        """Send each round's answers through ``submit`` (answers as
        ``channel`` sends them -> {key: message}) and compare each case's
        verdict with the engine's, on the answers as typed."""
        definition = self.type_terrace._grc_form_definition()
        engine = self.env["grc.form.engine"]
        rounds = validation_rounds(channel)
        self.assertGreater(len(rounds), 1)
        checked = 0
        for cases in rounds:
            typed = self._answers()
            sent = dict(base_answers)
            for test_case in cases:
                typed.update(test_case.context)
                typed[test_case.key] = test_case.typed
                sent.update(test_case.context)
                sent[test_case.key] = channel_value(test_case, channel)
            files = {key: [typed.pop(key)] for key in FILE_KEYS if key in typed}
            reference, _cleaned = engine._grc_form_check(definition, typed, files)
            got = submit(sent)
            for test_case in cases:
                message = reference.get("q_" + test_case.key)
                with self.subTest(
                    channel=channel, key=test_case.key, typed=test_case.typed
                ):
                    if test_case.expected:
                        self.assertIn(test_case.expected, message or "")
                    else:
                        self.assertIsNone(message)
                    self.assertEqual(got.get(test_case.key), message)
                checked += 1
        return checked
