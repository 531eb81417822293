# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where a request is: its district at intake, its position afterwards.

The district is derived in memory before routing, so that district rules
apply. Geocoding with the Base Adresse Nationale happens after the request is
committed (cron or the "Locate" button): a slow or absent API never delays
nor loses a request.
"""

import logging
from datetime import timedelta

import requests
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .base_geocoder import GEOCODING_MIN_SCORE

_logger = logging.getLogger(__name__)

GEOCODING_RETRY_MINUTES = 10  # doubled at each failed attempt
GEOCODING_MAX_ATTEMPTS = 5
# The services' business, not the citizen's (see grc_citoyen's
# models/helpdesk_ticket_internal.py).
INTERNAL = "base.group_user"
ADDRESS_FIELDS = {"location_street", "location_zip", "location_city"}


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    location_label = fields.Char(
        string="Address found",
        readonly=True,
        copy=False,
        help="Address of the place as the national address base (BAN) writes it.",
    )
    location_citycode = fields.Char(
        string="INSEE code",
        index="btree_not_null",
        copy=False,
        help="INSEE code of the commune of the place.",
    )
    location_geocode_state = fields.Selection(
        selection=[
            ("pending", "To locate"),
            ("done", "Located"),
            ("not_found", "Address not found"),
            ("failed", "Locating failed"),
        ],
        string="Geocoding",
        readonly=True,
        copy=False,
        index=True,
        groups=INTERNAL,
    )
    location_geocode_attempts = fields.Integer(
        readonly=True, copy=False, groups=INTERNAL
    )
    location_geocode_retry_date = fields.Datetime(
        readonly=True, copy=False, groups=INTERNAL
    )
    location_geocode_score = fields.Float(
        string="Geocoding score",
        readonly=True,
        copy=False,
        digits=(3, 2),
        groups=INTERNAL,
        help="Confidence of the national address base in the address found (0-1).",
    )
    location_map_url = fields.Char(string="Map", compute="_compute_location_map_url")

    @api.depends("location_latitude", "location_longitude")
    def _compute_location_map_url(self):
        for ticket in self:
            lat, lon = ticket.location_latitude, ticket.location_longitude
            ticket.location_map_url = (
                (lat or lon)
                and (
                    f"https://www.openstreetmap.org/?mlat={lat:.7f}&mlon={lon:.7f}"
                    f"#map=18/{lat:.7f}/{lon:.7f}"
                )
                or False
            )

    # ------------------------------------------------------------------
    # Intake: district before routing, geocoding planned for later
    # ------------------------------------------------------------------

    @api.model
    def _grc_request_steps(self):
        # The district is known before the routing step (20) reads it.
        return super()._grc_request_steps() + [(10, "_grc_locate_step")]

    @api.model
    def _grc_locate_step(self, vals_list):
        for vals in vals_list:
            self._grc_locate_values(vals)

    def _grc_locate_values(self, vals):
        if not vals.get("location_district"):
            company = vals.get("company_id") or self.env.context.get(
                "default_company_id"
            )
            if isinstance(company, models.BaseModel):
                company = company.id
            district = self.env["grc.district"]._grc_match(
                company_id=company,
                zip_code=vals.get("location_zip"),
                insee_code=vals.get("location_citycode"),
                street=vals.get("location_street"),
            )
            if district:
                vals["location_district"] = district.name
        if (
            vals.get("location_street")
            and not vals.get("location_geocode_state")
            and not (vals.get("location_latitude") or vals.get("location_longitude"))
        ):
            vals["location_geocode_state"] = "pending"

    def write(self, vals):
        if (
            not ADDRESS_FIELDS.isdisjoint(vals)
            and "location_geocode_state" not in vals
            and not {"location_latitude", "location_longitude"} & vals.keys()
        ):
            # A corrected address is located again, unless the position was
            # given by hand (the citizen's phone knows better than the BAN).
            relocate = self.filtered(
                lambda t: t.location_geocode_state == "done"
                or not (t.location_latitude or t.location_longitude)
            )
            res = super().write(vals)
            relocate.filtered("location_street").write(
                {
                    "location_geocode_state": "pending",
                    "location_geocode_attempts": 0,
                    "location_geocode_retry_date": False,
                }
            )
            return res
        return super().write(vals)

    # ------------------------------------------------------------------
    # Geocoding with the Base Adresse Nationale
    # ------------------------------------------------------------------

    @api.model
    def _cron_grc_geocode_requests(
        self, batch_size=50, max_attempts=GEOCODING_MAX_ATTEMPTS
    ):
        """Locate the requests waiting for it, in companies that geocode."""
        # sudo: the cron locates the requests of every company and service,
        # whatever its user may read.
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("grc_geocoding_enabled", "=", True)])
        )
        if not companies:
            return
        domain = [
            ("location_geocode_state", "=", "pending"),
            ("location_street", "!=", False),
            ("company_id", "in", companies.ids),
            "|",
            ("location_geocode_retry_date", "=", False),
            ("location_geocode_retry_date", "<=", fields.Datetime.now()),
        ]
        tickets = self.sudo().search(  # sudo: as above
            domain, limit=batch_size, order="location_geocode_attempts, id"
        )
        done = tickets._grc_geocode(max_attempts=max_attempts)
        self.env["ir.cron"]._notify_progress(
            done=done, remaining=0 if done < len(tickets) else self.search_count(domain)
        )

    def _grc_geocode(self, max_attempts=GEOCODING_MAX_ATTEMPTS):
        """Ask the BAN where each request is; return how many were processed.

        Never raises: a failure is logged and the request tried again later,
        up to ``max_attempts`` times. When the API cannot be reached, the rest
        of the batch waits for the next run.
        """
        processed = 0
        for ticket in self:
            processed += 1
            try:
                feature = ticket._grc_geocode_fetch()
            except requests.ConnectionError as exc:
                ticket._grc_geocode_failed(exc, max_attempts)
                break
            except (requests.RequestException, ValueError) as exc:
                ticket._grc_geocode_failed(exc, max_attempts)
                continue
            try:
                ticket._grc_geocode_apply(feature)
            except (KeyError, TypeError, IndexError, ValueError) as exc:
                ticket._grc_geocode_failed(exc, max_attempts)
        return processed

    def _grc_geocode_fetch(self):
        """The best GeoJSON feature the BAN finds for the request, or None."""
        self.ensure_one()
        return self.env["base.geocoder"]._grc_ban_search(
            " ".join(filter(None, (self.location_street, self.location_city))),
            postcode=self.location_zip,
            url=self.company_id.grc_geocoding_url,
        )

    def _grc_geocode_apply(self, feature):
        self.ensure_one()
        props = (feature or {}).get("properties") or {}
        score = float(props.get("score") or 0)
        if not feature or score < GEOCODING_MIN_SCORE:
            self.write(
                {
                    "location_geocode_state": "not_found",
                    "location_geocode_score": score,
                    "location_geocode_attempts": self.location_geocode_attempts + 1,
                }
            )
            return
        lon, lat = feature["geometry"]["coordinates"][:2]
        vals = {
            "location_latitude": float(lat),
            "location_longitude": float(lon),
            "location_label": props.get("label") or False,
            "location_citycode": props.get("citycode") or False,
            "location_geocode_score": score,
            "location_geocode_state": "done",
            "location_geocode_attempts": self.location_geocode_attempts + 1,
            "location_geocode_retry_date": False,
        }
        if not self.location_zip and props.get("postcode"):
            vals["location_zip"] = props["postcode"]
        if not self.location_city and props.get("city"):
            vals["location_city"] = props["city"]
        district = None
        if not self.location_district:
            district = self.env["grc.district"]._grc_match(
                company_id=self.company_id.id,
                zip_code=props.get("postcode") or self.location_zip,
                insee_code=props.get("citycode"),
                street=props.get("street") or props.get("name") or self.location_street,
            )
            if district:
                vals["location_district"] = district.name
        self.write(vals)
        if district:
            # The request keeps its service: the district is only recorded.
            self.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "District %(district)s found from the address %(label)s.",
                    district=district.name,
                    label=vals["location_label"] or "",
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _grc_geocode_failed(self, error, max_attempts):
        self.ensure_one()
        attempts = self.location_geocode_attempts + 1
        gave_up = attempts >= max_attempts
        _logger.info(
            "Geocoding of request %s failed (attempt %s/%s%s): %s",
            self.id,
            attempts,
            max_attempts,
            ", giving up" if gave_up else "",
            error,
        )
        delay = timedelta(minutes=GEOCODING_RETRY_MINUTES * 2 ** (attempts - 1))
        self.write(
            {
                "location_geocode_state": "failed" if gave_up else "pending",
                "location_geocode_attempts": attempts,
                "location_geocode_retry_date": not gave_up
                and fields.Datetime.now() + delay,
            }
        )

    def action_grc_locate(self):
        """Locate the request now (the "Locate" button)."""
        self.check_access("write")
        for ticket in self:
            # sudo: the request's company may be one the agent has not selected.
            if not ticket.company_id.sudo().grc_geocoding_enabled:
                raise UserError(
                    self.env._(
                        "Locating requests with the national address base is off "
                        "for %(company)s: an administrator turns it on in the "
                        "settings.",
                        company=ticket.company_id.name,
                    )
                )
            if not ticket.location_street:
                raise UserError(
                    self.env._(
                        "Request %(request)s has no street: give the address of "
                        "the place first.",
                        request=ticket.display_name,
                    )
                )
        # sudo: write access checked above; located as the cron does.
        tickets = self.sudo()
        tickets.write({"location_geocode_attempts": 0})
        tickets._grc_geocode()
        if len(self) == 1 and self.location_geocode_state == "done":
            message = self.env._("Located: %(label)s.", label=self.location_label or "")
            kind = "success"
        elif len(self) == 1 and self.location_geocode_state == "not_found":
            message = self.env._(
                "The national address base does not know this address: check "
                "the street and the postal code."
            )
            kind = "warning"
        elif len(self) == 1:
            message = self.env._(
                "The national address base cannot be reached now: the request "
                "will be located later."
            )
            kind = "warning"
        else:
            message = self.env._("Requests located.")
            kind = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": kind,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
