# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, is_html_empty

from odoo.addons.grc_citoyen_privacy.models.helpdesk_ticket_retention import (
    ANONYMISED,
)
from odoo.addons.grc_reclamations.models.grc_reclamation_stage import STOPPED_STATES

DEFAULT_RECLAMATION_RETENTION_MONTHS = 60


class GrcRetentionEngine(models.AbstractModel):
    """Retention of complaints: closed complaints past the retention period
    of their company are anonymised like requests, and no longer keep their
    citizen from being anonymised; complaints still on file do."""

    _inherit = "grc.retention.engine"

    # ------------------------------------------------------------------
    # Expiry
    # ------------------------------------------------------------------

    @api.model
    def _expired_reclamation_query(self, now):
        self.env["grc.reclamation"].flush_model(
            [
                "state",
                "grc_anonymised_date",
                "closed_date",
                "answer_date",
                "received_date",
                "company_id",
            ]
        )
        self.env["res.company"].flush_model(["reclamation_retention_months"])
        self.env["grc.elimination.list.line"].flush_model(
            ["reclamation_id", "decision"]
        )
        self.env["grc.elimination.list"].flush_model(["state"])
        # Complaints closed before their closure was recorded fall back on
        # their answer, then their reception. A complaint on an elimination
        # list waits for its visa; one the archives keep is never proposed
        # again.
        return SQL(
            """
            FROM grc_reclamation r
            LEFT JOIN res_company c ON c.id = r.company_id
            WHERE r.state = 'closed'
              AND r.grc_anonymised_date IS NULL
              AND COALESCE(r.closed_date, r.answer_date, r.received_date)
                  + make_interval(months => COALESCE(
                        c.reclamation_retention_months, %(default)s))
                  <= %(now)s
              AND NOT EXISTS (
                    SELECT 1 FROM grc_elimination_list_line l
                      JOIN grc_elimination_list e ON e.id = l.list_id
                     WHERE l.reclamation_id = r.id
                       AND (e.state IN ('proposed', 'approved')
                            OR (l.decision = 'keep' AND e.state != 'cancelled')))
            """,
            default=DEFAULT_RECLAMATION_RETENTION_MONTHS,
            now=now,
        )

    @api.model
    def _expired_reclamations(self, now, limit=None):
        """Closed complaints, not anonymised yet, whose closure is older than
        the retention period of their company, oldest first."""
        query = SQL(
            "SELECT r.id %s ORDER BY COALESCE(r.closed_date, r.answer_date, "
            "r.received_date), r.id",
            self._expired_reclamation_query(now),
        )
        if limit:
            query = SQL("%s LIMIT %s", query, limit)
        self.env.cr.execute(query)
        return self.env["grc.reclamation"].browse(
            [row[0] for row in self.env.cr.fetchall()]
        )

    @api.model
    def _count_expired_reclamations(self, now):
        self.env.cr.execute(
            SQL("SELECT COUNT(*) %s", self._expired_reclamation_query(now))
        )
        return self.env.cr.fetchone()[0]

    # ------------------------------------------------------------------
    # Anonymisation
    # ------------------------------------------------------------------

    @api.model
    def _anonymise_reclamations(self, reclamations):
        """Remove the personal data of ``reclamations`` and detach them from
        their citizen; return the complaints anonymised now."""
        # sudo: the cron user or the deciding admin may not write every
        # complaint; the retention period or the erasure decided it.
        reclamations = reclamations.sudo().with_context(
            active_test=False, tracking_disable=True, grc_reclamation_no_mail=True
        )
        reclamations = reclamations.filtered(lambda rec: not rec.grc_anonymised_date)
        if not reclamations:
            return reclamations
        Reclamation = self.env["grc.reclamation"]
        citizens = reclamations.partner_id
        # Before the citizen link goes: they no longer follow the complaint.
        reclamations.message_unsubscribe(partner_ids=citizens.ids)
        reclamations.write(
            dict(
                Reclamation._grc_anonymised_values(),
                grc_anonymised_date=fields.Datetime.now(),
            )
        )
        for name, mark in Reclamation._grc_anonymised_texts().items():
            reclamations.filtered(
                lambda rec, name=name: not is_html_empty(rec[name])
            ).write({name: mark})
        for reason, group in reclamations.grouped("reason_id").items():
            group.write({"subject": reason.name or ANONYMISED})
        self._anonymise_chatter(
            Reclamation._name,
            reclamations.ids,
            Reclamation._grc_personal_tracked_fields(),
        )
        self._detach_chatter_partners(Reclamation._name, reclamations.ids, citizens)
        return Reclamation.browse(reclamations.ids)

    @api.model
    def _detach_chatter_partners(self, model, res_ids, partners):
        """What still leads from the messages of ``res_ids`` to ``partners``
        once the bodies are gone: authorship, recipients, notifications and
        the ids kept by the tracking of the citizen field."""
        # sudo: the caller may not edit others' messages nor notifications.
        env = self.sudo().env
        messages = env["mail.message"].search(
            [("model", "=", model), ("res_id", "in", res_ids)]
        )
        if not messages or not partners:
            return
        messages.filtered(lambda message: message.author_id in partners).write(
            {"author_id": False}
        )
        messages.filtered(lambda message: message.partner_ids & partners).write(
            {"partner_ids": [Command.unlink(partner.id) for partner in partners]}
        )
        env["mail.notification"].search(
            [
                ("mail_message_id", "in", messages.ids),
                ("res_partner_id", "in", partners.ids),
            ]
        ).unlink()
        env["mail.tracking.value"].search(
            [
                ("mail_message_id", "in", messages.ids),
                ("field_id.model", "=", model),
                ("field_id.name", "=", "partner_id"),
            ]
        ).write({"old_value_integer": 0, "new_value_integer": 0})

    # ------------------------------------------------------------------
    # Hooks of the engine
    # ------------------------------------------------------------------

    @api.model
    def _anonymise_expired_records(self, now, batch_size):
        counts = super()._anonymise_expired_records(now, batch_size)
        expired = self._expired_reclamations(now, limit=batch_size)
        # Public archives: listed for the archives' visa where the company
        # says so (grc_elimination_visa_required), destroyed at once otherwise.
        listed = expired.filtered("company_id.grc_elimination_visa_required")
        counts["proposed_count"] += len(
            self._grc_propose_reclamation_elimination(listed)
        )
        counts["reclamation_count"] = counts.get("reclamation_count", 0) + len(
            self._anonymise_reclamations(expired - listed)
        )
        counts["remaining_count"] += self._count_expired_reclamations(now)
        return counts

    @api.model
    def _grc_propose_reclamation_elimination(self, reclamations):
        """Add ``reclamations`` to the complaints' elimination list waiting
        for a visa of their company; return the lines created."""
        # sudo: the cron lists the complaints of every service.
        Lists = self.env["grc.elimination.list"].sudo()
        lines_values = []
        for company, recs in reclamations.sudo().grouped("company_id").items():
            elimination = Lists.search(
                [
                    ("state", "=", "proposed"),
                    ("kind", "=", "reclamation"),
                    ("company_id", "=", company.id),
                ],
                limit=1,
            ) or Lists.create({"kind": "reclamation", "company_id": company.id})
            months = (
                company.reclamation_retention_months
                or DEFAULT_RECLAMATION_RETENTION_MONTHS
            )
            for rec in recs:
                closed = rec.closed_date or rec.answer_date or rec.received_date
                lines_values.append(
                    {
                        "list_id": elimination.id,
                        "reclamation_id": rec.id,
                        "reference": rec.name,
                        "closed_date": closed,
                        "due_date": closed and closed + relativedelta(months=months),
                    }
                )
        # sudo: the lines are the system's, like the lists above.
        return self.env["grc.elimination.list.line"].sudo().create(lines_values)

    @api.model
    def _grc_eliminate_lines(self, lines):
        counts = super()._grc_eliminate_lines(lines)
        # sudo: the visa decided it, whatever complaints the caller may read.
        reclamations = lines.sudo().reclamation_id
        counts["reclamation_count"] = len(self._anonymise_reclamations(reclamations))
        return counts

    @api.model
    def _citizen_blocking_conditions(self, now):
        """A complaint still on file keeps its citizen: open, or closed within
        its retention period. Anonymised ones no longer point to them."""
        return super()._citizen_blocking_conditions(now) + [
            SQL(
                """EXISTS (SELECT 1 FROM grc_reclamation r
                            WHERE r.partner_id = p.id
                              AND r.grc_anonymised_date IS NULL)"""
            )
        ]

    @api.model
    def _check_erasure(self, partner):
        """Refuse to erase the data of a citizen whose complaints are still
        being handled (not answered, nor found not admissible)."""
        res = super()._check_erasure(partner)
        # sudo: an open complaint blocks the erasure even if the admin cannot see it.
        open_reclamations = (
            self.env["grc.reclamation"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "=", partner.id),
                    "|",
                    ("state", "=", False),
                    ("state", "not in", STOPPED_STATES),
                ]
            )
        )
        if open_reclamations:
            raise UserError(
                self.env._(
                    "%(name)s still has complaints being handled (%(refs)s): "
                    "they must be answered before their personal data can be "
                    "erased.",
                    name=partner.display_name,
                    refs=", ".join(open_reclamations.mapped("name")),
                )
            )
        return res

    @api.model
    def _erase_citizen_records(self, partner):
        counts = super()._erase_citizen_records(partner)
        # sudo: every complaint of the citizen, whatever the admin may read.
        counts["reclamation_count"] = len(
            self._anonymise_reclamations(
                self.env["grc.reclamation"]
                .sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("partner_id", "=", partner.id),
                        ("grc_anonymised_date", "=", False),
                    ]
                )
            )
        )
        return counts
