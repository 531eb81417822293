# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Base Adresse Nationale as a provider of base_geolocalize.

Chosen in the settings (Geolocation provider), it locates contacts like
OpenStreetMap or Google do. The requests are located by the same client,
``_grc_ban_search``: they need the whole answer (INSEE code, label, score) and
to tell an unreachable API from an unknown address, which ``geo_find`` (a
coordinate pair, every error swallowed) cannot give them.
"""

import logging
import re

import requests

from odoo import api, models

_logger = logging.getLogger(__name__)

BAN_SEARCH_URL = "https://api-adresse.data.gouv.fr/search/"
GEOCODING_TIMEOUT = 5  # seconds: the cron must not hang on a slow API
GEOCODING_MIN_SCORE = 0.5  # below, the address found is too unsure to keep
POSTCODE = re.compile(r"\d{5}")


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
