# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.misc import format_date, format_datetime

from odoo.addons.grc_citoyen.models.helpdesk_ticket_sla import DONE_STATES

# Dates are read in the reader's time zone, else in the service's working time.
DEFAULT_TZ = "Europe/Paris"


class HelpdeskTicket(models.Model):
    """Alerts of the scheduled service level check: the agent and the
    manager are alerted once per kind (at risk, deadline missed, implicit
    decision near), and a service may hand missed requests to its manager."""

    _inherit = "helpdesk.ticket"

    sla_escalation_ids = fields.One2many(
        comodel_name="grc.sla.escalation",
        inverse_name="ticket_id",
        string="Escalations",
        readonly=True,
        groups="base.group_user",
    )

    # ------------------------------------------------------------------
    # Scheduled check (grc_citoyen): alert once, escalate
    # ------------------------------------------------------------------

    @api.model
    def _grc_on_sla_check(self, now):
        """Raise each alert once on the requests at risk or late, and warn
        before silence becomes a decision."""
        res = super()._grc_on_sla_check(now)
        running = [
            ("grc_state", "not in", DONE_STATES),
            ("sla_pause_start", "=", False),
        ]
        for kind in ("breached", "at_risk"):
            tickets = self.search(running + [("sla_status", "=", kind)])
            tickets._grc_sla_without_escalation(kind)._grc_sla_escalate(kind)
        self._grc_implicit_decision_warn()
        return res

    def _grc_sla_without_escalation(self, kind):
        done = self.env["grc.sla.escalation"].search(
            [("ticket_id", "in", self.ids), ("kind", "=", kind)]
        )
        return self - done.ticket_id

    def _grc_sla_escalate(self, kind):
        """Alert the agent and the manager of each request, once per kind."""
        escalation_vals = []
        for ticket in self:
            agent, manager = ticket.user_id, ticket.team_id.user_id
            reassign = (
                kind == "breached"
                and ticket.team_id.sla_escalate_to_manager
                and manager
                and manager != agent
            )
            if kind == "implicit_decision":
                deadline, due = False, ticket.implicit_decision_date
            else:
                deadline = ticket._grc_sla_next_deadline()
                due = fields.Date.context_today(ticket)
            responsible = manager if reassign else (agent or manager)
            message = ticket._grc_sla_alert_message(
                kind, deadline, reader=manager or responsible
            )
            # The agent acts; on a breach the manager gets a task of their own.
            users = responsible
            if kind == "breached":
                users |= manager
            for user in users:
                ticket.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=due,
                    summary=message,
                    user_id=user.id,
                )
            if reassign:
                ticket.user_id = manager
            ticket.message_post(
                body=Markup("<p>%s</p>") % message,
                subject=message,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                partner_ids=(agent | manager).partner_id.ids,
            )
            escalation_vals.append(
                {
                    "ticket_id": ticket.id,
                    "kind": kind,
                    "deadline": deadline,
                    "team_id": ticket.team_id.id,
                    "user_id": agent.id,
                    "manager_id": manager.id,
                    "reassigned": bool(reassign),
                }
            )
        return self.env["grc.sla.escalation"].create(escalation_vals)

    def _grc_sla_next_deadline(self):
        self.ensure_one()
        if (
            self.sla_first_response_deadline
            and not self.first_response_date
            and (
                not self.grc_sla_deadline
                or self.sla_first_response_deadline < self.grc_sla_deadline
            )
        ):
            return self.sla_first_response_deadline
        return self.grc_sla_deadline

    def _grc_sla_alert_message(self, kind, deadline, reader=None):
        """The alert in the words of whoever reads it: the cron runs without
        a language or a time zone, the manager reads French and Paris time."""
        self.ensure_one()
        reader = reader or self.env.user
        ticket = self.with_context(
            lang=reader.lang or self.env.lang,
            tz=reader.tz or self._grc_sla_calendar().tz or DEFAULT_TZ,
        )
        env = ticket.env
        when = (
            format_datetime(env, deadline, tz=env.context["tz"], dt_format="short")
            if deadline
            else ""
        )
        if kind == "breached":
            return env._(
                "Request %(ref)s missed its deadline (%(deadline)s).",
                ref=self.number,
                deadline=when,
            )
        if kind == "at_risk":
            return env._(
                "Request %(ref)s is at risk: due %(deadline)s.",
                ref=self.number,
                deadline=when,
            )
        return env._(
            "Request %(ref)s: without a decision, silence will mean %(effect)s "
            "on %(date)s.",
            ref=self.number,
            effect=env._("acceptance")
            if self.implicit_decision == "accept"
            else env._("rejection"),
            date=format_date(env, self.implicit_decision_date),
        )

    @api.model
    def _grc_implicit_decision_warn(self):
        """Warn before silence turns into a decision, once per request."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].search([])
        horizon = max(companies.mapped("grc_implicit_decision_warning_days") or [0])
        tickets = self.search(
            [
                ("grc_state", "not in", DONE_STATES),
                ("implicit_decision_date", "!=", False),
                ("implicit_decision_date", "<=", today + timedelta(days=horizon)),
            ]
        ).filtered("implicit_decision_warning")
        return tickets._grc_sla_without_escalation(
            "implicit_decision"
        )._grc_sla_escalate("implicit_decision")
