# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    """Availability and capacity of an agent for automatic assignment.

    They are held by the person, not by each membership: an agent away or
    overloaded is so in every service, and helpdesk_mgmt's membership
    (``helpdesk.ticket.team.user_ids``), which its record rules use, stays
    the only list of members.
    """

    _inherit = "res.users"

    grc_is_available = fields.Boolean(
        string="Available for new requests",
        default=True,
        help="Untick to receive no new request automatically (short absence, "
        "other duties). Leaves recorded on the agent's working time are "
        "taken into account too.",
    )
    grc_capacity = fields.Integer(
        string="Open requests (max)",
        default=0,
        help="Maximum of open requests assigned automatically to this agent. "
        "0: the capacity of the service applies.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["grc_is_available", "grc_capacity"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["grc_is_available"]

    @api.constrains("grc_capacity")
    def _check_grc_capacity(self):
        for user in self:
            if user.grc_capacity < 0:
                raise ValidationError(
                    self.env._(
                        "The capacity of %(user)s cannot be negative "
                        "(0 means the capacity of the service).",
                        user=user.name,
                    )
                )
