# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.helpdesk_ticket_stage import LETTER_KINDS


class ReportGrcRequestLetter(models.AbstractModel):
    """Letter to a citizen about their request, on the authority's letterhead."""

    _name = "report.grc_citoyen_letters.report_grc_request_letter"
    _description = "Letter to the citizen"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        docs = self.env["helpdesk.ticket"].browse(docids)
        kinds = {
            doc.id: data.get("kind")
            if data.get("kind") in dict(LETTER_KINDS)
            else doc._grc_letter_default_kind()
            for doc in docs
        }
        message = self.env["mail.message"]
        if data.get("message_id"):
            # sudo: whoever may print the request may quote its messages; only a
            # message of the printed request is searched.
            message = (
                self.env["mail.message"]
                .sudo()
                .search(
                    [
                        ("id", "=", int(data["message_id"])),
                        ("model", "=", "helpdesk.ticket"),
                        ("res_id", "in", docs.ids),
                    ]
                )
            )
        return {
            "doc_ids": docs.ids,
            "doc_model": "helpdesk.ticket",
            "docs": docs,
            "kinds": kinds,
            "letter_message": message,
            "letter_date": fields.Date.context_today(self),
        }
