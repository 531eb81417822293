# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    grc_timeline_ids = fields.One2many(
        "grc.citizen.timeline",
        "partner_id",
        string="Timeline",
        groups="base.group_user",
        help="Requests, contacts and messages of the citizen on every channel, "
        "newest first, as far as you may read them.",
    )

    def action_view_grc_timeline(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_citoyen_timeline.grc_citizen_timeline_action"
        )
        action.update(
            name=self.env._("Timeline of %(name)s", name=self.display_name),
            domain=[("partner_id", "=", self.id)],
            context={"search_default_partner_id": False},
        )
        return action
