# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GrcReclamationReason(models.Model):
    """What the citizen reproaches the authority with, as a tree
    (delay > no answer, behaviour > discourtesy...)."""

    _name = "grc.reclamation.reason"
    _description = "Complaint reason"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _rec_names_search = ["complete_name", "name"]
    _order = "complete_name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    parent_id = fields.Many2one(
        comodel_name="grc.reclamation.reason",
        string="Parent reason",
        index=True,
        ondelete="restrict",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        comodel_name="grc.reclamation.reason",
        inverse_name="parent_id",
        string="Sub-reasons",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_published = fields.Boolean(
        string="Offered on the portal",
        default=True,
        help="Citizens can choose this reason when they file a complaint online.",
    )
    escalates_request = fields.Boolean(
        string="Escalates the request",
        help="A complaint for this reason about a request still open raises the "
        "priority of that request and asks its service manager to act.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a reason must be unique."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for reason in self:
            if reason.parent_id:
                reason.complete_name = (
                    f"{reason.parent_id.complete_name} / {reason.name}"
                )
            else:
                reason.complete_name = reason.name

    @api.depends("complete_name", "parent_path")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """The stored path is in the language it was computed in: show it in
        the reader's, from the translated names along the path."""
        path_ids = {
            reason.id: [
                int(id_) for id_ in (reason.parent_path or "").split("/") if id_
            ]
            for reason in self
        }
        ancestors = self.browse({id_ for ids in path_ids.values() for id_ in ids})
        names = dict(zip(ancestors.ids, ancestors.mapped("name"), strict=True))
        for reason in self:
            ids = path_ids[reason.id]
            if ids and all(id_ in names for id_ in ids):
                reason.display_name = " / ".join(names[id_] for id_ in ids)
            else:
                reason.display_name = reason.complete_name or reason.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A reason cannot be its own ancestor."))
