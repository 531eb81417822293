# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from odoo.addons.grc_citoyen_privacy.models.helpdesk_ticket_retention import (
    ANONYMISED,
)

# Answers that only repeat the form's own words (a choice, yes or no) are
# not personal and keep the statistics of the démarche true.
CHOICE_KINDS = ("selection", "multi", "boolean")


class GrcRetentionEngine(models.AbstractModel):
    _inherit = "grc.retention.engine"

    @api.model
    def _anonymise_requests(self, requests):
        anonymised = super()._anonymise_requests(requests)
        # sudo: the cron user or the deciding admin may not write answers
        # (nobody does but the intake); the retention period decided it.
        answers = (
            self.env["grc.form.answer"]
            .sudo()
            .search(
                [
                    ("ticket_id", "in", anonymised.ids),
                    ("kind", "not in", CHOICE_KINDS),
                ]
            )
        )
        answers.attachment_ids.exists().unlink()
        answers.write(
            {
                "value_char": False,
                "value_text": False,
                "value_number": 0.0,
                "value_date": False,
                "display_value": ANONYMISED,
            }
        )
        # The requests' properties repeat answers: the choices' alone stay
        # (sudo: same reason as the answers').
        tickets = anonymised.sudo().filtered("grc_answer_properties")
        for ticket in tickets:
            kept = ticket.grc_form_answer_ids.filtered(lambda a: a.kind in CHOICE_KINDS)
            ticket.grc_answer_properties = (
                tickets._grc_answer_properties(
                    ticket.request_type_id, [answer._grc_cleaned() for answer in kept]
                )
                or False
            )
        # The files went with the request's (the chatter's): the checklist
        # keeps what was asked and what the agent made of it (sudo: same
        # reason as the answers').
        documents = (
            self.env["grc.request.document"]
            .sudo()
            .search([("ticket_id", "in", anonymised.ids)])
        )
        documents.attachment_id.exists().unlink()
        documents.write({"refusal_reason": False})
        return anonymised

    @api.model
    def _export_citizen_records(self, partner, files):
        records = super()._export_citizen_records(partner, files)
        # With the citizen's rights: the answers of their own requests.
        answers = self.env["grc.form.answer"].search(
            [("ticket_id.partner_id", "child_of", partner.commercial_partner_id.ids)],
            order="ticket_id, sequence, id",
        )
        documents = self.env["grc.request.document"].search(
            [("ticket_id.partner_id", "child_of", partner.commercial_partner_id.ids)],
            order="ticket_id, sequence, id",
        )
        states = dict(documents._fields["state"]._description_selection(self.env))
        records["form_answers"] = [
            {
                "request": answer.ticket_id.number,
                "section": answer.section or None,
                "question": answer.label,
                "answer": answer.display_value or None,
            }
            for answer in answers
        ]
        records["supporting_documents"] = [
            {
                "request": document.ticket_id.number,
                "document": document.name,
                "status": states[document.state],
                "file": document.attachment_id.name or None,
            }
            for document in documents
        ]
        return records
