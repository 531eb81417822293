# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
import re
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL, html2plaintext

from odoo.addons.grc_citoyen.tools.normalize import normalize_zip

# Requests whose handling is over: a new report cannot be their duplicate.
DONE_STATES = ("resolved", "closed", "cancelled")
EARTH_RADIUS_M = 6371008.8
METRES_PER_DEGREE = 111320.0
# Text similarity looks back this far, over at most this many requests.
TEXT_WINDOW_DAYS = 90
TEXT_MAX_CANDIDATES = 500
# Same accent folding in SQL (translate) and in Python, so that both
# similarity paths compare the same strings.
ACCENTED = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿœæ"
UNACCENTED = "aaaaaaceeeeiiiinooooouuuuyyoa"
FOLD = str.maketrans(ACCENTED, UNACCENTED)
# House numbers and their suffixes, left out of the street key.
HOUSE_NUMBER_RE = re.compile(r"^(\d+[a-z]?|bis|ter|quater)$")
WORD_RE = re.compile(r"[^\W_]+")


def fold_text(text):
    """Lower-case text with the accents folded as the SQL side does."""
    return (text or "").lower().translate(FOLD)


def trigrams(text):
    """Trigrams of each word, padded as PostgreSQL's pg_trgm does."""
    grams = set()
    for word in WORD_RE.findall(fold_text(text)):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(left, right):
    """pg_trgm's ``similarity()``: shared trigrams over all trigrams."""
    left, right = trigrams(left), trigrams(right)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


