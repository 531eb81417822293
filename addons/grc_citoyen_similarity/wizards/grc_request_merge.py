# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class GrcRequestMerge(models.TransientModel):
    """Merge duplicate requests into the one that goes on being handled."""

    _name = "grc.request.merge"
    _description = "Merge duplicate requests"

    ticket_ids = fields.Many2many(
        comodel_name="helpdesk.ticket",
        string="Requests to merge",
        required=True,
        help="Marked duplicates of the surviving request and cancelled; their "
        "citizens are told when it is resolved.",
    )
    target_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Merge into",
        required=True,
        domain="[('duplicate_id', '=', False), "
        "('grc_state', 'not in', ('resolved', 'closed', 'cancelled'))]",
        help="The request that goes on being handled.",
    )
    suggested_ids = fields.Many2many(
        comodel_name="helpdesk.ticket",
        string="Similar requests",
        compute="_compute_suggested_ids",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "ticket_ids" in fields_list
            and not values.get("ticket_ids")
            and context.get("active_model") == "helpdesk.ticket"
            and context.get("active_ids")
        ):
            values["ticket_ids"] = [fields.Command.set(context["active_ids"])]
        return values

    @api.depends("ticket_ids")
    def _compute_suggested_ids(self):
        for wizard in self:
            wizard.suggested_ids = wizard.ticket_ids.grc_similar_ids - wizard.ticket_ids

    def action_merge(self):
        self.ensure_one()
        survivor = self.ticket_ids._grc_merge_into(self.target_id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": survivor.id,
            "view_mode": "form",
            "target": "current",
        }
