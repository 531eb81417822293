# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Services Publics+ figures, one definition each:

- *answered within the announced delay*: the requests answered (resolved or
  closed) during the period that had a deadline, cancelled ones left out;
  on time when answered by the deadline shown to the citizen (on the
  acknowledgement and in their account; moved by the time spent waiting
  for them). This is "Deadline met" of the request indicators, counted on
  the period's answers instead of the period's receptions;
- *satisfied answers*: the survey answers given during the period scoring
  8 out of 10 or more, over all answers of the period;
- *phone pick-up rate*: inbound calls of the period answered by an agent,
  over all inbound calls of the period (answered and missed) in the call
  log;
- *first answer to e-mails / letters*: the requests received during the
  period by e-mail / by post that had a first answer: its average delay in
  calendar days, and the share answered within the first-response
  deadline (among those whose outcome is known).

Periods are in the authority's local time (its calendar's time zone).
"""

from datetime import date, datetime, time

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

SATISFIED_FROM = 8
CHANNEL_EMAIL = "helpdesk_mgmt.helpdesk_ticket_channel_email"
CHANNEL_POST = "grc_citoyen.helpdesk_ticket_channel_post"
# Key, unit ("percent" or "days"), the label, the commitment's text.
COMMITMENTS = [
    ("on_time", "percent"),
    ("satisfied", "percent"),
    ("pickup", "percent"),
    ("email_delay", "days"),
    ("letter_delay", "days"),
]


def ratio(part, whole):
    return round(100.0 * part / whole, 1) if whole else None


class GrcSpplusFigures(models.AbstractModel):
    _name = "grc.spplus.figures"
    _description = "Services Publics+ figures"

    @api.model
    def _commitment_texts(self):
        """Default wording of each commitment, with the figure's label."""
        _ = self.env._
        return {
            "on_time": (
                _("Answered within the announced delay"),
                _(
                    "We answer your requests within the delay we announce "
                    "when we receive them."
                ),
            ),
            "satisfied": (
                _("Satisfied answers (8/10 or more)"),
                _("We ask for your opinion on our answers and publish it."),
            ),
            "pickup": (
                _("Phone pick-up rate"),
                _("We answer your phone calls."),
            ),
            "email_delay": (
                _("First answer to e-mails (average days)"),
                _("We answer your e-mails promptly."),
            ),
            "letter_delay": (
                _("First answer to letters (average days)"),
                _("We answer your letters promptly."),
            ),
        }

    @api.model
    def _definitions(self):
        """(indicator, how it is counted), printed with the figures."""
        _ = self.env._
        texts = self._commitment_texts()
        return [
            (
                texts["on_time"][0],
                _(
                    "Requests answered (resolved or closed) during the year "
                    "that had a deadline, cancelled ones left out; on time when "
                    "answered by the deadline shown to the citizen (moved by "
                    "the time spent waiting for them)."
                ),
            ),
            (
                texts["satisfied"][0],
                _(
                    "Survey answers given during the year scoring 8 out of 10 "
                    "or more, over all the year's answers."
                ),
            ),
            (
                texts["pickup"][0],
                _(
                    "Inbound calls of the year answered by an agent, over all "
                    "inbound calls (answered and missed) of the call log."
                ),
            ),
            (
                texts["email_delay"][0],
                _(
                    "Requests received during the year by e-mail that had a "
                    "first answer: average delay in calendar days; and the "
                    "share answered within the first-response deadline."
                ),
            ),
            (
                texts["letter_delay"][0],
                _("The same for the requests received by post (letters)."),
            ),
        ]

    @api.model
    def _utc_bounds(self, date_from, date_to, company=None):
        """UTC datetimes of local midnight at ``date_from`` and the day after
        ``date_to``."""
        company = company or self.env.company
        tz = pytz.timezone(company.resource_calendar_id.tz or "UTC")

        def utc(day):
            return (
                tz.localize(datetime.combine(day, time.min))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )

        return utc(date_from), utc(date.fromordinal(date_to.toordinal() + 1))

    @api.model
    def _compute_figures(self, date_from, date_to, company=None, team=None):
        """The figures of the period, as a dict ``key -> {value, numerator,
        denominator}`` (delays: value = average days, numerator = sum of
        days, denominator = requests answered, ``received`` and
        ``in_time``: the share answered within the first-response deadline
        among those whose outcome is known).

        Read from the tables, whatever the reader may open: these are
        counts of a whole service or authority, which the self-assessment
        they are written on keeps to the readers of its scope."""
        company = company or self.env.company
        start, end = self._utc_bounds(date_from, date_to, company)
        team_ids = None
        if team:
            # sudo: the services below one are counted even when the reader
            # is not a member of each.
            team_ids = tuple(
                self.env["helpdesk.ticket.team"]
                .sudo()
                .with_context(active_test=False)
                .search([("id", "child_of", team.ids)])
                .ids
            )
        scope = SQL("t.company_id = %s", company.id)
        if team_ids is not None:
            scope = SQL("%s AND t.team_id IN %s", scope, team_ids)
        cr = self.env.cr
        self.env.flush_all()
        figures = {}

        cr.execute(
            SQL(
                """
                SELECT COUNT(*), COUNT(*) FILTER (
                    WHERE t.grc_done_date <= t.grc_sla_deadline)
                FROM helpdesk_ticket t
                WHERE t.active AND %(scope)s
                    AND t.grc_done_date >= %(start)s AND t.grc_done_date < %(end)s
                    AND t.grc_sla_deadline IS NOT NULL
                    AND t.grc_state IS DISTINCT FROM 'cancelled'
                """,
                scope=scope,
                start=start,
                end=end,
            )
        )
        total, on_time = cr.fetchone()
        figures["on_time"] = {
            "numerator": on_time,
            "denominator": total,
            "value": ratio(on_time, total),
        }

        cr.execute(
            SQL(
                """
                SELECT COUNT(*), COUNT(*) FILTER (
                    WHERE t.satisfaction_score >= %(satisfied)s)
                FROM helpdesk_ticket t
                WHERE t.active AND %(scope)s
                    AND t.satisfaction_score IS NOT NULL
                    AND t.satisfaction_date >= %(start)s
                    AND t.satisfaction_date < %(end)s
                """,
                scope=scope,
                start=start,
                end=end,
                satisfied=SATISFIED_FROM,
            )
        )
        total, satisfied = cr.fetchone()
        figures["satisfied"] = {
            "numerator": satisfied,
            "denominator": total,
            "value": ratio(satisfied, total),
        }

        cr.execute(
            SQL(
                """
                SELECT COUNT(*), COUNT(*) FILTER (WHERE t.status = 'answered')
                FROM grc_phone_call t
                WHERE %(scope)s AND t.direction = 'inbound'
                    AND t.date >= %(start)s AND t.date < %(end)s
                """,
                scope=scope,
                start=start,
                end=end,
            )
        )
        total, answered = cr.fetchone()
        figures["pickup"] = {
            "numerator": answered,
            "denominator": total,
            "value": ratio(answered, total),
        }

        for key, xmlid in (
            ("email_delay", CHANNEL_EMAIL),
            ("letter_delay", CHANNEL_POST),
        ):
            channel = self.env.ref(xmlid, raise_if_not_found=False)
            cr.execute(
                SQL(
                    """
                    SELECT
                        COUNT(*),
                        COUNT(t.first_response_date),
                        COALESCE(SUM(GREATEST(EXTRACT(EPOCH FROM
                            t.first_response_date - t.received_date), 0)
                            / 86400.0), 0),
                        COUNT(*) FILTER (WHERE t.sla_first_response_deadline
                            IS NOT NULL AND (t.first_response_date IS NOT NULL
                            OR t.sla_first_response_deadline < %(now)s)),
                        COUNT(*) FILTER (WHERE t.first_response_date
                            <= t.sla_first_response_deadline)
                    FROM helpdesk_ticket t
                    WHERE t.active AND %(scope)s AND t.channel_id = %(channel)s
                        AND t.received_date >= %(start)s
                        AND t.received_date < %(end)s
                        AND t.grc_state IS DISTINCT FROM 'cancelled'
                    """,
                    scope=scope,
                    start=start,
                    end=end,
                    channel=channel.id if channel else 0,
                    now=fields.Datetime.now(),
                )
            )
            received, answered, days, known, in_time = cr.fetchone()
            days = float(days)
            figures[key] = {
                "numerator": round(days, 2),
                "denominator": answered,
                "value": round(days / answered, 1) if answered else None,
                "received": received,
                "in_time": ratio(in_time, known),
            }
        return figures
