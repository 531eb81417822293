# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, is_html_empty

from odoo.addons.grc_citoyen.models.res_partner import FINISHED_REQUEST_STATES

from .helpdesk_ticket_retention import ANONYMISED, ANONYMISED_HTML

_logger = logging.getLogger(__name__)

# Requests whose retention period runs: nothing more will happen to them.
RETAINED_REQUEST_STATES = ("closed", "cancelled")
DEFAULT_RETENTION_MONTHS = 60


class GrcRetentionEngine(models.AbstractModel):
    """Retention of personal data (RGPD): which records have outlived their
    retention period, and their anonymisation.

    Anonymisation replaces what identifies a citizen (free text, contact
    details, street, coordinates, files, message bodies) and keeps what the
    statistics read (type, service, channel, dates, deadlines, satisfaction,
    postal code, district and city), so indicators stay true. Records keep
    their links: an anonymised request still belongs to its (anonymised)
    citizen. Every method is idempotent: anonymised records carry
    ``grc_anonymised_date`` and are never selected again.
    """

    _name = "grc.retention.engine"
    _description = "Retention of personal data"

    # ------------------------------------------------------------------
    # Requests
    # ------------------------------------------------------------------

    @api.model
    def _expired_requests(self, now, limit=None):
        """Closed or cancelled requests, not anonymised yet, whose closure is
        older than the retention period of their type (or, when the type sets
        none, the default of their company), oldest first."""
        return self.env["helpdesk.ticket"].browse(
            self._expired_request_ids(now, limit=limit)
        )

    @api.model
    def _expired_request_query(self, now):
        self.env["helpdesk.ticket"].flush_model(
            [
                "grc_state",
                "grc_anonymised_date",
                "closure_date",
                "closed_date",
                "resolution_date",
                "last_stage_update",
                "request_type_id",
                "company_id",
            ]
        )
        self.env["grc.request.type"].flush_model(["retention_months"])
        self.env["res.company"].flush_model(["grc_retention_months_default"])
        self.env["grc.elimination.list.line"].flush_model(["ticket_id", "decision"])
        self.env["grc.elimination.list"].flush_model(["state"])
        # The closure is the last thing that happened to the request; older
        # data without it fall back on the resolution then the last move.
        # A request on an elimination list waits for its visa; one the
        # archives decided to keep is never proposed again.
        return SQL(
            """
            FROM helpdesk_ticket t
            LEFT JOIN grc_request_type rt ON rt.id = t.request_type_id
            LEFT JOIN res_company c ON c.id = t.company_id
            WHERE t.grc_state IN %(states)s
              AND t.grc_anonymised_date IS NULL
              AND COALESCE(t.closure_date, t.closed_date, t.resolution_date,
                           t.last_stage_update, t.create_date)
                  + make_interval(months => COALESCE(
                        NULLIF(rt.retention_months, 0),
                        c.grc_retention_months_default,
                        %(default)s))
                  <= %(now)s
              AND NOT EXISTS (
                    SELECT 1 FROM grc_elimination_list_line l
                      JOIN grc_elimination_list e ON e.id = l.list_id
                     WHERE l.ticket_id = t.id
                       AND (e.state IN ('proposed', 'approved')
                            OR (l.decision = 'keep' AND e.state != 'cancelled')))
            """,
            states=RETAINED_REQUEST_STATES,
            default=DEFAULT_RETENTION_MONTHS,
            now=now,
        )

    @api.model
    def _expired_request_ids(self, now, limit=None):
        query = SQL(
            "SELECT t.id %s ORDER BY COALESCE(t.closure_date, t.closed_date), t.id",
            self._expired_request_query(now),
        )
        if limit:
            query = SQL("%s LIMIT %s", query, limit)
        self.env.cr.execute(query)
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _count_expired_requests(self, now):
        self.env.cr.execute(SQL("SELECT COUNT(*) %s", self._expired_request_query(now)))
        return self.env.cr.fetchone()[0]

    @api.model
    def _anonymise_requests(self, requests):
        """Remove the personal data of ``requests`` (and of the interactions
        that opened them); return the requests anonymised now."""
        # sudo: the cron user or the deciding admin may not write every service's
        # requests; the retention period or the erasure decided it.
        requests = requests.sudo().with_context(
            active_test=False, tracking_disable=True
        )
        requests = requests.filtered(lambda ticket: not ticket.grc_anonymised_date)
        if not requests:
            return requests
        Ticket = self.env["helpdesk.ticket"]
        values = dict(Ticket._grc_anonymised_values())
        values["grc_anonymised_date"] = fields.Datetime.now()
        requests.write(values)
        requests.filtered(
            lambda ticket: not is_html_empty(ticket.grc_resolution)
        ).write({"grc_resolution": ANONYMISED_HTML})
        # The subject is typed by the citizen: the type says what it was about.
        for request_type, tickets in requests.grouped("request_type_id").items():
            tickets.write({"name": request_type.name or ANONYMISED})
        self._anonymise_chatter(
            Ticket._name, requests.ids, Ticket._grc_personal_tracked_fields()
        )
        # sudo: the interactions that opened them, whichever service logged them.
        interactions = (
            self.env["grc.interaction"]
            .with_context(active_test=False)
            .sudo()
            .search(
                [
                    ("ticket_id", "in", requests.ids),
                    ("grc_anonymised_date", "=", False),
                ]
            )
        )
        self._anonymise_interactions(interactions)
        return Ticket.browse(requests.ids)

    # ------------------------------------------------------------------
    # Interactions
    # ------------------------------------------------------------------

    @api.model
    def _expired_interactions(self, now, limit=None):
        """Interactions older than the default retention of their company,
        not anonymised yet; those that opened a request follow the request."""
        Interaction = self.env["grc.interaction"]
        Interaction.flush_model(["date", "grc_anonymised_date", "ticket_id"])
        self.env["helpdesk.ticket"].flush_model(["grc_anonymised_date"])
        self.env["res.company"].flush_model(["grc_retention_months_default"])
        query = SQL(
            """
            SELECT i.id
              FROM grc_interaction i
              LEFT JOIN res_company c ON c.id = i.company_id
              LEFT JOIN helpdesk_ticket t ON t.id = i.ticket_id
             WHERE i.grc_anonymised_date IS NULL
               AND (i.ticket_id IS NULL OR t.grc_anonymised_date IS NOT NULL)
               AND i.date + make_interval(months => COALESCE(
                       c.grc_retention_months_default, %(default)s)) <= %(now)s
             ORDER BY i.date, i.id
            """,
            default=DEFAULT_RETENTION_MONTHS,
            now=now,
        )
        if limit:
            query = SQL("%s LIMIT %s", query, limit)
        self.env.cr.execute(query)
        return self.env["grc.interaction"].browse(
            [row[0] for row in self.env.cr.fetchall()]
        )

    @api.model
    def _anonymise_interactions(self, interactions):
        # sudo: interactions of every service and company, beyond the caller's rights.
        interactions = interactions.sudo().with_context(tracking_disable=True)
        interactions = interactions.filtered(lambda i: not i.grc_anonymised_date)
        if not interactions:
            return interactions
        Interaction = self.env["grc.interaction"]
        interactions.write(
            dict(
                Interaction._grc_anonymised_values(),
                grc_anonymised_date=fields.Datetime.now(),
            )
        )
        self._anonymise_chatter(
            Interaction._name,
            interactions.ids,
            Interaction._grc_personal_tracked_fields(),
        )
        return Interaction.browse(interactions.ids)

    # ------------------------------------------------------------------
    # Citizens
    # ------------------------------------------------------------------

    @api.model
    def _citizen_retention_cutoffs(self, now):
        """Before these dates, a citizen's own record and their online
        account activity no longer keep them. The longest default retention
        of the companies applies: citizens are shared between them."""
        # sudo: every company counts, not only those the caller may read.
        companies = self.env["res.company"].sudo().search([])
        months = (
            max(companies.mapped("grc_retention_months_default") or [0])
            or DEFAULT_RETENTION_MONTHS
        )
        years = max(companies.mapped("grc_portal_inactivity_years") or [0])
        return now - relativedelta(months=months), now - relativedelta(years=years)

    @api.model
    def _citizen_blocking_conditions(self, now):
        """SQL conditions on the citizen ``p`` that keep them from being
        anonymised: anything of theirs not anonymised yet.

        Override to add the records of other addons (complaints...), e.g.
        ``EXISTS (SELECT 1 FROM grc_reclamation r WHERE r.partner_id = p.id
        AND r.grc_anonymised_date IS NULL)``.
        """
        _cutoff, login_cutoff = self._citizen_retention_cutoffs(now)
        return [
            SQL(
                """EXISTS (SELECT 1 FROM helpdesk_ticket t
                            WHERE t.partner_id = p.id
                              AND t.grc_anonymised_date IS NULL)"""
            ),
            SQL(
                """EXISTS (SELECT 1 FROM grc_interaction i
                            WHERE i.partner_id = p.id
                              AND i.grc_anonymised_date IS NULL)"""
            ),
            # Agents and the authority itself are never anonymised here.
            SQL(
                """EXISTS (SELECT 1 FROM res_users u
                            WHERE u.partner_id = p.id AND NOT u.share)"""
            ),
            SQL("EXISTS (SELECT 1 FROM res_company rc WHERE rc.partner_id = p.id)"),
            SQL(
                """EXISTS (SELECT 1 FROM res_users u
                             JOIN res_users_log l ON l.create_uid = u.id
                            WHERE u.partner_id = p.id
                              AND l.create_date > %(cutoff)s)""",
                cutoff=login_cutoff,
            ),
        ]

    @api.model
    def _citizens_to_anonymise(self, now, limit=None):
        """Citizens left with nothing to keep: no request nor interaction that
        is not anonymised, no recent login, and known for longer than the
        retention period."""
        self.env.flush_all()
        cutoff, _login_cutoff = self._citizen_retention_cutoffs(now)
        query = SQL(
            """
            SELECT p.id FROM res_partner p
             WHERE p.is_citizen
               AND p.grc_anonymised_date IS NULL
               AND p.create_date <= %(cutoff)s
               AND NOT (%(blocking)s)
             ORDER BY p.id
            """,
            cutoff=cutoff,
            blocking=SQL(" OR ").join(self._citizen_blocking_conditions(now)),
        )
        if limit:
            query = SQL("%s LIMIT %s", query, limit)
        self.env.cr.execute(query)
        return self.env["res.partner"].browse(
            [row[0] for row in self.env.cr.fetchall()]
        )

    @api.model
    def _anonymise_citizens(self, partners):
        """Remove the identity and contact details of ``partners``, archive
        them and their online accounts; their requests and interactions
        must be anonymised already."""
        # sudo: agents may not blank nor archive citizens; the retention period
        # or the erasure decided by the DPO requires it.
        partners = partners.sudo().with_context(
            active_test=False, tracking_disable=True
        )
        partners = partners.filtered(lambda p: not p.grc_anonymised_date)
        if not partners:
            return partners
        # sudo: only user administrators may read and write the online accounts.
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids)])
        )
        internal = users.filtered(lambda user: not user.share)
        if internal:
            raise UserError(
                self.env._(
                    "%(names)s are users of the back office: they cannot be "
                    "anonymised as citizens.",
                    names=", ".join(internal.mapped("name")),
                )
            )
        for user in users.with_context(grc_anonymising=True):
            user.write(
                {
                    "login": f"__grc_anonymised_{user.id}",
                    "password": "",
                    # The signature Odoo writes at sign-up holds their name.
                    "signature": False,
                    "active": False,
                }
            )
        users.api_key_ids._remove()
        Partner = self.env["res.partner"]
        # Archiving checks for active users: archived ones must not count.
        partners = partners.with_context(active_test=True)
        partners.write(
            dict(
                Partner._grc_anonymised_values(),
                grc_anonymised_date=fields.Datetime.now(),
            )
        )
        # One name per citizen: a single UPDATE rather than one per record.
        partners.flush_recordset(["name"])
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET name = %s || id WHERE id IN %s",
                Partner._grc_anonymised_name_prefix(),
                tuple(partners.ids),
            )
        )
        partners.invalidate_recordset(["name"])
        partners.modified(["name"])
        # Everything tracked on a citizen is about them.
        self._anonymise_chatter(Partner._name, partners.ids, None)
        # sudo: their address in the header of the messages they wrote on
        # records the caller may not read.
        self.env["mail.message"].sudo().search(
            [("author_id", "in", partners.ids), ("email_from", "!=", False)]
        ).write({"email_from": False})
        # sudo: pages they visited and where they connected from (website and
        # device logs are for administrators).
        self.env["website.visitor"].sudo().search(
            [("partner_id", "in", partners.ids)]
        ).unlink()
        self.env["res.device.log"].sudo().search(
            [("user_id", "in", users.ids)]
        ).unlink()
        # sudo: their phones and browsers registered for web push (mail's
        # devices, those of the citizen's app included): an endpoint points
        # at one device, and nothing may be pushed to an anonymised citizen.
        self.env["mail.push.device"].sudo().search(
            [("partner_id", "in", partners.ids)]
        ).unlink()
        return Partner.browse(partners.ids)

    # ------------------------------------------------------------------
    # Messages, files and activities of anonymised records
    # ------------------------------------------------------------------

    @api.model
    def _anonymise_chatter(self, model, res_ids, personal_fields):
        """Message bodies replaced, files removed, activities dropped and the
        tracked values of ``personal_fields`` (all fields when None) cleared
        on the records ``res_ids`` of ``model``."""
        if not res_ids:
            return
        # sudo: the caller may not edit others' messages, files nor activities.
        env = self.sudo().with_context(active_test=False).env
        messages = env["mail.message"].search(
            [("model", "=", model), ("res_id", "in", res_ids)]
        )
        attachments = env["ir.attachment"].search(
            [("res_model", "=", model), ("res_id", "in", res_ids)]
        )
        (attachments | messages.attachment_ids).unlink()
        env["mail.activity"].search(
            [("res_model", "=", model), ("res_id", "in", res_ids)]
        ).unlink()
        if not messages:
            return
        messages.filtered(lambda message: not is_html_empty(message.body)).write(
            {"body": ANONYMISED_HTML}
        )
        # The reply-to address names the record (its subject), typed by the
        # citizen; found by the canary scan (tests/test_elimination_canary.py).
        messages.write(
            {
                "subject": False,
                "email_from": False,
                "record_name": False,
                "reply_to": False,
            }
        )
        tracking_domain = [("mail_message_id", "in", messages.ids)]
        if personal_fields is not None:
            tracking_domain += [
                ("field_id.model", "=", model),
                ("field_id.name", "in", personal_fields),
            ]
        env["mail.tracking.value"].search(tracking_domain).write(
            {
                "old_value_char": False,
                "new_value_char": False,
                "old_value_text": False,
                "new_value_text": False,
            }
        )
        env["mail.notification"].search(
            [("mail_message_id", "in", messages.ids)]
        ).write({"failure_reason": False})
        env["mail.mail"].search([("mail_message_id", "in", messages.ids)]).write(
            {"body_html": False, "email_to": False, "email_cc": False}
        )

    # ------------------------------------------------------------------
    # Erasure of one citizen's data, on their request
    # ------------------------------------------------------------------

    @api.model
    def _check_erasure(self, partner):
        """Refuse to erase the data of a citizen whose requests are open."""
        partner.ensure_one()
        # sudo: an open request blocks the erasure even in a service or company
        # the deciding admin may not read.
        open_requests = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "=", partner.id),
                    "|",
                    ("grc_state", "=", False),
                    ("grc_state", "not in", FINISHED_REQUEST_STATES),
                ]
            )
        )
        if open_requests:
            raise UserError(
                self.env._(
                    "%(name)s still has open requests (%(refs)s): they must be "
                    "resolved, closed or cancelled before their personal data "
                    "can be erased.",
                    name=partner.display_name,
                    refs=", ".join(open_requests.mapped("number")),
                )
            )
        return True

    @api.model
    def _erase_citizen(self, partner):
        """Anonymise now everything of ``partner`` and the citizen, whatever
        the retention periods; return the counts."""
        self._check_erasure(partner)
        counts = self._erase_citizen_records(partner)
        counts["citizen_count"] = len(self._anonymise_citizens(partner))
        return counts

    @api.model
    def _erase_citizen_records(self, partner):
        """Anonymise the records of ``partner`` before the citizen; return the
        counts. Other addons add theirs (complaints...)."""
        # sudo: every request of the citizen, whatever the admin may read.
        requests = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("partner_id", "=", partner.id), ("grc_anonymised_date", "=", False)]
            )
        )
        requests = self._anonymise_requests(requests)
        # sudo: likewise every interaction of the citizen.
        interactions = self._anonymise_interactions(
            self.env["grc.interaction"]
            .sudo()
            .search(
                [("partner_id", "=", partner.id), ("grc_anonymised_date", "=", False)]
            )
        )
        return {
            "request_count": len(requests),
            "interaction_count": len(interactions),
        }

    @api.model
    def _export_citizen_records(self, partner, files):
        """Sections that other addons add (mandates...) to the data download
        of ``partner``, as a dict; their files go to ``files`` as
        ``(path, bytes)``. Runs with the citizen's rights."""
        return {}

    # ------------------------------------------------------------------
    # Scheduled run
    # ------------------------------------------------------------------

    @api.model
    def _run_retention(self, now=None, batch_size=500):
        """One batch of each kind of expired record, then the citizens left
        with nothing; return the counts and what is left."""
        now = now or fields.Datetime.now()
        counts = self._anonymise_expired_records(now, batch_size)
        citizens = self._anonymise_citizens(
            self._citizens_to_anonymise(now, limit=batch_size)
        )
        counts["citizen_count"] = len(citizens)
        if len(citizens) == batch_size:
            counts["remaining_count"] += len(
                self._citizens_to_anonymise(now, limit=batch_size)
            )
        return counts

    @api.model
    def _anonymise_expired_records(self, now, batch_size):
        """One batch of expired requests and interactions; return the counts
        and ``remaining_count``. Other addons add their records (complaints,
        mandates...): they run before the citizens, who they may release."""
        expired = self._expired_requests(now, limit=batch_size)
        # Requests are public archives: where the company says so, they are
        # listed for the archives' visa instead of being destroyed at once.
        listed = expired.filtered("company_id.grc_elimination_visa_required")
        proposed = self._grc_propose_elimination(listed)
        requests = self._anonymise_requests(expired - listed)
        # Then the lists whose visa is recorded, as many requests again.
        eliminated = self._grc_eliminate_approved(batch_size)
        interactions = self._anonymise_interactions(
            self._expired_interactions(now, limit=batch_size)
        )
        remaining = self._count_expired_requests(now) + self._grc_count_approved()
        if len(interactions) == batch_size:
            remaining += len(self._expired_interactions(now, limit=batch_size))
        counts = {
            key: count
            for key, count in eliminated.items()
            if key not in ("request_count", "interaction_count")
        }
        counts.update(
            request_count=len(requests) + eliminated["request_count"],
            proposed_count=len(proposed),
            interaction_count=len(interactions),
            remaining_count=remaining,
        )
        return counts

    # ------------------------------------------------------------------
    # Elimination lists (archives' visa)
    # ------------------------------------------------------------------

    @api.model
    def _grc_propose_elimination(self, requests):
        """Add ``requests`` (expired) to the elimination list waiting for a
        visa of their company and type, a new one if there is none; return
        the lines created."""
        # sudo: the cron proposes lists of every service, confidential ones
        # included; the archives decide on them.
        Lists = self.env["grc.elimination.list"].sudo()
        Lines = self.env["grc.elimination.list.line"].sudo()
        lines_values = []
        groups = requests.sudo().grouped(
            lambda ticket: (ticket.company_id, ticket.request_type_id)
        )
        for (company, request_type), tickets in groups.items():
            elimination = Lists.search(
                [
                    ("state", "=", "proposed"),
                    ("kind", "=", "request"),
                    ("company_id", "=", company.id),
                    ("request_type_id", "=", request_type.id),
                ],
                limit=1,
            ) or Lists.create(
                {
                    "kind": "request",
                    "company_id": company.id,
                    "request_type_id": request_type.id,
                }
            )
            default = company.grc_retention_months_default or DEFAULT_RETENTION_MONTHS
            months = request_type.retention_months or default
            for ticket in tickets:
                closed = (
                    ticket.closure_date
                    or ticket.closed_date
                    or ticket.resolution_date
                    or ticket.last_stage_update
                    or ticket.create_date
                )
                lines_values.append(
                    {
                        "list_id": elimination.id,
                        "ticket_id": ticket.id,
                        "reference": ticket.number,
                        "closed_date": closed,
                        "due_date": closed and closed + relativedelta(months=months),
                    }
                )
        return Lines.create(lines_values)

    @api.model
    def _grc_eliminate_lines(self, lines):
        """Destroy the personal data of the requests of ``lines`` (their
        list's visa is recorded); the lines stay as the proof."""
        # sudo: the visa decided it, whatever services the caller may read.
        lines = lines.sudo()
        requests = self._anonymise_requests(
            lines.ticket_id.filtered(lambda ticket: not ticket.grc_anonymised_date)
        )
        lines.write({"eliminated": True})
        return {"request_count": len(requests)}

    @api.model
    def _grc_eliminate_approved(self, batch_size):
        """The records of lists whose visa is recorded, at most
        ``batch_size``; return the counts."""
        # sudo: the cron carries out every approved list.
        lists = (
            self.env["grc.elimination.list"]
            .sudo()
            .search([("state", "=", "approved")], order="visa_date, id")
        )
        return lists._grc_eliminate(limit=batch_size)

    @api.model
    def _grc_count_approved(self):
        """Records of approved lists not destroyed yet."""
        # sudo: counts only, for the cron's progress.
        return (
            self.env["grc.elimination.list.line"]
            .sudo()
            .search_count(
                [
                    ("list_id.state", "=", "approved"),
                    ("decision", "=", "eliminate"),
                    ("eliminated", "=", False),
                ]
            )
        )

    @api.model
    def _cron_anonymise_expired(self, batch_size=500):
        """Daily anonymisation of what has outlived its retention period.

        Batched: when work is left, the cron reports it and runs again at
        once; a run that stops halfway is resumed by the next one.
        """
        counts = self._run_retention(batch_size=batch_size)
        log = self.env["grc.retention.log"]._log_run(counts, trigger="cron")
        done = sum(count for key, count in counts.items() if key != "remaining_count")
        self.env["ir.cron"]._notify_progress(
            done=done, remaining=counts["remaining_count"]
        )
        return log
