# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from .helpdesk_ticket_stage import LETTER_KINDS

_logger = logging.getLogger(__name__)

# Letters a run generates before it commits and lets the cron call it again.
BATCH_SIZE = 20
# Tries before a letter that keeps failing is handed to the agents.
MAX_ATTEMPTS = 5


class GrcLetter(models.Model):
    """A letter to generate: the click that calls for a letter (a reply, a
    stage change, a new request) only queues it, and the cron renders the PDF
    after the commit, so the agent never waits for it. A letter stays queued
    until it is generated: a failing renderer delays it, never loses it."""

    _name = "grc.letter"
    _description = "Letter to the citizen"
    _order = "id"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Request",
        required=True,
        ondelete="cascade",
        index=True,
    )
    kind = fields.Selection(selection=LETTER_KINDS, required=True)
    message_id = fields.Many2one(
        comodel_name="mail.message",
        string="Message quoted",
        ondelete="set null",
        help="The agent's message the letter carries (letters of kind message).",
    )
    state = fields.Selection(
        selection=[
            ("to_generate", "To generate"),
            ("done", "Generated"),
            ("failed", "Not generated"),
        ],
        default="to_generate",
        required=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    error = fields.Text(readonly=True)
    attachment_id = fields.Many2one(
        comodel_name="ir.attachment", string="PDF", readonly=True, ondelete="set null"
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)

    @api.model
    def _grc_queue(self, tickets, kind, message=None):
        """Queue the letter ``kind`` of each request, generated after commit."""
        letters = self.create(
            [
                {
                    "ticket_id": ticket.id,
                    "kind": kind,
                    "message_id": message.id if message else False,
                }
                for ticket in tickets
            ]
        )
        cron = self.env.ref(
            "grc_citoyen_letters.ir_cron_grc_letters", raise_if_not_found=False
        )
        # One pending trigger wakes the cron for every letter queued until it
        # runs: the agent's click does not pay another (a row and a NOTIFY on
        # a new connection after the commit).
        # sudo: triggers are the scheduler's records, read to spare one.
        pending = (
            self.env["ir.cron.trigger"]
            .sudo()
            .search_count([("cron_id", "=", cron.id)], limit=1)
            if cron
            else True
        )
        if not pending:
            cron._trigger()
        return letters

    @api.model
    def _cron_grc_generate(self, limit=BATCH_SIZE):
        """Generate the letters waiting, a batch at a time (the cron commits
        between batches and calls again while some remain)."""
        letters = self.search([("state", "=", "to_generate")], limit=limit)
        letters._grc_generate()
        # A letter that failed for now waits for the next run: only those
        # settled count as done, so that the cron does not loop on it.
        done = letters.filtered(lambda letter: letter.state != "to_generate")
        remaining = self.search_count([("state", "=", "to_generate")])
        self.env["ir.cron"]._notify_progress(done=len(done), remaining=remaining)
        return letters

    def _grc_generate(self):
        for letter in self:
            ticket = letter.ticket_id
            try:
                with self.env.cr.savepoint():
                    attachment = ticket._grc_render_letter(
                        letter.kind, letter.message_id
                    )
            except UserError as error:
                # The letter cannot be made as the request stands: retrying
                # will not help, the agent prints it from the request.
                _logger.info(
                    "Letter %s of %s not generated: %s",
                    letter.kind,
                    ticket.number,
                    error,
                )
                letter.write({"state": "failed", "error": str(error)})
                ticket._grc_letter_failed(letter.kind, error)
                continue
            except Exception as error:  # noqa: BLE001 -- kept queued, retried
                _logger.warning(
                    "Letter %s of %s not generated yet (try %s): %s",
                    letter.kind,
                    ticket.number,
                    letter.attempts + 1,
                    error,
                )
                values = {"attempts": letter.attempts + 1, "error": str(error)}
                if values["attempts"] >= MAX_ATTEMPTS:
                    values["state"] = "failed"
                    ticket._grc_letter_failed(letter.kind, error)
                letter.write(values)
                continue
            letter.write(
                {"state": "done", "attachment_id": attachment.id, "error": False}
            )
