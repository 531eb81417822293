# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.grc_citoyen_privacy.models.grc_retention_engine import (
    DEFAULT_RETENTION_MONTHS,
)


class GrcRetentionEngine(models.AbstractModel):
    """Retention, erasure and download of mandates (requests filed by a
    representative).

    A mandate proves that the citizen allowed the requests filed under it:
    it is kept while it is in force, then for the default retention period
    after it ended (its end date, or its revocation, which archives it), and
    as long as one of the requests filed under it still holds personal data.

    It is then deleted rather than anonymised: it holds nothing but personal
    data (who represents whom, the helper's habilitation number, the signed
    form, the consent) and no indicator reads it; what would be left once
    anonymised is an empty shell. The anonymised requests filed under it lose
    the name of their representative with it.
    """

    _inherit = "grc.retention.engine"

    @api.model
    def _expired_mandate_query(self, now):
        self.env["grc.mandate"].flush_model(["active", "date_to", "company_id"])
        self.env["helpdesk.ticket"].flush_model(["mandate_id", "grc_anonymised_date"])
        self.env["res.company"].flush_model(["grc_retention_months_default"])
        # Revoking a mandate archives it: its last change is, at the latest,
        # when it ended. A mandate in force without end date never expires.
        return SQL(
            """
            FROM grc_mandate m
            LEFT JOIN res_company c ON c.id = m.company_id
            WHERE CASE WHEN m.active THEN m.date_to
                       ELSE LEAST(m.date_to, m.write_date::date) END
                  + make_interval(months => COALESCE(
                        c.grc_retention_months_default, %(default)s))
                  <= %(now)s
              AND NOT EXISTS (SELECT 1 FROM helpdesk_ticket t
                               WHERE t.mandate_id = m.id
                                 AND t.grc_anonymised_date IS NULL)
            """,
            default=DEFAULT_RETENTION_MONTHS,
            now=now,
        )

    @api.model
    def _expired_mandates(self, now, limit=None):
        """Mandates ended for longer than the retention period, whose
        requests are all anonymised, oldest first."""
        query = SQL("SELECT m.id %s ORDER BY m.id", self._expired_mandate_query(now))
        if limit:
            query = SQL("%s LIMIT %s", query, limit)
        self.env.cr.execute(query)
        return self.env["grc.mandate"].browse(
            [row[0] for row in self.env.cr.fetchall()]
        )

    @api.model
    def _delete_mandates(self, mandates):
        """Delete ``mandates``, their signed forms and their chatter; return
        how many. Their requests must be anonymised already."""
        # sudo: the cron user or the deciding admin may not delete mandates nor
        # write the requests filed under them; the retention or erasure requires it.
        mandates = mandates.sudo().with_context(active_test=False).exists()
        if not mandates:
            return 0
        # sudo: the requests filed under them, in any service.
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False, tracking_disable=True)
            .search([("mandate_id", "in", mandates.ids)])
        )
        # Both go together: a request filed by proxy names its mandate.
        tickets.write({"proxy_partner_id": False, "mandate_id": False})
        # Files uploaded on the form may not be bound to the mandate's id.
        forms = mandates.attachment_ids.filtered(
            lambda attachment: attachment.res_model in (False, "grc.mandate")
        )
        count = len(mandates)
        # Messages, followers and files bound to the mandates go with them.
        mandates.unlink()
        forms.exists().unlink()
        return count

    @api.model
    def _anonymise_expired_records(self, now, batch_size):
        # After the requests: deleting a mandate waits for its requests.
        counts = super()._anonymise_expired_records(now, batch_size)
        counts["mandate_count"] = self._delete_mandates(
            self._expired_mandates(now, limit=batch_size)
        )
        self.env.cr.execute(SQL("SELECT COUNT(*) %s", self._expired_mandate_query(now)))
        counts["remaining_count"] += self.env.cr.fetchone()[0]
        return counts

    @api.model
    def _erase_citizen_records(self, partner):
        """The mandates the citizen gave end with the erasure of their data
        (their requests are anonymised first); those they hold for other
        citizens prove those citizens' requests and stay."""
        counts = super()._erase_citizen_records(partner)
        # sudo: every mandate the citizen gave, whatever the admin may read.
        counts["mandate_count"] = self._delete_mandates(
            self.env["grc.mandate"]
            .sudo()
            .with_context(active_test=False)
            .search([("beneficiary_id", "=", partner.id)])
        )
        return counts

    @api.model
    def _citizen_blocking_conditions(self, now):
        """A citizen who gave or holds a mandate is kept until it is deleted."""
        return super()._citizen_blocking_conditions(now) + [
            SQL(
                """EXISTS (SELECT 1 FROM grc_mandate m
                            WHERE m.beneficiary_id = p.id
                               OR m.representative_id = p.id)"""
            )
        ]

    # ------------------------------------------------------------------
    # Right of access: the mandates in the citizen's data download
    # ------------------------------------------------------------------

    @api.model
    def _export_citizen_records(self, partner, files):
        """Mandates the citizen gave (they are the beneficiary) and those they
        hold for others (they are the representative), with the signed forms
        of the former. The agents' note and chatter are internal and left
        out; a representative sees the terms of the mandate, not how the
        other citizen consented."""
        sections = super()._export_citizen_records(partner, files)
        # sudo: citizens may not read mandates; only those naming them are listed.
        mandates = (
            self.env["grc.mandate"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    ("beneficiary_id", "=", partner.id),
                    ("representative_id", "=", partner.id),
                ],
                order="date_from, id",
            )
        )
        given, held = [], []
        for mandate in mandates:
            terms = self._export_mandate_terms(mandate)
            if mandate.representative_id == partner:
                held.append(dict(terms, beneficiary=mandate.beneficiary_id.name))
            else:
                given.append(
                    dict(
                        terms,
                        representative=mandate.representative_id.name,
                        **self._export_mandate_consent(mandate, files),
                    )
                )
        sections.update(mandates_given=given, mandates_held=held)
        return sections

    @api.model
    def _export_mandate_terms(self, mandate):
        """What both parties of ``mandate`` know of it."""
        labels = {
            name: dict(mandate._fields[name]._description_selection(self.env))
            for name in ("kind", "scope")
        }
        return {
            "kind": labels["kind"].get(mandate.kind),
            "habilitation_number": mandate.habilitation_number or None,
            "scope": labels["scope"].get(mandate.scope),
            "request_types": mandate.request_type_ids.mapped("name"),
            "consent_given": mandate.consent_given,
            "valid_from": fields.Date.to_string(mandate.date_from),
            "valid_until": fields.Date.to_string(mandate.date_to) or None,
            "revoked": not mandate.active,
        }

    @api.model
    def _export_mandate_consent(self, mandate, files):
        """How the beneficiary consented to ``mandate``, and the signed form
        (appended to ``files``)."""
        methods = dict(
            mandate._fields["consent_method"]._description_selection(self.env)
        )
        signed = []
        for attachment in mandate.attachment_ids:
            name = re.sub(r"[^\w.\-]+", "_", attachment.name or "file")
            path = f"mandates/{mandate.id}/{attachment.id}-{name}"
            signed.append({"name": attachment.name, "file": path})
            files.append((path, attachment.raw or b""))
        return {
            "consent_date": fields.Date.to_string(mandate.consent_date) or None,
            "consent_method": methods.get(mandate.consent_method),
            "signed_mandate": signed,
        }
