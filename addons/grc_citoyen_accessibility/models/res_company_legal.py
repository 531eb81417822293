# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResCompany(models.Model):
    """What the legal notice of the authority's website must state (law
    2004-575 "LCEN", article 6 III) beyond the authority's own details, the
    contact of its data protection officer (GDPR, article 37)."""

    _inherit = "res.company"

    grc_legal_publisher = fields.Char(
        string="Director of publication",
        help="The person legally responsible for the website's content, "
        "usually the mayor or the president of the authority.",
    )
    grc_legal_host = fields.Text(
        string="Website host",
        help="Name, address and phone number of the company that hosts the "
        "website, as the legal notice must state them.",
    )
    grc_dpo_email = fields.Char(
        string="Data protection officer (e-mail)",
        help="Where citizens write to exercise their rights on their personal "
        "data; the authority's e-mail address when left empty.",
    )
