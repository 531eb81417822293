# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class GrcReclamationRootCause(models.Model):
    """Why the fault happened, found by the analysis (workload, process...)."""

    _name = "grc.reclamation.root.cause"
    _description = "Complaint root cause"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a root cause must be unique."),
    ]
