# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models

# Stages of a request after which a complaint about its delay escalates nothing.
FINISHED_REQUEST_STATES = ("resolved", "closed", "cancelled")


class GrcReclamationEscalation(models.AbstractModel):
    """Escalation of complaints that are at risk or late (to the complaints
    officer, then to the director) and of the requests a complaint about a
    delay is about. Every escalation is recorded once on the complaint, so
    running it again changes nothing."""

    _name = "grc.reclamation.escalation"
    _description = "Complaint escalation engine"

    @api.model
    def _cron_escalate(self):
        """Scheduled action: refresh the deadline status of open complaints and
        escalate those at risk or late."""
        reclamations = self.env["grc.reclamation"].search(
            self.env["grc.reclamation"]._open_domain()
        )
        self._escalate(reclamations)
        return True

    @api.model
    def _status_at(self, rec, now):
        """Where the complaint stands against its deadlines at ``now``."""
        if rec.answer_date:
            late = rec.answer_deadline and rec.answer_date > rec.answer_deadline
            return "answered_late" if late else "answered_on_time"
        ack_late = not rec.ack_date and rec.ack_deadline and now > rec.ack_deadline
        if ack_late or (rec.answer_deadline and now > rec.answer_deadline):
            return "overdue"
        if rec.answer_risk_date and now >= rec.answer_risk_date:
            return "at_risk"
        return "on_track"

    @api.model
    def _refresh_status(self, reclamations):
        """Store the deadline status (lists and KPIs filter on it), writing
        only the complaints whose status changed, grouped by status."""
        now = fields.Datetime.now()
        changes = defaultdict(list)
        for rec in reclamations:
            status = self._status_at(rec, now)
            if status != rec.deadline_status:
                changes[status].append(rec.id)
        for status, ids in changes.items():
            reclamations.browse(ids).write({"deadline_status": status})

    @api.model
    def _escalate(self, reclamations):
        reclamations._refresh_deadline_status()
        officer_level = reclamations.filtered(
            lambda r: r.deadline_status in ("at_risk", "overdue")
            and r.escalation_level < 1
        )
        for rec in officer_level:
            officer = rec.user_id or rec.company_id.reclamation_officer_id
            self._notify(
                rec,
                officer,
                self.env._("Complaint at risk: answer before %(date)s"),
            )
        officer_level.write(
            {"escalation_level": 1, "officer_escalation_date": fields.Datetime.now()}
        )
        director_level = reclamations.filtered(
            lambda r: r.deadline_status == "overdue" and r.escalation_level < 2
        )
        for rec in director_level:
            self._notify(
                rec,
                rec.company_id.reclamation_director_id,
                self.env._("Complaint late: the answer was due on %(date)s"),
            )
        director_level.write(
            {"escalation_level": 2, "director_escalation_date": fields.Datetime.now()}
        )
        return officer_level | director_level

    @api.model
    def _notify(self, rec, user, summary):
        """An activity for ``user`` and a note on the complaint's chatter."""
        deadline = rec.answer_deadline or rec.ack_deadline
        summary = summary % {
            "date": fields.Datetime.context_timestamp(rec, deadline).strftime(
                "%d/%m/%Y %H:%M"
            )
            if deadline
            else "-"
        }
        if user:
            rec.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(rec),
                summary=summary,
                user_id=user.id,
            )
            body = self.env._(
                "Escalated to %(user)s: %(summary)s", user=user.name, summary=summary
            )
        else:
            body = self.env._(
                "%(summary)s. Nobody to escalate to: set the complaints officer "
                "and director in the settings.",
                summary=summary,
            )
        rec.message_post(body=body, subtype_xmlid="mail.mt_note")

    @api.model
    def _escalate_open_requests(self, reclamations):
        """A complaint about a delay on a request that is still open raises the
        priority of that request and asks its service manager to act; both
        chatters say so. Done once per complaint."""
        todo = reclamations.filtered(
            lambda r: r.reason_id.escalates_request and not r.request_escalated
        )
        for rec in todo:
            # sudo: the complaint's handler (or the citizen filing it) may not
            # write the requests of other services; the escalation must.
            tickets = rec.ticket_ids.sudo().filtered(
                lambda t: not t.stage_id.closed
                and t.grc_state not in FINISHED_REQUEST_STATES
            )
            if not tickets:
                continue
            tickets._grc_escalate_for_reclamation(rec)
            links = Markup(", ").join(t._get_html_link(t.number) for t in tickets)
            rec.message_post(
                body=Markup(
                    self.env._(
                        "This complaint is about a delay: request(s) %(links)s "
                        "escalated (priority raised, service manager warned)."
                    )
                )
                % {"links": links},
                subtype_xmlid="mail.mt_note",
            )
            rec.request_escalated = True
        return todo
