# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class GrcCitizenDraft(models.Model):
    _inherit = "grc.citizen.draft"

    def action_grc_frontdesk_complete(self):
        """From the console (or the list of saved démarches): finish the
        citizen's online démarche with them at the front desk."""
        self.ensure_one()
        channel = self.env["helpdesk.ticket"]._grc_console_channel()
        return self.env["grc.frontdesk.completion"]._grc_open(
            draft=self, channel=channel
        )
