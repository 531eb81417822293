# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class GrcRetentionLog(models.Model):
    """Trace of each anonymisation run (RGPD accountability): when, why and
    how many records, never whose."""

    _name = "grc.retention.log"
    _description = "Anonymisation run"
    _order = "date desc, id desc"
    _rec_name = "date"

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    trigger = fields.Selection(
        selection=[
            ("cron", "Retention period over"),
            ("erasure", "Erasure request"),
            ("elimination", "Elimination list approved"),
        ],
        required=True,
        readonly=True,
    )
    request_count = fields.Integer(string="Requests anonymised", readonly=True)
    proposed_count = fields.Integer(
        string="Requests proposed for elimination",
        readonly=True,
        help="Requests past their retention period added to an elimination "
        "list, waiting for the archives' visa.",
    )
    interaction_count = fields.Integer(string="Interactions anonymised", readonly=True)
    citizen_count = fields.Integer(string="Citizens anonymised", readonly=True)
    remaining_count = fields.Integer(
        string="Left for the next run",
        readonly=True,
        help="Records past their retention period beyond this run's batch.",
    )
    erasure_request_id = fields.Many2one(
        comodel_name="grc.erasure.request", readonly=True, ondelete="set null"
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Run by",
        default=lambda self: self.env.user,
        readonly=True,
    )

    @api.model
    def _log_run(self, counts, trigger, erasure_request=None):
        """Record (and log) the counts of one anonymisation run; each count
        goes to the field of the same name (other addons add theirs)."""
        values = {
            key: count
            for key, count in counts.items()
            if key.endswith("_count") and key in self._fields
        }
        values.update(
            trigger=trigger,
            erasure_request_id=erasure_request and erasure_request.id,
        )
        _logger.info(
            "Anonymisation (%s): %s; %s left for the next run",
            trigger,
            ", ".join(
                f"{count} {key.removesuffix('_count')}"
                for key, count in sorted(counts.items())
                if key != "remaining_count"
            ),
            counts.get("remaining_count", 0),
        )
        # sudo: the log is read only for everyone; the engine records its runs.
        return self.sudo().create(values)
