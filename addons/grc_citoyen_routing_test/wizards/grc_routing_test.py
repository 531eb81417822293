# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import api, fields, models


class GrcRoutingTest(models.TransientModel):
    """An administrator describes a sample request and sees which routing rule
    takes it, and why each rule before it did not."""

    _name = "grc.routing.test"
    _description = "Test the routing rules"

    name = fields.Char(string="Subject")
    description = fields.Text()
    request_type_id = fields.Many2one(
        comodel_name="grc.request.type", string="Request type"
    )
    category_id = fields.Many2one(
        comodel_name="helpdesk.ticket.category", string="Category"
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel", string="Channel"
    )
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )
    location_zip = fields.Char(string="Postal code")
    location_city = fields.Char(string="City")
    location_district = fields.Char(string="District")
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Service",
        compute="_compute_result",
    )
    rule_id = fields.Many2one(
        comodel_name="grc.routing.rule", string="Rule", compute="_compute_result"
    )
    routing_origin = fields.Selection(
        selection=lambda self: self.env["helpdesk.ticket"]
        ._fields["routing_origin"]
        ._description_selection(self.env),
        string="Routed by",
        compute="_compute_result",
    )
    trace = fields.Text(compute="_compute_result")
    details = fields.Html(
        string="Rule by rule", compute="_compute_result", sanitize=False
    )

    @api.depends(
        "name",
        "description",
        "request_type_id",
        "category_id",
        "channel_id",
        "company_id",
        "location_zip",
        "location_city",
        "location_district",
    )
    def _compute_result(self):
        engine = self.env["grc.routing.engine"]
        for test in self:
            values = test._routing_values()
            team, rule, trace = engine._route(values)
            test.team_id = team
            test.rule_id = rule
            test.routing_origin = engine._routing_origin(team, rule, values)
            test.trace = trace
            test.details = test._details_html(engine._explain(values))

    def _routing_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "description": self.description,
            "request_type_id": self.request_type_id,
            "category_id": self.category_id,
            "channel_id": self.channel_id,
            "company_id": self.company_id,
            "location_zip": self.location_zip,
            "location_city": self.location_city,
            "location_district": self.location_district,
        }

    def _details_html(self, lines):
        if not lines:
            return Markup("<p>%s</p>") % self.env._("No active routing rule.")
        labels = {
            "match": self.env._("Matches"),
            "fail": self.env._("No"),
            "skipped": self.env._("Not tried"),
        }
        classes = {"match": "table-success", "fail": "", "skipped": "text-muted"}
        rows = Markup("").join(
            Markup("<tr class='%s'><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (classes[verdict], sequence, name, labels[verdict], reason)
            for _rule_id, name, sequence, verdict, reason in lines
        )
        head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            self.env._("Sequence"),
            self.env._("Rule"),
            self.env._("Result"),
            self.env._("Why"),
        )
        return Markup(
            "<table class='table table-sm'><thead>%s</thead><tbody>%s</tbody></table>"
        ) % (head, rows)
