# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from pytz import timezone, utc

from odoo import api, fields, models

from .helpdesk_ticket_sla import DONE_STATES

# Channels on which a request is a "saisine par voie électronique" (CRPA L112-8).
ELECTRONIC_CHANNELS = (
    "helpdesk_mgmt.helpdesk_ticket_channel_web",
    "helpdesk_mgmt.helpdesk_ticket_channel_email",
    "grc_citoyen.helpdesk_ticket_channel_mobile_app",
)


class HelpdeskTicket(models.Model):
    """Legal delays of a request: acknowledgements of an electronic
    submission and implicit decisions (silence of the administration).

    The acknowledgement deadlines are computed with the service level
    deadlines by ``_compute_sla_deadline`` (one reading of the calendar).
    """

    _inherit = "helpdesk.ticket"

    is_electronic_submission = fields.Boolean(
        string="Electronic submission",
        compute="_compute_is_electronic_submission",
        store=True,
        readonly=False,
        help="Received by e-mail, the portal or the app: the legal "
        "acknowledgements of an electronic submission are due.",
    )
    ack_registration_deadline = fields.Datetime(
        string="Registration acknowledgement due",
        compute="_compute_sla_deadline",
        store=True,
        copy=False,
    )
    ack_receipt_deadline = fields.Datetime(
        string="Acknowledgement of receipt due",
        compute="_compute_sla_deadline",
        store=True,
        index=True,
        copy=False,
    )
    ack_registration_date = fields.Datetime(
        string="Registration acknowledged on",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    ack_receipt_date = fields.Datetime(
        string="Receipt acknowledged on",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    implicit_decision = fields.Selection(
        related="request_type_id.implicit_decision", string="Silence means"
    )
    implicit_decision_date = fields.Date(
        compute="_compute_implicit_decision_date",
        store=True,
        readonly=False,
        index="btree_not_null",
        copy=False,
        help="Date on which, without an express decision, the request is deemed "
        "accepted or rejected. Adjust it when the file was incomplete (the "
        "period runs from the receipt of the missing documents).",
    )
    implicit_decision_days_left = fields.Integer(
        compute="_compute_implicit_decision_days_left"
    )
    implicit_decision_warning = fields.Boolean(
        compute="_compute_implicit_decision_days_left"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.model
    def _grc_precomputed_fields(self):
        return super()._grc_precomputed_fields() + [
            "is_electronic_submission",
            "ack_registration_deadline",
            "ack_receipt_deadline",
            "implicit_decision_date",
        ]

    @api.depends("channel_id")
    def _compute_is_electronic_submission(self):
        # Ids from the registry's cache of xmlids: no query on every request.
        model_data = self.env["ir.model.data"]
        channel_ids = {
            model_data._xmlid_to_res_id(xmlid, raise_if_not_found=False)
            for xmlid in ELECTRONIC_CHANNELS
        } - {False, None}
        for ticket in self:
            ticket.is_electronic_submission = ticket.channel_id.id in channel_ids

    @api.depends("request_type_id", "received_date", "team_id")
    def _compute_implicit_decision_date(self):
        for ticket in self:
            rtype = ticket.request_type_id
            if rtype.implicit_decision in (False, "none") or not ticket.received_date:
                ticket.implicit_decision_date = False
                continue
            received = ticket._grc_local_date(ticket.received_date)
            delay = rtype.implicit_decision_delay
            if rtype.implicit_decision_unit == "months":
                ticket.implicit_decision_date = received + relativedelta(months=delay)
            else:
                ticket.implicit_decision_date = received + timedelta(days=delay)

    @api.depends("implicit_decision_date", "grc_state", "company_id")
    def _compute_implicit_decision_days_left(self):
        today = fields.Date.context_today(self)
        for ticket in self:
            decision = ticket.implicit_decision_date
            days_left = (decision - today).days if decision else 0
            warning_days = (
                ticket.company_id or self.env.company
            ).grc_implicit_decision_warning_days
            ticket.implicit_decision_days_left = days_left
            ticket.implicit_decision_warning = bool(
                decision
                and ticket.grc_state not in DONE_STATES
                and days_left <= warning_days
            )

    def _grc_ack_plan(self, working_time=None):
        """Legal acknowledgement deadlines of an electronic submission."""
        self.ensure_one()
        if not self.is_electronic_submission or not self.received_date:
            return {}
        calendar = self._grc_sla_calendar()
        company = self.company_id or self.env.company
        engine = self.env["grc.sla.engine"]
        return {
            "ack_registration_deadline": engine._add_working_time(
                self.received_date,
                company.grc_ack_registration_days,
                "days",
                calendar,
                working_time=working_time,
            ),
            "ack_receipt_deadline": engine._add_working_time(
                self.received_date,
                company.grc_ack_receipt_days,
                "days",
                calendar,
                working_time=working_time,
            ),
        }

    # ------------------------------------------------------------------
    # Legal acknowledgements of electronic submissions (CRPA L112-11)
    # ------------------------------------------------------------------

    def _grc_ack_values(self):
        """What the acknowledgements must tell the citizen (CRPA R112-11-1).

        Used by the mail templates and by the sending pipeline.
        """
        self.ensure_one()
        team = self.team_id
        return {
            "reference": self.number,
            "received_date": self.received_date,
            "service_name": team.name or "",
            "service_address": team.address or "",
            "service_email": team.contact_email or "",
            "service_phone": team.contact_phone or "",
            "implicit_decision": self.request_type_id.implicit_decision or "none",
            "implicit_decision_date": self.implicit_decision_date,
            "registration_deadline": self.ack_registration_deadline,
            "receipt_deadline": self.ack_receipt_deadline,
        }

    def _grc_mark_ack_registration_sent(self, sent_date=None):
        """Record when the registration acknowledgement left (first time only)."""
        self.filtered(lambda t: not t.ack_registration_date).write(
            {"ack_registration_date": sent_date or fields.Datetime.now()}
        )

    def _grc_mark_ack_receipt_sent(self, sent_date=None):
        """Record when the acknowledgement of receipt left (first time only)."""
        self.filtered(lambda t: not t.ack_receipt_date).write(
            {"ack_receipt_date": sent_date or fields.Datetime.now()}
        )

    def _grc_local_date(self, dt):
        """Local date of a naive UTC datetime, in the service's time zone."""
        self.ensure_one()
        calendar = self._grc_sla_calendar()
        tz = timezone(calendar.tz or self.env.user.tz or "UTC")
        return utc.localize(dt).astimezone(tz).date()
