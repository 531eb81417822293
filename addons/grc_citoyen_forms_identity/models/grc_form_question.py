# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class GrcFormQuestion(models.Model):
    _inherit = "grc.form.question"

    prefill = fields.Selection(
        selection_add=[
            ("given_names", "Given names"),
            ("family_name", "Family name"),
        ],
        ondelete={"given_names": "set null", "family_name": "set null"},
    )
