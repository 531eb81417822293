# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from ..tools.normalize import html_to_text, words

# Words of a search that say nothing of the démarche ("un nid de poule dans
# ma rue"): French articles, prepositions, possessives and pronouns.
SEARCH_STOP_WORDS = frozenset(
    "a au aux avec ce ces d dans de des du en et j je l la le les m ma mes mon "
    "n ne nos notre ou par pas pour qu que qui sa se ses son sur t ta tes ton "
    "un une vos votre y".split()
)


class GrcRequestType(models.Model):
    """The catalogue of démarches a citizen can ask for."""

    _name = "grc.request.type"
    _description = "Request type"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(help="Short code, unique per authority.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
    )
    category_id = fields.Many2one(
        comodel_name="helpdesk.ticket.category",
        string="Category",
        index=True,
        help="Where the type is shown in the catalogue; categories nest.",
    )
    search_keywords = fields.Char(
        translate=True,
        help="Other words citizens use for this démarche, found by the search "
        "of the catalogue (for example: poubelle, container, ordures).",
    )
    description = fields.Html(
        string="Description for citizens",
        translate=True,
        help="What the démarche is for and what the citizen must provide.",
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Default service",
        index=True,
        tracking=True,
        domain=[("is_direction", "=", False)],
        help="Service that handles these requests when no routing rule applies.",
    )
    sla_target = fields.Float(
        string="Target delay",
        tracking=True,
        help="Time to resolve a request of this type, counted in working time. "
        "Empty: the service default applies.",
    )
    sla_unit = fields.Selection(
        selection=[("hours", "Working hours"), ("days", "Working days")],
        string="Delay unit",
        default="days",
    )
    is_published = fields.Boolean(
        string="Published on the portal",
        default=True,
        help="Citizens can file this démarche online.",
    )
    location_required = fields.Boolean(
        help="The citizen must give an address or a point on the map."
    )
    attachments_allowed = fields.Boolean(default=True)
    is_confidential = fields.Boolean(
        string="Confidential",
        help="Requests of this type are visible only to the agents of their service.",
    )
    ticket_ids = fields.One2many(
        comodel_name="helpdesk.ticket",
        inverse_name="request_type_id",
        string="Requests",
    )
    ticket_count = fields.Integer(
        string="Requests count", compute="_compute_ticket_count"
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a request type must be unique.",
        ),
    ]

    @api.depends("ticket_ids")
    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("request_type_id", "in", self.ids)],
                groupby=["request_type_id"],
                aggregates=["__count"],
            )
        )
        for request_type in self:
            request_type.ticket_count = counts.get(request_type, 0)

    def action_view_requests(self):
        """Requests of this type, from the smart button of the form."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "grc_citoyen.helpdesk_ticket_action_grc"
        )
        action["domain"] = [("request_type_id", "=", self.id)]
        action["context"] = {"default_request_type_id": self.id}
        return action

    @api.model
    def _grc_search_words(self, text):
        """The words of a search that count: without accents, case, hyphens
        nor stop words, and without the plural's final s or x."""
        return [
            word[:-1] if len(word) > 3 and word[-1] in "sx" else word
            for word in words(text)
            if word not in SEARCH_STOP_WORDS
        ]

    def _grc_catalogue_search(self, text):
        """The types among ``self`` whose name, keywords, category or
        description hold every word of ``text`` (or a word that starts
        with it): "nid de poule" finds "Nid-de-poule", "poubelles" finds the
        type whose keywords say "poubelle"."""
        wanted = self._grc_search_words(text)
        if not wanted:
            return self
        found = self.browse()
        for request_type in self:
            haystack = self._grc_search_words(
                " ".join(
                    [
                        request_type.name or "",
                        request_type.search_keywords or "",
                        request_type.category_id.complete_name or "",
                        html_to_text(request_type.description),
                    ]
                )
            )
            if all(
                any(word.startswith(query) for word in haystack) for query in wanted
            ):
                found |= request_type
        return found
