# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

GRC_USER = "grc_citoyen.group_grc_frontdesk"


class ResPartner(models.Model):
    """The citizen's complaints, in their 360° view."""

    _inherit = "res.partner"

    reclamation_ids = fields.One2many(
        comodel_name="grc.reclamation",
        inverse_name="partner_id",
        string="Complaints",
        groups=GRC_USER,
    )
    reclamation_count = fields.Integer(
        compute="_compute_reclamation_count", groups=GRC_USER
    )

    @api.depends("reclamation_ids")
    def _compute_reclamation_count(self):
        counts = dict(
            self.env["grc.reclamation"]._read_group(
                [("partner_id", "child_of", self.ids)],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.reclamation_count = sum(
                count
                for member, count in counts.items()
                if member == partner or member.commercial_partner_id == partner
            )

    def action_view_reclamations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_reclamations.grc_reclamation_action"
        )
        action["domain"] = [("partner_id", "child_of", self.ids)]
        action["context"] = {"default_partner_id": self.id}
        return action
