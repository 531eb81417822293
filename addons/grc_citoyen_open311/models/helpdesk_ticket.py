# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Open311 GeoReport v2 mapped onto request types and requests: a request
posted by an Open311 client goes through the core intake like any other
(validation, citizen matching, routing, deadline, acknowledgement)."""

from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.tools import html2plaintext

from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError

OPEN311_CHANNEL = "grc_citoyen_open311.helpdesk_ticket_channel_open311"
CLIENT_GROUP = "grc_citoyen_open311.group_open311_client"
CLOSED_STATES = ("resolved", "closed", "cancelled")
MAX_IDS = 50
MAX_MEDIA_URL = 2000


def _iso(value):
    return value and fields.Datetime.to_datetime(value).strftime("%Y-%m-%dT%H:%M:%SZ")


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    grc_open311_client_id = fields.Many2one(
        comodel_name="res.users",
        string="Open311 client",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
        help="Open311 client application that filed the request for the citizen.",
    )

    @api.model
    def _grc_open311_type(self, service_code):
        """The published, public request type of ``service_code`` (its code,
        or its id when it has none), searched with the caller's rules."""
        request_types = self.env["grc.request.type"]
        domain = request_types._grc_public_domain()
        code = (service_code or "").strip()[:64]
        found = request_types.search(domain + [("code", "=", code)], limit=1)
        if not found and code.isdigit() and len(code) < 10:
            found = request_types.search(
                domain + [("id", "=", int(code)), ("code", "=", False)], limit=1
            )
        return found

    @api.model
    def _grc_open311_submit(self, user, request_type, values, idempotency_key=None):
        """File an Open311 request sent with ``user``'s key; return it (sudo).

        A client application's account files for the citizen it names (e-mail
        or phone required); any other citizen's account files as themselves.
        """
        is_client = user.has_group(CLIENT_GROUP)
        description = values.get("description") or ""
        media_url = self._grc_open311_media_url(values.get("media_url"))
        if media_url:
            # Kept as the client's link, never fetched: the server reaches no
            # address a caller chooses, and the link goes with the description
            # (shown to agents, anonymised with it).
            description = "\n\n".join(
                filter(
                    None,
                    (
                        description,
                        self.env._("Photo (Open311 media_url): %(url)s", url=media_url),
                    ),
                )
            )
        intake = {
            "request_type_id": request_type.id,
            "channel": OPEN311_CHANNEL,
            "description": description or False,
            "location_latitude": values.get("lat") or False,
            "location_longitude": values.get("long") or False,
            "location_street": values.get("address_string") or False,
            "idempotency_key": idempotency_key
            and f"open311:{user.id}:{idempotency_key}",
        }
        intake.update(
            self._grc_open311_attribute_values(
                request_type, values.get("attributes") or {}
            )
        )
        if is_client:
            name = " ".join(
                filter(None, (values.get("first_name"), values.get("last_name")))
            )
            if not (values.get("email") or values.get("phone")):
                raise GrcIntakeError(
                    {
                        "email": self.env._(
                            "Give the e-mail address or the phone number of the "
                            "citizen."
                        )
                    }
                )
            intake["citizen"] = {
                "name": name or values.get("email") or values.get("phone"),
                "email": values.get("email") or False,
                "phone": values.get("phone") or False,
            }
        else:
            intake["partner_id"] = user.partner_id.id
        ticket, replayed = self._grc_intake(
            intake,
            check_replay=lambda existing: self._grc_open311_check_replay(
                existing, user
            ),
        )
        if is_client and not replayed:
            ticket.grc_open311_client_id = user
        return ticket

    @api.model
    def _grc_open311_media_url(self, url):
        """The ``media_url`` sent, if it is a web address; ``GrcIntakeError``
        otherwise."""
        url = (url or "").strip()
        if not url:
            return False
        parts = urlsplit(url)
        if (
            len(url) > MAX_MEDIA_URL
            or parts.scheme not in ("http", "https")
            or not parts.netloc
            or any(char.isspace() or ord(char) < 32 for char in url)
        ):
            raise GrcIntakeError(
                {"media_url": self.env._("media_url is not a web address.")}
            )
        return url

    @api.model
    def _grc_open311_attribute_values(self, request_type, attributes):
        """The intake's values of the ``attribute[code]`` fields posted
        (``{code: [values]}``) for ``request_type``; ``GrcIntakeError`` for
        attributes the service does not have. None in the core (see
        ``grc.request.type._grc_open311_attributes``)."""
        if attributes and not request_type._grc_open311_attributes():
            raise GrcIntakeError(
                {
                    "attribute": self.env._(
                        "This service has no attribute %(code)s.",
                        code=sorted(attributes)[0],
                    )
                }
            )
        return {}

    def _grc_open311_media(self):
        """The web address of the first photo the citizen sent with the
        request, with its access token, for ``media_url``; None without one."""
        self.ensure_one()
        photo = self._grc_portal_attachments().filtered(
            lambda a: (a.mimetype or "").startswith("image/")
        )[:1]
        if not photo:
            return None
        base = self.get_base_url()
        return f"{base}/web/content/{photo.id}?access_token={photo.access_token}"

    def _grc_open311_check_replay(self, existing, user):
        if not (
            existing.grc_open311_client_id == user
            or existing.partner_id.commercial_partner_id
            == user.partner_id.commercial_partner_id
        ):
            raise GrcIntakeError(
                {"idempotency_key": self.env._("This key was already used.")}
            )

    @api.model
    def _grc_open311_domain(self, user):
        """Requests an Open311 key may read: those its client filed, or the
        citizen's own."""
        if user.has_group(CLIENT_GROUP):
            return [("grc_open311_client_id", "=", user.id)]
        partner = user.partner_id.commercial_partner_id
        return [("partner_id", "child_of", partner.ids)]

    @api.model
    def _grc_open311_search(self, user, ids=None, service=None, filters=None):
        """Requests for GET requests (sudo records, the domain of ``user``)."""
        filters = filters or {}
        domain = self._grc_open311_domain(user)
        if ids:
            domain.append(("number", "in", ids[:MAX_IDS]))
        if service is not None:
            domain.append(("request_type_id", "=", service.id))
        if filters.get("start_date"):
            domain.append(("received_date", ">=", filters["start_date"]))
        if filters.get("end_date"):
            domain.append(("received_date", "<=", filters["end_date"]))
        if filters.get("status") == "open":
            domain += [
                "|",
                ("grc_state", "=", False),
                ("grc_state", "not in", CLOSED_STATES),
            ]
        elif filters.get("status") == "closed":
            domain.append(("grc_state", "in", CLOSED_STATES))
        # sudo: the domain keeps to the requests of the key's account; their
        # service and type are read for the answer.
        return self.sudo().search(
            domain, limit=1000, order="received_date desc, id desc"
        )

    def _grc_open311_values(self):
        self.ensure_one()
        request_type = self.request_type_id
        closed = self.grc_state in CLOSED_STATES
        notes = html2plaintext(self.grc_resolution or "") if closed else ""
        return {
            "service_request_id": self.number,
            "status": "closed" if closed else "open",
            "status_notes": notes or None,
            "service_name": request_type.name,
            "service_code": request_type.code or str(request_type.id),
            "description": html2plaintext(self.description or "") or None,
            "agency_responsible": self.team_id.name or None,
            "service_notice": None,
            "requested_datetime": _iso(self.received_date or self.create_date),
            "updated_datetime": _iso(self.write_date),
            "expected_datetime": _iso(self.grc_sla_deadline) or None,
            "address": " ".join(
                filter(
                    None, (self.location_street, self.location_zip, self.location_city)
                )
            )
            or None,
            "address_id": None,
            "zipcode": self.location_zip or None,
            "lat": self.location_latitude or None,
            "long": self.location_longitude or None,
            "media_url": self._grc_open311_media(),
        }
