# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

RECLAMATION_STATES = [
    ("received", "Received"),
    ("admissible", "Admissible"),
    ("not_admissible", "Not admissible"),
    ("analysis", "Under analysis"),
    ("drafted", "Answer drafted"),
    ("answered", "Answered"),
    ("closed", "Closed"),
]

# The defined path of a complaint: which status may follow which. Going back is
# only allowed from a drafted answer to the analysis (the draft was rejected).
RECLAMATION_TRANSITIONS = {
    "received": ("admissible", "not_admissible"),
    "admissible": ("analysis", "not_admissible"),
    "not_admissible": ("closed",),
    "analysis": ("drafted",),
    "drafted": ("analysis", "answered"),
    "answered": ("closed",),
    "closed": (),
}

# Statuses where the answer clock is stopped: the citizen has had an answer.
STOPPED_STATES = ("not_admissible", "answered", "closed")


class GrcReclamationStage(models.Model):
    """A step of the complaint life cycle; the status defines the allowed moves."""

    _name = "grc.reclamation.stage"
    _description = "Complaint stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(
        selection=RECLAMATION_STATES,
        string="Status",
        required=True,
        help="Step of the life cycle this stage stands for; it defines which "
        "moves between stages are allowed.",
    )
    fold = fields.Boolean(string="Folded in kanban")
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("state_uniq", "unique(state)", "Each status has exactly one stage."),
    ]
