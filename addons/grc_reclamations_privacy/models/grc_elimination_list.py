# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class GrcEliminationList(models.Model):
    """Complaints are public archives too: past their retention period they
    are listed for the archives' visa, one list per company."""

    _inherit = "grc.elimination.list"

    kind = fields.Selection(
        selection_add=[("reclamation", "Complaints")],
        ondelete={"reclamation": "cascade"},
    )


class GrcEliminationListLine(models.Model):
    _inherit = "grc.elimination.list.line"

    reclamation_id = fields.Many2one(
        comodel_name="grc.reclamation",
        string="Complaint",
        ondelete="set null",
        index="btree_not_null",
    )
