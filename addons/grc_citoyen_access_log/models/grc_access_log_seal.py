# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .grc_access_log import GENESIS_HASH, _canonical

_logger = logging.getLogger(__name__)

SEAL_COLUMNS = ("kind", "seal_date", "last_sequence", "last_hash", "entry_count")


class GrcAccessLogSeal(models.Model):
    """A seal of the access log, kept apart from its entries: the sequence
    and hash of the last entry at a given time, itself chained to the seal
    before. Rewriting the log's tail, head included, no longer matches the
    seals; a purge leaves a seal from which the verification starts again."""

    _name = "grc.access.log.seal"
    _description = "Access log seal"
    _order = "id desc"
    _rec_name = "seal_date"
    _log_access = False

    kind = fields.Selection(
        selection=[("daily", "Daily seal"), ("purge", "Before a purge")],
        readonly=True,
        required=True,
    )
    seal_date = fields.Datetime(string="Date", readonly=True, required=True)
    last_sequence = fields.Integer(
        readonly=True, help="Place in the chain of the last entry sealed."
    )
    last_hash = fields.Char(readonly=True, help="Hash of the last entry sealed.")
    entry_count = fields.Integer(
        string="Entries", readonly=True, help="Entries in the log when sealed."
    )
    prev_seal_hash = fields.Char(string="Previous seal hash", readonly=True)
    seal_hash = fields.Char(readonly=True)
    problem_count = fields.Integer(
        string="Problems found",
        readonly=True,
        help="Altered, inserted or deleted entries found by the verification "
        "run with this seal.",
    )
    verification_report = fields.Text(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("Seals are made by the system only."))
        return super().create(vals_list)

    # pylint: disable=method-required-super
    # A seal is never changed nor deleted: nothing reaches the ORM's.
    def write(self, vals):
        raise UserError(self.env._("A seal cannot be changed."))

    def unlink(self):
        raise UserError(self.env._("A seal cannot be deleted."))

    # ------------------------------------------------------------------
    # Sealing
    # ------------------------------------------------------------------

    def _grc_seal_hash(self, key, prev_seal_hash, values):
        message = "\x1f".join(
            [prev_seal_hash] + [_canonical(values[c]) for c in SEAL_COLUMNS]
        )
        return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()

    @api.model
    def _grc_seal(self, kind="daily", last_sequence=None, last_hash=None, report=""):
        """Seal the log at its head (or at the given entry, before a purge)."""
        cr = self.env.cr
        if last_sequence is None:
            cr.execute(
                "SELECT last_sequence, last_hash FROM grc_access_log_head "
                "WHERE id = 1 FOR UPDATE"
            )
            last_sequence, last_hash = cr.fetchone()
        cr.execute("SELECT count(*) FROM grc_access_log")
        entry_count = cr.fetchone()[0]
        previous = self.search([], limit=1)
        values = {
            "kind": kind,
            "seal_date": fields.Datetime.now(),
            "last_sequence": last_sequence,
            "last_hash": last_hash,
            "entry_count": entry_count,
        }
        prev_seal_hash = previous.seal_hash or GENESIS_HASH
        key = self.env["grc.access.log"]._grc_key()
        values.update(
            prev_seal_hash=prev_seal_hash,
            seal_hash=self._grc_seal_hash(key, prev_seal_hash, values),
            problem_count=len(report.splitlines()) if report else 0,
            verification_report=report or False,
        )
        # sudo: seals are made by the system, whoever runs the action.
        return self.sudo().create(values)

    @api.model
    def _grc_chain_start(self):
        """(sequence, hash) the chain starts from: the last purge's seal."""
        purge = self.search([("kind", "=", "purge")], limit=1)
        if purge:
            return purge.last_sequence, purge.last_hash
        return 0, GENESIS_HASH

    @api.model
    def _grc_verify_seals(self, hashes, start_sequence):
        """Problems in the chain of seals and between seals and entries;
        ``hashes``: hash of each entry found, by sequence."""
        log = self.env["grc.access.log"]
        key = log._grc_key()
        problems = []
        prev_seal_hash = GENESIS_HASH
        for seal in self.search([], order="id"):
            values = {column: seal[column] for column in SEAL_COLUMNS}
            if (
                seal.prev_seal_hash != prev_seal_hash
                or self._grc_seal_hash(key, seal.prev_seal_hash, values)
                != seal.seal_hash
            ):
                problems.append(
                    {
                        "sequence": seal.last_sequence,
                        "kind": "altered",
                        "message": self.env._(
                            "The seal of %(date)s was altered.", date=seal.seal_date
                        ),
                    }
                )
            prev_seal_hash = seal.seal_hash
            sequence = seal.last_sequence
            if seal.kind != "daily" or sequence <= start_sequence:
                continue
            if sequence not in hashes:
                problems.append(log._grc_problem(sequence, "deleted", sequence))
            elif hashes[sequence] != seal.last_hash:
                problems.append(log._grc_problem(sequence, "altered"))
        return problems

    # ------------------------------------------------------------------
    # Scheduled action and manual check
    # ------------------------------------------------------------------

    @api.model
    def _grc_report(self, problems):
        seen, lines = set(), []
        for problem in sorted(problems, key=lambda p: p["sequence"]):
            if (problem["sequence"], problem["kind"]) not in seen:
                seen.add((problem["sequence"], problem["kind"]))
                lines.append(problem["message"])
        return "\n".join(lines)

    @api.model
    def _cron_seal_and_verify(self):
        """Daily: verify the whole chain, seal it, then purge the entries
        past their retention (only when the chain is intact: altered
        evidence is kept)."""
        log = self.env["grc.access.log"]
        report = self._grc_report(log._grc_verify())
        self._grc_seal("daily", report=report)
        if report:
            _logger.error("The access log was tampered with:\n%s", report)
            return False
        cutoff = fields.Datetime.now() - timedelta(days=log._grc_retention_days())
        purged = log._grc_purge(cutoff)
        if purged:
            _logger.info("Access log: %s entries past their retention purged", purged)
        return True

    @api.model
    def action_grc_verify(self):
        """Check the chain now and say what was found."""
        report = self._grc_report(self.env["grc.access.log"]._grc_verify())
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Access log verification"),
                "message": report
                or self.env._(
                    "The access log is intact: no entry was altered, "
                    "inserted or deleted."
                ),
                "type": "danger" if report else "success",
                "sticky": bool(report),
            },
        }
