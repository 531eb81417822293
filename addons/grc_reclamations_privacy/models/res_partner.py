# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import html2plaintext

from odoo.addons.grc_reclamations.models.grc_reclamation_stage import STOPPED_STATES


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Right of access: the citizen's complaints in their data download

    def _grc_personal_data_export(self):
        data, files = super()._grc_personal_data_export()
        data["complaints"] = self._grc_export_reclamations()
        return data, files

    def _grc_export_reclamations(self):
        """The citizen's complaints as they see them on the portal, searched
        with their own rights: the answer once sent, the public messages;
        the analysis, its conclusions and the internal notes stay internal."""
        self.ensure_one()
        reclamations = self.env["grc.reclamation"].search(
            [("partner_id", "child_of", self.commercial_partner_id.ids)],
            order="received_date, id",
        )
        # sudo: portal users may not search messages; only the public ones of
        # the complaints found above with the citizen's rights are read.
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "grc.reclamation"),
                    ("res_id", "in", reclamations.ids),
                    ("message_type", "in", ("comment", "email")),
                    ("subtype_id.internal", "=", False),
                ],
                order="date, id",
            )
            .grouped("res_id")
        )
        return [
            self._grc_export_reclamation(rec, messages.get(rec.id, []))
            # sudo: read as the portal page does (found with the citizen's rights).
            for rec in reclamations.sudo()
        ]

    def _grc_export_reclamation(self, rec, messages):
        answered = rec.state in STOPPED_STATES
        return {
            "reference": rec.name,
            "subject": rec.subject,
            "reason": rec.reason_id.name or None,
            "status": rec.stage_id.name or None,
            "received_on": fields.Datetime.to_string(rec.received_date),
            "answered_on": fields.Datetime.to_string(rec.answer_date) or None,
            "closed_on": fields.Datetime.to_string(rec.closed_date) or None,
            "description": html2plaintext(rec.description or "").strip(),
            "answer": answered
            and html2plaintext(rec.answer_body or "").strip()
            or None,
            "why_not_admissible": rec.state == "not_admissible"
            and rec.inadmissible_reason
            or None,
            "your_opinion": rec.citizen_satisfaction or None,
            "your_feedback": rec.citizen_feedback or None,
            "messages": [
                {
                    "date": fields.Datetime.to_string(message.date),
                    "author": message.author_id.name or None,
                    "body": html2plaintext(message.body or "").strip(),
                }
                for message in messages
            ],
        }