class GrcRequestSimilarity(models.AbstractModel):
    """Finds the open requests a new one may duplicate.

    Same request type and still open, and one of: within the type's distance
    of the same point (haversine, after a bounding box an index can serve),
    on the same street of the same postal code, or with a very similar text
    (``pg_trgm`` when the database has it, the same trigram measure in Python
    over a bounded set of recent requests otherwise). Two queries at most,
    whatever the number of requests.
    """

    _name = "grc.request.similarity"
    _description = "Similar requests engine"

    @api.model
    def _find_similar(self, values, limit=5):
        """Open requests similar to ``values`` (request values as given to
        ``helpdesk.ticket._grc_submit_request``, plus ``exclude_ids``), most
        similar first; an empty recordset when none."""
        matches = self._find_similar_matches(values, limit=limit)
        return self.env["helpdesk.ticket"].browse([match["id"] for match in matches])

    @api.model
    def _find_similar_matches(self, values, limit=5):
        """Like ``_find_similar``, with why each request matched: a list of
        dicts ``id``, ``reason`` (distance, street or text), ``distance``
        (metres) and ``score`` (text similarity, 0 to 1)."""
        # sudo: a confidential type is hidden from other services' agents; only its
        # company and settings are read, the search itself runs in SQL.
        request_type = (
            self.env["grc.request.type"]
            .sudo()
            .browse(int(values.get("request_type_id") or 0) or ())
        )
        if not request_type or limit <= 0:
            return []
        matches = {}
        for match in self._match_text(request_type, values, limit):
            matches[match["id"]] = match
        # A match by place is stronger evidence than a match by words.
        for match in self._match_place(request_type, values, limit):
            matches[match["id"]] = match
        ranked = sorted(
            matches.values(),
            key=lambda m: (
                {"distance": 0, "street": 1, "text": 2}[m["reason"]],
                m["distance"] if m["distance"] is not None else 0,
                -m["score"],
                -m["id"],
            ),
        )
        return ranked[:limit]

    # ------------------------------------------------------------------
    # Criteria
    # ------------------------------------------------------------------

    @api.model
    def _open_requests_condition(self, request_type, values):
        company = values.get("company_id") or request_type.company_id.id
        exclude = [int(i) for i in values.get("exclude_ids") or [] if i]
        return SQL(
            """t.request_type_id = %(type)s
               AND t.active
               AND t.duplicate_id IS NULL
               AND (t.grc_state IS NULL OR t.grc_state NOT IN %(done)s)
               AND (t.company_id = %(company)s OR %(company)s IS NULL)
               AND NOT (t.id = ANY(%(exclude)s))""",
            type=request_type.id,
            done=DONE_STATES,
            company=company or None,
            exclude=exclude,
        )

    @api.model
    def _match_place(self, request_type, values, limit):
        latitude = self._coordinate(values.get("location_latitude"), 90)
        longitude = self._coordinate(values.get("location_longitude"), 180)
        zip_code = normalize_zip(values.get("location_zip")) or False
        street = self._street_key(values.get("location_street"))
        # (0, 0) is what an empty position looks like, not a place.
        has_point = (
            latitude is not None
            and longitude is not None
            and (latitude, longitude) != (0.0, 0.0)
        )
        if not has_point and not (zip_code and street):
            return []
        radius = request_type.similarity_distance or 0
        conditions = []
        distance = SQL("NULL::float")
        if has_point and radius > 0:
            delta_lat = radius / METRES_PER_DEGREE
            # Near the poles a degree of longitude shrinks to nothing.
            delta_lon = radius / (
                METRES_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.01)
            )
            distance = SQL(
                """%(r)s * 2 * asin(sqrt(least(1.0,
                       power(sin(radians(t.location_latitude - %(lat)s) / 2), 2)
                       + cos(radians(%(lat)s)) * cos(radians(t.location_latitude))
                       * power(sin(radians(t.location_longitude - %(lon)s) / 2), 2)
                   )))""",
                r=EARTH_RADIUS_M,
                lat=latitude,
                lon=longitude,
            )
            conditions.append(
                SQL(
                    """(t.location_latitude BETWEEN %(lat_min)s AND %(lat_max)s
                        AND t.location_longitude BETWEEN %(lon_min)s AND %(lon_max)s
                        AND %(distance)s <= %(radius)s)""",
                    lat_min=latitude - delta_lat,
                    lat_max=latitude + delta_lat,
                    lon_min=longitude - delta_lon,
                    lon_max=longitude + delta_lon,
                    distance=distance,
                    radius=radius,
                )
            )
        if zip_code and street:
            # Same postal code here; the street itself is compared below,
            # once normalised ("av." = "avenue", house numbers left out).
            conditions.append(SQL("t.location_zip = %s", zip_code))
        if not conditions:
            return []
        self.env["helpdesk.ticket"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """SELECT t.id, t.location_street,
                          CASE WHEN t.location_latitude IS NOT NULL
                               AND t.location_longitude IS NOT NULL
                               AND (t.location_latitude, t.location_longitude)
                                   <> (0.0, 0.0)
                          THEN %(distance)s END
                     FROM helpdesk_ticket t
                    WHERE %(open)s AND (%(place)s)
                 ORDER BY t.received_date DESC, t.id DESC
                    LIMIT %(max)s""",
                distance=distance,
                open=self._open_requests_condition(request_type, values),
                place=SQL(" OR ").join(conditions),
                max=TEXT_MAX_CANDIDATES,
            )
        )
        matches = []
        for ticket_id, ticket_street, metres in rows:
            if metres is not None and metres <= radius:
                matches.append(
                    {"id": ticket_id, "reason": "distance", "distance": metres}
                )
            elif street and self._street_key(ticket_street) == street:
                matches.append({"id": ticket_id, "reason": "street", "distance": None})
        for match in matches:
            match["score"] = 0.0
        return matches

    @api.model
    def _match_text(self, request_type, values, limit):
        text = self._request_text(request_type, values.get("name"), values)
        threshold = self._text_threshold()
        if len(trigrams(text)) < 3:
            return []
        since = fields.Datetime.now() - timedelta(days=TEXT_WINDOW_DAYS)
        ticket_text = SQL(
            """translate(lower(
                   CASE WHEN t.name IN (SELECT value FROM jsonb_each_text(rt.name))
                        THEN '' ELSE coalesce(t.name, '') END
                   || ' ' ||
                   regexp_replace(coalesce(t.description, ''), '<[^>]*>', ' ', 'g')
               ), %s, %s)""",
            ACCENTED,
            UNACCENTED,
        )
        candidates = SQL(
            """SELECT t.id, %(text)s AS text
                 FROM helpdesk_ticket t
                 JOIN grc_request_type rt ON rt.id = t.request_type_id
                WHERE %(open)s AND t.received_date >= %(since)s
             ORDER BY t.received_date DESC, t.id DESC
                LIMIT %(max)s""",
            text=ticket_text,
            open=self._open_requests_condition(request_type, values),
            since=since,
            max=TEXT_MAX_CANDIDATES,
        )
        self.env["helpdesk.ticket"].flush_model()
        if self._has_trigram():
            rows = self.env.execute_query(
                SQL(
                    """SELECT c.id, similarity(c.text, %(text)s) AS score
                         FROM (%(candidates)s) c
                        WHERE similarity(c.text, %(text)s) >= %(threshold)s
                     ORDER BY score DESC, c.id DESC
                        LIMIT %(limit)s""",
                    candidates=candidates,
                    text=fold_text(text),
                    threshold=threshold,
                    limit=limit,
                )
            )
        else:
            scored = (
                (ticket_id, trigram_similarity(ticket_text_value, text))
                for ticket_id, ticket_text_value in self.env.execute_query(candidates)
            )
            rows = sorted(
                ((i, score) for i, score in scored if score >= threshold),
                key=lambda row: (-row[1], -row[0]),
            )[:limit]
        return [
            {"id": ticket_id, "reason": "text", "distance": None, "score": score}
            for ticket_id, score in rows
        ]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @api.model
    def _request_text(self, request_type, name, values):
        """Subject and description; a subject that is only the démarche's
        name (the default online) says nothing about the request."""
        description = values.get("description") or ""
        if "<" in description:
            description = html2plaintext(description)
        type_names = set()
        if request_type:
            type_names = {
                request_type.with_context(lang=lang).name
                for lang, _label in self.env["res.lang"].get_installed()
            }
        subject = "" if (name or "") in type_names else (name or "")
        return f"{subject} {description}".strip()

    @api.model
    def _street_key(self, street):
        """Street without its house number: "12 bis av. Foch" = "avenue foch"."""
        key = self.env["grc.citizen.dedup"]._normalize_street(street) or ""
        words = key.split()
        while words and HOUSE_NUMBER_RE.match(words[0]):
            words.pop(0)
        return " ".join(words) or False

    @api.model
    def _coordinate(self, value, bound):
        if value in (None, False, ""):
            return None
        try:
            value = float(value)
        except (TypeError, ValueError):
            return None
        if not -bound <= value <= bound:
            return None
        return value

    @api.model
    def _text_threshold(self):
        # sudo: only administrators read settings; agents' and visitors' searches
        # use this one.
        return float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("grc_citoyen.similarity_text_threshold", 0.5)
        )

    @api.model
    @tools.ormcache()
    def _has_trigram(self):
        """Whether PostgreSQL's pg_trgm ``similarity()`` is available."""
        self.env.cr.execute(
            "SELECT 1 FROM pg_proc WHERE proname = 'similarity' AND pronargs = 2"
        )
        return bool(self.env.cr.fetchone())
