# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public map of reports: open requests of the types marked public,
found in a bounding box by one bounded, indexed query, without personal data.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# Open statuses only: a closed pothole is no news for the neighbours.
PUBLIC_STATES = ("new", "qualified", "in_progress", "waiting")
# Points answered one by one up to this number; beyond, a grid of clusters.
MAP_MAX_POINTS = 200
MAP_GRID = 8  # cells per side of the box when clustering
# A box wider than this (degrees) is refused: the map asks for a town, not France.
MAP_MAX_SPAN = 2.0
POSITION_INDEX = "helpdesk_ticket_grc_position_idx"
# Written by the services; the public map reads them for everyone (sudo).
INTERNAL = "base.group_user"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    grc_public_note = fields.Text(
        string="Public description",
        groups=INTERNAL,
        help="What the public map shows of this request (for example "
        "'Pothole on the cycle path'). Written by an agent: the citizen's "
        "own words are never published.",
    )
    grc_public_photo_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Published photo",
        groups=INTERNAL,
        domain="[('res_model', '=', 'helpdesk.ticket'), ('res_id', '=', id), "
        "('mimetype', 'in', ('image/jpeg', 'image/png', 'image/webp'))]",
        help="Photo of the request an agent approved for the public map "
        "(check that no face nor number plate shows).",
    )
    grc_on_public_map = fields.Boolean(
        related="request_type_id.grc_public_map",
        string="On the public map",
        groups=INTERNAL,
    )

    def init(self):
        res = super().init()
        # The bounding-box query of the public map reads located requests only.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON helpdesk_ticket "
                "(location_latitude, location_longitude) "
                "WHERE location_latitude IS NOT NULL AND location_latitude != 0",
                SQL.identifier(POSITION_INDEX),
            )
        )
        return res

    @api.constrains("grc_public_photo_id")
    def _check_grc_public_photo(self):
        for ticket in self.filtered("grc_public_photo_id"):
            # sudo: the attachment's owner fields, whoever approves it.
            photo = ticket.grc_public_photo_id.sudo()
            if (
                photo.res_model != self._name
                or photo.res_id != ticket.id
                or not (photo.mimetype or "").startswith("image/")
            ):
                raise ValidationError(
                    self.env._("The published photo must be an image of this request.")
                )

    # ------------------------------------------------------------------
    # Public map
    # ------------------------------------------------------------------

    @api.model
    def _grc_public_map_domain(self, bbox):
        """Domain of the requests shown in ``bbox`` (south, west, north, east)."""
        south, west, north, east = bbox
        return [
            ("request_type_id.grc_public_map", "=", True),
            ("is_confidential", "=", False),
            ("grc_state", "in", PUBLIC_STATES),
            ("location_latitude", ">=", south),
            ("location_latitude", "<=", north),
            ("location_longitude", ">=", west),
            ("location_longitude", "<=", east),
            ("location_latitude", "!=", 0),
        ]

    @api.model
    def _grc_parse_bbox(self, bbox):
        """``"south,west,north,east"`` as four floats; ValidationError if the
        box is not one or is too large."""
        try:
            south, west, north, east = (float(part) for part in bbox.split(","))
        except (AttributeError, ValueError):
            raise ValidationError(
                self.env._("Give the box as south,west,north,east.")
            ) from None
        if not (
            -90 <= south < north <= 90
            and -180 <= west < east <= 180
            and north - south <= MAP_MAX_SPAN
            and east - west <= MAP_MAX_SPAN
        ):
            raise ValidationError(
                self.env._("This box is not valid or too large: zoom in on the map.")
            )
        return south, west, north, east

    @api.model
    def _grc_public_map(self, bbox):
        """What the public map shows in ``bbox``: ``{"points": [...]}`` or,
        when there are too many, ``{"clusters": [...]}`` (a grid)."""
        # sudo: the public map is read by visitors; its domain keeps to open
        # requests of public types and the values below hold no personal data.
        tickets = self.sudo()
        domain = self._grc_public_map_domain(bbox)
        found = tickets.search(domain, limit=MAP_MAX_POINTS + 1, order="id desc")
        if len(found) <= MAP_MAX_POINTS:
            return {"points": found._grc_public_points()}
        return {"clusters": tickets._grc_public_clusters(domain, bbox)}

    def _grc_public_points(self):
        states = dict(self._fields["grc_state"]._description_selection(self.env))
        return [
            {
                "id": ticket.id,
                "lat": ticket.location_latitude,
                "lon": ticket.location_longitude,
                "type": ticket.request_type_id.name,
                "type_id": ticket.request_type_id.id,
                "state": states.get(ticket.grc_state, ""),
                "street": ticket.location_label or ticket.location_street or "",
                "date": fields.Date.to_string(ticket.received_date),
                "expected": fields.Date.to_string(ticket.grc_sla_deadline),
                "note": ticket.grc_public_note or "",
                "photo": bool(ticket.grc_public_photo_id),
                "join": ticket._grc_portal_can_join(),
            }
            for ticket in self
        ]

    @api.model
    def _grc_public_clusters(self, domain, bbox):
        south, west, north, east = bbox
        lat_cell = (north - south) / MAP_GRID or 1
        lon_cell = (east - west) / MAP_GRID or 1
        query = self._search(domain)
        self.env.cr.execute(
            SQL(
                "SELECT COUNT(*), AVG(helpdesk_ticket.location_latitude), "
                "AVG(helpdesk_ticket.location_longitude) FROM %s WHERE %s "
                "GROUP BY FLOOR((helpdesk_ticket.location_latitude - %s) / %s), "
                "FLOOR((helpdesk_ticket.location_longitude - %s) / %s)",
                query.from_clause,
                query.where_clause,
                south,
                lat_cell,
                west,
                lon_cell,
            )
        )
        return [
            {"count": count, "lat": float(lat), "lon": float(lon)}
            for count, lat, lon in self.env.cr.fetchall()
        ]

    @api.model
    def _grc_public_photo(self, request_id):
        """Raw bytes of the photo an agent approved for the public map, if
        the request is on the map; else None."""
        # sudo: a visitor reads the approved photo of a public request only.
        ticket = self.sudo().search(
            [
                ("id", "=", request_id),
                ("request_type_id.grc_public_map", "=", True),
                ("is_confidential", "=", False),
                ("grc_state", "in", PUBLIC_STATES),
                ("grc_public_photo_id", "!=", False),
            ],
            limit=1,
        )
        return ticket.grc_public_photo_id.raw or None
