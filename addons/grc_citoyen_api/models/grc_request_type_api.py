# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class GrcRequestType(models.Model):
    """The public catalogue of the mobile app API (routers/grc_api_v1_public.py):
    what anyone may see, without signing in, to build a submission form."""

    _inherit = "grc.request.type"

    @api.model
    def _grc_public_domain(self, category_id=None):
        """Published types that are not confidential, nor handled by a
        confidential service (their requests would be confidential). Searched
        as the public user, whose record rules add the company's catalogue."""
        # sudo: visitors may not read services, yet every confidential one counts.
        confidential_teams = (
            self.env["helpdesk.ticket.team"]
            .sudo()
            .with_context(active_test=False)
            .search([("is_confidential", "=", True)])
        )
        domain = [
            ("is_published", "=", True),
            ("is_confidential", "=", False),
            ("team_id", "not in", confidential_teams.ids),
        ]
        if category_id:
            domain.append(("category_id", "child_of", category_id))
        return domain

    @api.model
    def _grc_public_category_domain(self):
        """Categories of the public types and the categories above them, so
        that the catalogue can be shown as a tree."""
        groups = self._read_group(self._grc_public_domain(), groupby=["category_id"])
        # sudo: the company rule may hide a category from the visitor; only its
        # path is read, to list the categories above the published types.
        paths = [category.sudo().parent_path or "" for (category,) in groups]
        ids = {int(part) for path in paths for part in path.split("/") if part}
        return [("id", "in", sorted(ids))]
