# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ResPartner(models.Model):
    """A citizen is a partner: one record whatever the channel they use."""

    _inherit = "res.partner"

    is_citizen = fields.Boolean(
        string="Citizen",
        index=True,
        help="This contact is a user of the authority's public services.",
    )
    citizen_number = fields.Char(
        copy=False,
        index=True,
        readonly=True,
        help="Number of the citizen in the referential, given on creation.",
    )
    birthdate = fields.Date(
        string="Date of birth", help="Helps tell two homonyms apart."
    )
    preferred_channel = fields.Selection(
        selection=[
            ("email", "E-mail"),
            ("phone", "Phone"),
            ("sms", "SMS"),
            ("post", "Post"),
            ("portal", "Online account"),
        ],
        default="email",
        help="How the citizen wants to be contacted.",
    )
    consent_email = fields.Boolean(
        string="Agrees to e-mails", default=True, tracking=True
    )
    consent_sms = fields.Boolean(string="Agrees to SMS", tracking=True)
    consent_post = fields.Boolean(
        string="Agrees to letters", default=True, tracking=True
    )
    support_need_ids = fields.Many2many(
        comodel_name="grc.support.need",
        string="Support needs",
        help="Shown to every agent who opens this citizen or one of their requests.",
    )
    support_note = fields.Text(
        help="How to help this citizen (interpreter, large print, call back...)."
    )
    grc_interaction_ids = fields.One2many(
        comodel_name="grc.interaction", inverse_name="partner_id", string="Interactions"
    )

    _sql_constraints = [
        (
            "citizen_number_uniq",
            "unique(citizen_number)",
            "Two citizens cannot share the same number.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("is_citizen") and not vals.get("citizen_number"):
                vals["citizen_number"] = sequence.next_by_code("grc.citizen")
        return super().create(vals_list)
