# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

INTERNAL = "base.group_user"


class GrcReclamation(models.Model):
    """Fields of a complaint that are the services' business: the analysis,
    its verdict and root cause, the corrective actions and the internal
    escalations. The citizen reads their complaint with their session (the
    portal list, RPC): without ``groups`` these were readable too. The
    portal page and the answer letter read as superuser and are unaffected.
    tests/test_reclamation_portal_fields.py lists what a citizen may read."""

    _inherit = "grc.reclamation"

    analysis = fields.Html(groups=INTERNAL)
    justification = fields.Selection(groups=INTERNAL)
    root_cause_id = fields.Many2one(groups=INTERNAL)
    irritant_ids = fields.Many2many(groups=INTERNAL)
    action_ids = fields.One2many(groups=INTERNAL)
    open_action_count = fields.Integer(groups=INTERNAL)
    severity = fields.Selection(groups=INTERNAL)
    escalation_level = fields.Integer(groups=INTERNAL)
    officer_escalation_date = fields.Datetime(groups=INTERNAL)
    director_escalation_date = fields.Datetime(groups=INTERNAL)
    request_escalated = fields.Boolean(groups=INTERNAL)
    answer_risk_date = fields.Datetime(groups=INTERNAL)
    deadline_basis = fields.Char(groups=INTERNAL)
