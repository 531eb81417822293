# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

INTERNAL = "base.group_user"


class HelpdeskTicket(models.Model):
    """Fields of a request that are the services' business, not the citizen's.

    A citizen reads their request over RPC as well as on the portal: without
    ``groups``, internal notes, traces and the support needs recorded about
    them would be readable with their session. The portal pages and the API
    read what they show explicitly, as superuser, so they are unaffected.
    tests/test_security_portal_fields.py holds the list of what a citizen may
    read: a new field must be added there or here. Feature addons give their
    internal fields ``groups`` where they define them, and check their own
    list with ``PortalFieldsCommon``.
    """

    _inherit = "helpdesk.ticket"

    notes = fields.Html(groups=INTERNAL)
    kanban_state = fields.Selection(groups=INTERNAL)
    color = fields.Integer(groups=INTERNAL)
    properties = fields.Properties(groups=INTERNAL)
    support_need_ids = fields.Many2many(groups=INTERNAL)
    support_note = fields.Text(groups=INTERNAL)
    citizen_phone_search = fields.Char(groups=INTERNAL)
    routing_rule_id = fields.Many2one(groups=INTERNAL)
    routing_origin = fields.Selection(groups=INTERNAL)
    routing_trace = fields.Text(groups=INTERNAL)
    assignment_trace = fields.Text(groups=INTERNAL)
    team_assignment_mode = fields.Selection(groups=INTERNAL)
    grc_unassigned_reason = fields.Selection(groups=INTERNAL)
    grc_idempotency_key = fields.Char(groups=INTERNAL)
    sla_at_risk_date = fields.Datetime(groups=INTERNAL)
    sla_first_response_at_risk_date = fields.Datetime(groups=INTERNAL)
    sla_pause_start = fields.Datetime(groups=INTERNAL)
    sla_paused_hours = fields.Float(groups=INTERNAL)
