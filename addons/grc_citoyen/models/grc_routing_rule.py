# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .grc_routing_engine import normalize_zip, split_list

PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]


class GrcRoutingRule(models.Model):
    """Sends new requests to a service. Rules are tried by sequence; the first
    one whose every filled condition matches wins."""

    _name = "grc.routing.rule"
    _inherit = ["grc.registry.cache.mixin"]
    _description = "Routing rule"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10, index=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Requests of this authority only. Empty: every authority.",
    )
    request_type_ids = fields.Many2many(
        comodel_name="grc.request.type",
        relation="grc_routing_rule_request_type_rel",
        column1="rule_id",
        column2="request_type_id",
        string="Request types",
        help="The request is of one of these types. Empty: any type.",
    )
    category_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.category",
        relation="grc_routing_rule_category_rel",
        column1="rule_id",
        column2="category_id",
        string="Categories",
        help="The request (or its type) is in one of these categories or in one "
        "of their sub-categories. Empty: any category.",
    )
    channel_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.channel",
        relation="grc_routing_rule_channel_rel",
        column1="rule_id",
        column2="channel_id",
        string="Channels",
        help="The request came through one of these channels. Empty: any channel.",
    )
    zip_codes = fields.Char(
        string="Postal codes",
        help="Postal codes of the place of the request, separated by commas. "
        "A trailing * matches every code that starts with it (e.g. 690*).",
    )
    district_names = fields.Char(
        string="Districts or communes",
        help="Names of districts or communes (for an intercommunality), separated "
        "by commas; compared with the district and the city of the request, "
        "ignoring case and accents. With postal codes, either one matches.",
    )
    keywords = fields.Char(
        help="Words or phrases separated by commas; one of them must appear in "
        "the subject or the description. Case and accents are ignored and a "
        "keyword matches words that start with it (“lampadaire” also matches "
        "“lampadaires”).",
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Target service",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('is_direction', '=', False)]",
    )
    priority = fields.Selection(
        selection=PRIORITIES,
        help="Priority given to the request (kept if the request already has a "
        "higher one). Empty: unchanged.",
    )
    tag_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.tag",
        relation="grc_routing_rule_tag_rel",
        column1="rule_id",
        column2="tag_id",
        string="Tags",
        help="Tags added to the request.",
    )
    note = fields.Text(help="Why this rule exists, for the next administrator.")
    ticket_count = fields.Integer(
        string="Requests routed", compute="_compute_ticket_count"
    )

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("routing_rule_id", "in", self.ids)],
                ["routing_rule_id"],
                ["__count"],
            )
        )
        for rule in self:
            rule.ticket_count = counts.get(rule, 0)

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_citoyen.helpdesk_ticket_action_grc"
        )
        action["domain"] = [("routing_rule_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------

    @api.constrains("team_id")
    def _check_team(self):
        for rule in self:
            if rule.team_id.is_direction:
                raise ValidationError(
                    self.env._(
                        "The rule “%(rule)s” targets %(team)s, which is a direction: "
                        "requests go to services. Choose one of its services.",
                        rule=rule.name,
                        team=rule.team_id.display_name,
                    )
                )

    @api.constrains("zip_codes")
    def _check_zip_codes(self):
        for rule in self:
            for code in split_list(rule.zip_codes):
                if not re.fullmatch(r"\d{5}|\d{1,5}\*", normalize_zip(code)):
                    raise ValidationError(
                        self.env._(
                            "“%(code)s” is not a postal code (rule “%(rule)s”). "
                            "Write five-digit codes such as 69001, or the start "
                            "of codes followed by * such as 690*, separated by "
                            "commas.",
                            code=code,
                            rule=rule.name,
                        )
                    )

    def _check_team_given(self, vals_list):
        # Checked before the database refuses the row, to say it clearly.
        for vals in vals_list:
            if "team_id" in vals and not vals["team_id"]:
                raise ValidationError(
                    self.env._(
                        "The routing rule “%(rule)s” has no target service: choose "
                        "the service its requests go to.",
                        rule=vals.get("name") or (self[:1].name if self else ""),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD: the compiled rules are cached per registry (grc.registry.cache.mixin)
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        default_team = self.env.context.get("default_team_id")
        self._check_team_given(
            [{"team_id": default_team, **vals} for vals in vals_list]
        )
        return super().create(vals_list)

    def write(self, vals):
        self._check_team_given([vals])
        return super().write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if "name" not in (default or {}):
            for rule, vals in zip(self, vals_list, strict=True):
                vals["name"] = self.env._("%s (copy)", rule.name)
        return vals_list
