# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from collections import defaultdict

import phonenumbers

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.phone_validation.tools import phone_validation

from ..tools import normalize

E164_RE = re.compile(r"^\+[1-9]\d{5,14}$")
LETTERS_RE = re.compile(r"[^\W\d_]")
# Abbreviations of French street types, so "12 av. Jean Jaurès" and
# "12 avenue Jean-Jaures" are the same address.
STREET_WORDS = {
    "all": "allee",
    "av": "avenue",
    "ave": "avenue",
    "bd": "boulevard",
    "bld": "boulevard",
    "blvd": "boulevard",
    "ch": "chemin",
    "che": "chemin",
    "chem": "chemin",
    "crs": "cours",
    "fbg": "faubourg",
    "imp": "impasse",
    "pl": "place",
    "qu": "quai",
    "r": "rue",
    "rte": "route",
    "sq": "square",
    "st": "saint",
    "ste": "sainte",
}
# Strongest criterion first: the order in which _find_citizen prefers a match.
# What the matching rules read of a citizen, fetched with the search.
MATCH_FIELDS = [
    "is_citizen",
    "country_id",
    "name",
    "email_normalized",
    "phone",
    "mobile",
    "grc_name_key",
    "street",
    "grc_street_key",
    "zip",
    "birthdate",
]
MATCH_RANK = {"email": 0, "phone": 1, "name_address": 2, "name_birthdate": 3}


