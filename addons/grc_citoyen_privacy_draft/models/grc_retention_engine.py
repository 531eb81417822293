# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class GrcRetentionEngine(models.AbstractModel):
    """The démarches a citizen saved and did not send: in their data
    download, and deleted with their identity when they are anonymised
    (nothing of a draft is statistics)."""

    _inherit = "grc.retention.engine"

    @api.model
    def _anonymise_citizens(self, partners):
        # sudo: the cron and the DPO delete every draft of these citizens.
        self.env["grc.citizen.draft"].sudo().search(
            [("partner_id", "in", partners.ids)]
        ).unlink()
        return super()._anonymise_citizens(partners)

    @api.model
    def _export_citizen_records(self, partner, files):
        sections = super()._export_citizen_records(partner, files)
        # sudo: whoever asks for the download, only this citizen's drafts.
        drafts = (
            self.env["grc.citizen.draft"]
            .sudo()
            .search([("partner_id", "=", partner.id)], order="id")
        )
        saved = []
        for draft in drafts:
            names = []
            for attachment in draft._grc_saved_files():
                path = f"drafts/{draft.id}/{attachment.id}-{attachment.name}"
                files.append((path, attachment.raw or b""))
                names.append(path)
            saved.append(
                {
                    "demarche": draft.request_type_id.name,
                    "last_saved": fields.Datetime.to_string(draft.write_date),
                    "kept_until": fields.Datetime.to_string(draft.expiration_date),
                    "answers": draft.form_data or {},
                    "files": names,
                }
            )
        sections["saved_drafts"] = saved
        return sections
