# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class GrcRetentionEngine(models.AbstractModel):
    _inherit = "grc.retention.engine"

    def _anonymise_citizens(self, partners):
        """The accounts of anonymised citizens lose their FranceConnect link:
        the person may come back later as a new citizen, and nothing links
        the archived account to their identity any more."""
        partners = super()._anonymise_citizens(partners)
        if partners:
            # sudo: only user administrators may write the online accounts;
            # the retention period or the DPO's decision requires it.
            users = (
                self.env["res.users"]
                .sudo()
                .with_context(active_test=False, grc_anonymising=True)
                .search(
                    [("partner_id", "in", partners.ids), ("oauth_uid", "!=", False)]
                )
            )
            users.write(
                {
                    "oauth_provider_id": False,
                    "oauth_uid": False,
                    "oauth_access_token": False,
                }
            )
        return partners
