# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The address of a pin (reverse geocoding) and address suggestions, from the
Base Adresse Nationale, for the report form. Same client settings as the
location addon (its URL, its timeout); answers cached for the registry's life.
"""

import logging

import requests

from odoo import api, models, tools

from odoo.addons.grc_citoyen_location.models.base_geocoder import (
    BAN_SEARCH_URL,
    GEOCODING_TIMEOUT,
)

_logger = logging.getLogger(__name__)

# Bounded: the citizen waits for it, the form works without it.
APP_TIMEOUT = min(GEOCODING_TIMEOUT, 3)
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
            response = requests.get(url, params=params, timeout=APP_TIMEOUT)
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
