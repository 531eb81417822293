# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The use of the online channels, one row per month of the authority:

- *portal accounts*: citizens' accounts (portal users) active at the end of
  the month, created before it (an account deleted since is not counted);
  *new accounts* those created during the month;
- *app accounts*: the portal accounts with a device registered for the
  installed app's notifications before the end of the month;
- *active users*: the citizens who signed in during the month, counted at
  their first sign-in of the month (Odoo keeps only each user's last
  sign-in: the count is kept here as it happens, not recomputed);
- *started online, finished at the desk*: the requests received in the
  month through the portal or the app that were finished with an agent at
  the front desk or on the phone (a citizen's draft completed there), and
  their share of the month's online requests.

No person appears in a row: only counts. Refreshed each night for the last
thirteen months (and on demand).
"""

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

ONLINE_CHANNELS = (
    "helpdesk_mgmt.helpdesk_ticket_channel_web",
    "grc_citoyen.helpdesk_ticket_channel_mobile_app",
)


class GrcChannelUsage(models.Model):
    _name = "grc.channel.usage"
    _description = "Use of the online channels by month"
    _order = "month desc, company_id"
    _rec_name = "month"

    company_id = fields.Many2one(
        comodel_name="res.company", required=True, readonly=True, index=True
    )
    month = fields.Date(
        required=True, readonly=True, help="First day of the month (local time)."
    )
    portal_accounts = fields.Integer(
        string="Portal accounts", readonly=True, aggregator="max"
    )
    new_portal_accounts = fields.Integer(string="New accounts", readonly=True)
    app_accounts = fields.Integer(
        string="App accounts",
        readonly=True,
        aggregator="max",
        help="Portal accounts with a device registered for the app's " "notifications.",
    )
    active_users = fields.Integer(
        string="Active users",
        readonly=True,
        help="Citizens who signed in during the month.",
    )
    active_rate = fields.Float(
        string="Active users (% of accounts)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
    )
    online_requests = fields.Integer(
        string="Requests started online",
        readonly=True,
        help="Requests received in the month through the portal or the app.",
    )
    finished_at_desk = fields.Integer(
        string="Started online, finished at the desk",
        readonly=True,
        help="Of the requests started online, those finished with an agent "
        "at the front desk or on the phone.",
    )
    finished_at_desk_rate = fields.Float(
        string="Finished at the desk (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
    )
    refreshed_on = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "company_month_unique",
            "UNIQUE(company_id, month)",
            "One row per authority and month.",
        ),
    ]

    @api.model
    def _local_month(self, company, moment=None):
        moment = moment or fields.Datetime.now()
        local = fields.Datetime.context_timestamp(
            self.with_context(tz=company.resource_calendar_id.tz or "UTC"), moment
        )
        return date(local.year, local.month, 1)

    @api.model
    def _count_sign_in(self, company, month):
        """One more citizen signed in this month (called once per citizen
        and month): an upsert, safe under concurrent sign-ins."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO grc_channel_usage
                    (company_id, month, active_users, create_date, write_date)
                VALUES (%(company)s, %(month)s, 1, NOW() AT TIME ZONE 'UTC',
                        NOW() AT TIME ZONE 'UTC')
                ON CONFLICT (company_id, month) DO UPDATE
                    SET active_users = grc_channel_usage.active_users + 1
                """,
                company=company.id,
                month=month,
            )
        )

    @api.model
    def _refresh(self, months=13, companies=None):
        """Recompute the counts of the last ``months`` months (the active
        users are kept: they are counted as they sign in)."""
        companies = companies or self.env["res.company"].search([])
        online = [
            self.env.ref(xmlid, raise_if_not_found=False) for xmlid in ONLINE_CHANNELS
        ]
        online_ids = tuple(channel.id for channel in online if channel) or (0,)
        self.env.flush_all()
        for company in companies:
            figures_utc = self.env["grc.spplus.figures"]
            this_month = self._local_month(company)
            for shift in range(months):
                month = this_month - relativedelta(months=shift)
                start, end = figures_utc._utc_bounds(
                    month, month + relativedelta(months=1, days=-1), company
                )
                self._refresh_month(company, month, start, end, online_ids)
        return True

    def _refresh_month(self, company, month, start, end, online_ids):
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT
                    COUNT(*) FILTER (WHERE u.create_date < %(end)s),
                    COUNT(*) FILTER (WHERE u.create_date >= %(start)s
                        AND u.create_date < %(end)s),
                    COUNT(*) FILTER (WHERE u.create_date < %(end)s AND EXISTS (
                        SELECT 1 FROM mail_push_device d
                        WHERE d.partner_id = u.partner_id
                            AND d.create_date < %(end)s))
                FROM res_users u
                WHERE u.share AND u.active AND u.company_id = %(company)s
                """,
                start=start,
                end=end,
                company=company.id,
            )
        )
        accounts, new_accounts, app_accounts = cr.fetchone()
        cr.execute(
            SQL(
                """
                SELECT COUNT(*), COUNT(t.grc_completion_channel_id)
                FROM helpdesk_ticket t
                WHERE t.active AND t.company_id = %(company)s
                    AND t.channel_id IN %(online)s
                    AND t.received_date >= %(start)s AND t.received_date < %(end)s
                """,
                company=company.id,
                online=online_ids,
                start=start,
                end=end,
            )
        )
        online_requests, finished = cr.fetchone()
        row = self.search([("company_id", "=", company.id), ("month", "=", month)])
        values = {
            "portal_accounts": accounts,
            "new_portal_accounts": new_accounts,
            "app_accounts": app_accounts,
            "online_requests": online_requests,
            "finished_at_desk": finished,
            "finished_at_desk_rate": (
                round(100.0 * finished / online_requests, 1) if online_requests else 0.0
            ),
            "refreshed_on": fields.Datetime.now(),
        }
        if not row:
            row = self.create({"company_id": company.id, "month": month, **values})
        else:
            row.write(values)
        row.active_rate = (
            round(100.0 * row.active_users / accounts, 1) if accounts else 0.0
        )

    @api.model
    def action_refresh(self):
        self.check_access("read")
        # sudo: counts only, over every citizen's account and request; the
        # rows carry no person.
        self.sudo()._refresh(companies=self.env.companies)
        return {"type": "ir.actions.client", "tag": "soft_reload"}