class GrcCitizenDedup(models.AbstractModel):
    """Finds the citizen a contact belongs to, and the citizens recorded twice.

    Criteria, strongest first: the e-mail (lower-case), a phone or mobile number
    (E.164), the name (accents, case and word order ignored) with the same street
    and postal code, the name with the same date of birth. A weaker criterion never
    wins against contradicting data: two different known e-mails, or two different
    known dates of birth (a father and son of the same name at the same address),
    mean two people. Merging two people would show one citizen's requests to the
    other, a duplicate only costs a merge.
    """

    _name = "grc.citizen.dedup"
    _description = "Citizen deduplication engine"

    DEFAULT_REGION = "FR"

    # ------------------------------------------------------------------
    # Normalisation (pure helpers, also used by res.partner on create/write)
    # ------------------------------------------------------------------

    @api.model
    def _field_label(self, fname):
        field = self.env["res.partner"]._fields.get(fname)
        return field._description_string(self.env) if field else fname

    @api.model
    def _normalize_email(self, value, fname="email", raise_exception=True):
        """Return the e-mail address stripped and lower-cased, False when empty.

        "Name <address>" keeps only the address. Anything else than one valid
        address raises a ValidationError naming the field, or returns False when
        ``raise_exception`` is False.
        """
        address = normalize.normalize_email(value)
        if address is not None:
            return address or False
        if not raise_exception:
            return False
        raise ValidationError(
            self.env._(
                '%(field)s: "%(value)s" is not a valid e-mail address '
                "(expected one address such as name@example.fr).",
                field=self._field_label(fname),
                value=value,
            )
        )

    @api.model
    def _normalize_phone(
        self, value, country_code=None, fname="phone", raise_exception=True
    ):
        """Return the number in E.164 (+33612345678), False when empty.

        A number without country prefix is read in ``country_code`` (France by
        default). Letters, missing or extra digits, an unknown prefix raise a
        ValidationError naming the field and the value, or return False when
        ``raise_exception`` is False.
        """
        if not value or not value.strip():
            return False
        reason = False
        if LETTERS_RE.search(value):
            # phonenumbers would read "06 CALL ME" as a keypad number.
            reason = self.env._("it contains letters")
        else:
            try:
                number = phone_validation.phone_parse(
                    value.strip(), (country_code or self.DEFAULT_REGION).upper()
                )
            except UserError as error:
                reason = str(error.args[0]) if error.args else str(error)
            else:
                return phonenumbers.format_number(
                    number, phonenumbers.PhoneNumberFormat.E164
                )
        if not raise_exception:
            return False
        raise ValidationError(
            self.env._(
                '%(field)s: "%(value)s" is not a valid phone number (%(reason)s). '
                "A number from abroad needs its country prefix, "
                "e.g. +32 470 12 34 56.",
                field=self._field_label(fname),
                value=value,
                reason=reason,
            )
        )

    @api.model
    def _normalize_words(self, value):
        """Lower-case words without accents nor punctuation."""
        return normalize.words(value)

    @api.model
    def _normalize_name(self, value):
        """Key of a person's name: "Núñez Hélène" and "HELENE NUNEZ" share it."""
        words = self._normalize_words(value)
        return " ".join(sorted(words)) or False

    @api.model
    def _normalize_street(self, value):
        """Key of a street line: "12, av. Jean-Jaurès" = "12 avenue Jean Jaures"."""
        words = [STREET_WORDS.get(word, word) for word in self._normalize_words(value)]
        return " ".join(words) or False

    @api.model
    def _normalize_zip(self, value):
        return normalize.normalize_zip(value) or False

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------

    @api.model
    def _citizen_keys(self, values):
        """Comparable keys of a citizen given as a dict of res.partner values
        (raw, as typed) or as a res.partner record (already normalised)."""
        if isinstance(values, models.BaseModel):
            partner = values
            # Stored citizens hold E.164 already; a form being typed may not.
            phones = {
                number
                if E164_RE.match(number)
                else self._normalize_phone(
                    number, partner.country_id.code, raise_exception=False
                )
                for number in (partner.phone, partner.mobile)
                if number
            }
            return {
                "email": partner.email_normalized or False,
                "phones": phones - {False},
                "name": partner.grc_name_key or self._normalize_name(partner.name),
                "street": partner.grc_street_key
                or self._normalize_street(partner.street),
                "zip": self._normalize_zip(partner.zip),
                "birthdate": partner.birthdate or False,
            }
        country_code = values.get("country_code")
        if not country_code and values.get("country_id"):
            country_code = self.env["res.country"].browse(values["country_id"]).code
        phones = {
            self._normalize_phone(
                values.get(fname), country_code, fname, raise_exception=False
            )
            for fname in ("phone", "mobile")
        }
        return {
            "email": self._normalize_email(values.get("email"), raise_exception=False),
            "phones": phones - {False},
            "name": self._normalize_name(values.get("name")),
            "street": self._normalize_street(values.get("street")),
            "zip": self._normalize_zip(values.get("zip")),
            "birthdate": self._normalize_birthdate(values.get("birthdate")),
        }

    @api.model
    def _normalize_birthdate(self, value):
        try:
            return fields.Date.to_date(value) or False
        except (TypeError, ValueError):
            return False

    @api.model
    def _match_reason(self, keys, other):
        """Why two citizens (as keys) are the same person, or False."""
        if keys["birthdate"] and other["birthdate"]:
            if keys["birthdate"] != other["birthdate"]:
                return False
        if keys["email"] and keys["email"] == other["email"]:
            return "email"
        if keys["email"] and other["email"]:
            return False
        if keys["phones"] & other["phones"]:
            return "phone"
        if keys["name"] and keys["name"] == other["name"]:
            if keys["street"] and keys["zip"]:
                if (keys["street"], keys["zip"]) == (other["street"], other["zip"]):
                    return "name_address"
            if keys["birthdate"] and keys["birthdate"] == other["birthdate"]:
                return "name_birthdate"
        return False

    @api.model
    def _candidate_domain(self, keys_list):
        """One indexed search for every citizen sharing a key with ``keys_list``."""
        emails, phones, names = set(), set(), set()
        for keys in keys_list:
            if keys["email"]:
                emails.add(keys["email"])
            phones |= keys["phones"]
            if keys["name"] and ((keys["street"] and keys["zip"]) or keys["birthdate"]):
                names.add(keys["name"])
        criteria = []
        if emails:
            criteria.append([("email_normalized", "in", list(emails))])
        if phones:
            criteria.append([("phone", "in", list(phones))])
            criteria.append([("mobile", "in", list(phones))])
        if names:
            criteria.append([("grc_name_key", "in", list(names))])
        if not criteria:
            return False
        domain = [("is_citizen", "=", True)]
        if len(criteria) > 1:
            domain += ["|"] * (len(criteria) - 1)
        for criterion in criteria:
            domain += criterion
        return domain

    @api.model
    def _find_citizen(self, values):
        """Return the existing citizen matching ``values``, or an empty recordset.

        ``values`` are res.partner values as an intake path receives them (name,
        email, phone, mobile, street, zip, birthdate, country_id or
        country_code), not yet normalised. The search sees every citizen whatever
        the caller's rights: it decides, the caller only gets the record.
        Online accounts whose address is not verified are never matched (see
        _match_citizen).
        """
        return self._match_citizen(values)[0]

    @api.model
    def _match_citizen(self, values):
        """Return the citizen matching ``values`` (or an empty recordset) and
        whether an online account with an unverified address matched too.

        Whoever controls an account could give it any address: an account
        whose address was not proved (res.partner.grc_email_verified) must not
        receive the requests sent from that address.
        """
        partners = self.env["res.partner"]
        keys = self._citizen_keys(values)
        domain = self._candidate_domain([keys])
        if not domain:
            return partners, False
        best, best_rank = partners, None
        candidates, with_account = self._fetch_candidates(domain)
        reasons = {
            candidate.id: self._match_reason(keys, self._citizen_keys(candidate))
            for candidate in candidates
        }
        matches = candidates.filtered(lambda candidate: reasons[candidate.id])
        untrusted = matches.filtered(
            lambda partner: partner.id in with_account
            and not partner.grc_email_verified
        )
        for candidate in matches - untrusted:
            reason = reasons[candidate.id]
            if best_rank is None or MATCH_RANK[reason] < best_rank:
                best, best_rank = candidate, MATCH_RANK[reason]
        return best.with_env(self.env), bool(untrusted)

    @api.model
    def _fetch_candidates(self, domain):
        """The citizens of ``domain``, with what the matching reads of them
        in cache, and the ids of those that have an active portal account
        (``res.partner._grc_portal_account_partners``), in one query: it runs
        on every intake.

        :return: (res.partner records, as superuser; set of ids)
        """
        # sudo: a visitor's form must match every citizen; only the match is returned.
        partners = self.env["res.partner"].sudo()
        self.env["res.users"].flush_model(["partner_id", "share", "active"])
        query = partners._search(domain, order="id")
        table = partners._table
        fnames = [*MATCH_FIELDS, "grc_email_verified"]
        account = SQL(
            "EXISTS(SELECT 1 FROM res_users WHERE res_users.partner_id = %s"
            " AND res_users.active AND res_users.share)",
            SQL.identifier(table, "id"),
        )
        rows = self.env.execute_query(
            query.select(
                SQL.identifier(table, "id"),
                *(partners._field_to_sql(table, fname, query) for fname in fnames),
                account,
            )
        )
        if not rows:
            return partners, set()
        columns = list(zip(*rows, strict=True))
        candidates = partners.browse(columns[0])
        # As search_fetch does: in cache, without overwriting pending values.
        for fname, values in zip(fnames, columns[1:-1], strict=True):
            self.env.cache.insert_missing(candidates, partners._fields[fname], values)
        with_account = {
            partner_id
            for partner_id, has_account in zip(columns[0], columns[-1], strict=True)
            if has_account
        }
        return candidates, with_account

    @api.model
    def _find_duplicates(self, partners):
        """Return {partner id: other citizens that are probably the same person}
        for every citizen of ``partners``, found with a single search (the
        caller's access rights apply)."""
        citizens = partners.filtered("is_citizen")
        result = {partner.id: partners.browse() for partner in partners}
        if not citizens:
            return result
        keys_by_id = {partner.id: self._citizen_keys(partner) for partner in citizens}
        domain = self._candidate_domain(list(keys_by_id.values()))
        if not domain:
            return result
        candidates = self.env["res.partner"].search_fetch(
            domain, MATCH_FIELDS, order="id"
        )
        by_key = defaultdict(set)
        for candidate in candidates:
            keys = self._citizen_keys(candidate)
            keys_by_id.setdefault(candidate.id, keys)
            by_key["e", keys["email"]].add(candidate.id)
            by_key["n", keys["name"]].add(candidate.id)
            for number in keys["phones"]:
                by_key["p", number].add(candidate.id)
        for partner in citizens:
            keys = keys_by_id[partner.id]
            near = by_key["e", keys["email"]] | by_key["n", keys["name"]]
            for number in keys["phones"]:
                near |= by_key["p", number]
            near.discard(partner._origin.id)
            duplicate_ids = [
                other_id
                for other_id in sorted(near)
                if self._match_reason(keys, keys_by_id[other_id])
            ]
            result[partner.id] = partners.browse(duplicate_ids)
        return result

    @api.model
    def _suspected_duplicate_ids(self):
        """Ids of the citizens that have a suspected duplicate: one grouped query
        for the citizens sharing a key, confirmed by the matching rules."""
        partners = self.env["res.partner"]
        partners.flush_model(
            [
                "is_citizen",
                "active",
                "email_normalized",
                "phone",
                "mobile",
                "grc_name_key",
            ]
        )
        self.env.cr.execute(
            SQL(
                """
                WITH citizen AS (
                    SELECT id, email_normalized, phone, mobile, grc_name_key
                      FROM res_partner
                     WHERE is_citizen AND active
                ), key AS (
                    SELECT id, 'e' || email_normalized AS k
                      FROM citizen WHERE email_normalized IS NOT NULL
                    UNION ALL
                    SELECT id, 'p' || phone FROM citizen WHERE phone IS NOT NULL
                    UNION ALL
                    SELECT id, 'p' || mobile FROM citizen WHERE mobile IS NOT NULL
                    UNION ALL
                    SELECT id, 'n' || grc_name_key
                      FROM citizen WHERE grc_name_key IS NOT NULL
                ), shared AS (
                    SELECT k FROM key GROUP BY k HAVING COUNT(DISTINCT id) > 1
                )
                SELECT DISTINCT key.id FROM key JOIN shared ON shared.k = key.k
                """
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        # Searched again so that the caller's access rules apply.
        candidates = partners.search([("id", "in", ids)]) if ids else partners
        duplicates = self._find_duplicates(candidates)
        return [partner_id for partner_id, others in duplicates.items() if others]
