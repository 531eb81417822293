# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Base Adresse Nationale as a provider of base_geolocalize.

Chosen in the settings (Geolocation provider), it locates contacts like
OpenStreetMap or Google do. The requests are located by the same client,
``_grc_ban_search``: they need the whole answer (INSEE code, label, score) and
to tell an unreachable API from an unknown address, which ``geo_find`` (a
coordinate pair, every error swallowed) cannot give them.

The address of a pin (reverse geocoding) and address suggestions (the report
form of the app, the address questions of démarches' forms) come from the same
base, asked by the server: bounded (the citizen waits, the form works without
them) and cached for the registry's life.
"""

import logging
import re

import requests

from odoo import api, models, tools

_logger = logging.getLogger(__name__)

BAN_SEARCH_URL = "https://api-adresse.data.gouv.fr/search/"
GEOCODING_TIMEOUT = 5  # seconds: the cron must not hang on a slow API
GEOCODING_MIN_SCORE = 0.5  # below, the address found is too unsure to keep
POSTCODE = re.compile(r"\d{5}")
# Bounded: the citizen waits for it, the form works without it.
SUGGEST_TIMEOUT = min(GEOCODING_TIMEOUT, 3)
# ~11 m: phones placed a few metres apart share one answer in the cache.
REVERSE_PRECISION = 4
SUGGEST_LIMIT = 5


class BanNotAnswering(Exception):
    """The address base did not answer: nothing to cache."""


def _feature_values(feature):
    props = feature.get("properties") or {}
    lon, lat = (feature.get("geometry") or {}).get("coordinates") or (None, None)
    return {
        "label": props.get("label") or "",
        "street": " ".join(
            filter(None, (props.get("housenumber"), props.get("street")))
        )
        or props.get("name")
        or "",
        "zip": props.get("postcode") or "",
        "city": props.get("city") or "",
        "citycode": props.get("citycode") or "",
        "lat": lat,
        "lon": lon,
    }


class BaseGeocoder(models.AbstractModel):
    _inherit = "base.geocoder"

    @api.model
    def _grc_ban_search(self, addr, postcode=None, url=None):
        """The best GeoJSON feature the BAN finds for ``addr``, or None.

        Raises ``requests`` errors (``ConnectionError`` when the API cannot be
        reached) and ``ValueError`` on an answer that is not JSON: the caller
        decides whether to try again.
        """
        params = {"q": (addr or "").strip()[:200], "limit": 1}
        postcode = re.sub(r"\s+", "", postcode or "")
        if POSTCODE.fullmatch(postcode):
            params["postcode"] = postcode
        response = requests.get(
            url or BAN_SEARCH_URL, params=params, timeout=GEOCODING_TIMEOUT
        )
        response.raise_for_status()
        features = response.json().get("features") or []
        return features[0] if features else None

    @api.model
    def _call_ban(self, addr, **kw):
        """base_geolocalize's provider hook: (latitude, longitude) or None."""
        if not addr:
            return None
        feature = self._grc_ban_search(
            addr,
            postcode=kw.get("postcode"),
            url=self.env.company.grc_geocoding_url,
        )
        props = (feature or {}).get("properties") or {}
        if not feature or float(props.get("score") or 0) < GEOCODING_MIN_SCORE:
            return None
        lon, lat = feature["geometry"]["coordinates"][:2]
        return float(lat), float(lon)

    @api.model
    def _geo_query_address_ban(
        self, street=None, zip=None, city=None, state=None, country=None
    ):
        # The BAN knows France only and is confused by a country or a region.
        return " ".join(filter(None, (street, zip, city)))

    @api.model
    def _grc_ban_url(self, endpoint):
        """``search`` or ``reverse`` URL of the company's address base."""
        # sudo: the company's setting, read for a visitor's form.
        base = self.env.company.sudo().grc_geocoding_url or BAN_SEARCH_URL
        if endpoint == "reverse":
            return base.rstrip("/").rsplit("/", 1)[0] + "/reverse/"
        return base

    @api.model
    def _grc_ban_reverse(self, lat, lon):
        """The address at (lat, lon) as a dict (label, street, zip, city,
        citycode), or None: unknown place, or the BAN unreachable."""
        lat, lon = (round(float(value), REVERSE_PRECISION) for value in (lat, lon))
        key = f"{lat},{lon}"
        try:
            return self._grc_ban_cached("reverse", key, self._grc_ban_url("reverse"))
        except BanNotAnswering:
            return None

    @api.model
    def _grc_ban_suggest(self, query):
        """Up to five addresses matching ``query`` (autocomplete)."""
        query = " ".join((query or "").split())[:200]
        if len(query) < 3:
            return []
        try:
            return self._grc_ban_cached("search", query, self._grc_ban_url("search"))
        except BanNotAnswering:
            return []

    @tools.ormcache("endpoint", "key", "url")
    def _grc_ban_cached(self, endpoint, key, url):
        try:
            if endpoint == "reverse":
                lat, lon = key.split(",")
                params = {"lat": lat, "lon": lon, "limit": 1}
            else:
                params = {"q": key, "limit": SUGGEST_LIMIT, "autocomplete": 1}
            response = requests.get(url, params=params, timeout=SUGGEST_TIMEOUT)
            response.raise_for_status()
            features = response.json().get("features") or []
        except (requests.RequestException, ValueError) as error:
            _logger.info("Address base not answering (%s): %s", endpoint, error)
            # Not cached: an exception leaves ormcache empty for a later try.
            raise BanNotAnswering() from error
        values = [_feature_values(feature) for feature in features]
        if endpoint == "reverse":
            return values[0] if values else None
        return values
