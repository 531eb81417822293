# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import uuid

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

# Requests in these states no longer wait for anything.
FINISHED_STATES = ("resolved", "closed", "cancelled")
REFERENCE_RE = re.compile(r"^DEM-\d{4}-\d+$", re.IGNORECASE)
CITIZEN_NUMBER_RE = re.compile(r"^CIT-\d+$", re.IGNORECASE)
PHONE_RE = re.compile(r"^[\d\s.\-()/+]+$")
MAX_RESULTS = 20
RECENT_INTERACTIONS = 5
# Channels a contact reaches the front desk by, first is the default.
CONSOLE_CHANNELS = (
    "grc_citoyen.helpdesk_ticket_channel_front_desk",
    "helpdesk_mgmt.helpdesk_ticket_channel_phone",
    "grc_citoyen.helpdesk_ticket_channel_post",
    "helpdesk_mgmt.helpdesk_ticket_channel_email",
)


class GrcFrontdeskConsole(models.TransientModel):
    """One screen per front-desk or phone contact: find or create the citizen,
    see what is pending for them, then answer on the spot or file a request.

    The console only gathers what the agent types: citizens are matched by the
    dedup engine, requests are filed by the single intake method. What the
    contact leads to is in ``grc_frontdesk_console_outcome.py``.
    """

    _name = "grc.frontdesk.console"
    _description = "Front-desk console"
    # An agent may keep the screen open for a whole day between contacts.
    _transient_max_hours = 12.0

    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel",
        string="Channel",
        required=True,
        domain=lambda self: [("id", "in", self._grc_console_channels().ids)],
        default=lambda self: self._grc_console_channels()[:1],
        help="How the citizen reached us: recorded on the contact and the request.",
    )
    last_result = fields.Char(
        string="Last contact", readonly=True, help="What the previous contact gave."
    )
    idempotency_key = fields.Char(
        default=lambda self: str(uuid.uuid4()),
        readonly=True,
        help="Sent with the request, so that a retried click never files it twice.",
    )
    # Search
    search_term = fields.Char(
        string="Search",
        help="Name, phone (any format), e-mail, citizen number (CIT-...) or "
        "request reference (DEM-...).",
    )
    result_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Citizens found",
        compute="_compute_result_ids",
    )
    result_count = fields.Integer(compute="_compute_result_ids")
    # The citizen
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Citizen",
        domain=[("is_citizen", "=", True)],
    )
    partner_citizen_number = fields.Char(related="partner_id.citizen_number")
    partner_phone = fields.Char(related="partner_id.phone")
    partner_mobile = fields.Char(related="partner_id.mobile")
    partner_email = fields.Char(related="partner_id.email")
    partner_street = fields.Char(related="partner_id.street")
    partner_zip = fields.Char(related="partner_id.zip")
    partner_city = fields.Char(related="partner_id.city")
    partner_birthdate = fields.Date(related="partner_id.birthdate")
    partner_preferred_channel = fields.Selection(related="partner_id.preferred_channel")
    support_need_ids = fields.Many2many(related="partner_id.support_need_ids")
    support_note = fields.Text(related="partner_id.support_note")
    open_request_ids = fields.Many2many(
        comodel_name="helpdesk.ticket",
        string="Open requests",
        compute="_compute_citizen_file",
    )
    interaction_ids = fields.Many2many(
        comodel_name="grc.interaction",
        string="Recent contacts",
        compute="_compute_citizen_file",
    )
    mandate_ids = fields.Many2many(
        comodel_name="grc.mandate",
        string="Mandates in force",
        compute="_compute_citizen_file",
    )

    # ------------------------------------------------------------------
    # Opening
    # ------------------------------------------------------------------

    def _compute_display_name(self):
        for console in self:
            console.display_name = self.env._("Front desk")

    @api.model
    def _grc_console_channels(self):
        channels = self.env["helpdesk.ticket.channel"]
        for xmlid in CONSOLE_CHANNELS:
            channels |= self.env.ref(xmlid, raise_if_not_found=False) or channels
        return channels

    @api.model
    def action_open_console(self):
        """The agent's console: the one they left between two contacts (so
        that opening the application does not create a screen each time),
        or a fresh one on the channel they used last."""
        last = self.search(
            [("create_uid", "=", self.env.uid)], order="id desc", limit=1
        )
        if last and not last.partner_id and not last.search_term:
            return last._grc_action_reopen()
        console = self.create(
            {"channel_id": last.channel_id.id} if last.channel_id else {}
        )
        return console._grc_action_reopen()

    def _grc_action_reopen(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Front desk"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------
    # Search
    # ------------------------------------------------------------------

    @api.model
    def _grc_search_domain(self, term):
        """Citizens matching what the agent typed: name words (accents and
        order ignored), phone in any format, e-mail, citizen number."""
        dedup = self.env["grc.citizen.dedup"]
        criteria = []
        if "@" in term:
            criteria.append([("email_normalized", "ilike", term.lower())])
        elif PHONE_RE.match(term):
            criteria.append([("grc_phone_search", "=", term)])
        else:
            if CITIZEN_NUMBER_RE.match(term):
                criteria.append([("citizen_number", "=", term.upper())])
            words = dedup._normalize_words(term)
            if words:
                criteria.append(
                    expression.AND([[("grc_name_key", "ilike", w)] for w in words])
                )
        if not criteria:
            return expression.FALSE_DOMAIN
        return expression.AND([[("is_citizen", "=", True)], expression.OR(criteria)])

    @api.model
    def _grc_search_citizens(self, term):
        """Citizens matching ``term``, in one query; a request reference gives
        the citizen of that request."""
        partners = self.env["res.partner"]
        term = (term or "").strip()
        if len(term) < 2:
            return partners
        if REFERENCE_RE.match(term):
            # sudo: the caller quotes their reference: whoever may read the request,
            # the citizen it belongs to is the one on the line.
            ticket = (
                self.env["helpdesk.ticket"]
                .sudo()
                .search_fetch(
                    [
                        ("number", "=", term.upper()),
                        ("company_id", "in", self.env.companies.ids),
                    ],
                    ["partner_id"],
                    limit=1,
                )
            )
            return ticket.partner_id.with_env(self.env)
        return partners.search(
            self._grc_search_domain(term), limit=MAX_RESULTS, order="name, id"
        )

    @api.depends("search_term")
    def _compute_result_ids(self):
        for console in self:
            console.result_ids = console._grc_search_citizens(console.search_term)
            console.result_count = len(console.result_ids)

    @api.onchange("search_term")
    def _onchange_search_term(self):
        """A single match is the citizen on the line; none prepares a new one."""
        results = self.result_ids
        self.partner_id = results if len(results) == 1 else False
        term = (self.search_term or "").strip()
        if results or not term or REFERENCE_RE.match(term):
            return
        if "@" in term:
            self.new_email = term
        elif PHONE_RE.match(term):
            self.new_phone = term
        elif not CITIZEN_NUMBER_RE.match(term):
            self.new_name = term

    # ------------------------------------------------------------------
    # The citizen's file
    # ------------------------------------------------------------------

    @api.depends("partner_id")
    def _compute_citizen_file(self):
        """What is pending for the citizen, as far as the agent may read it."""
        tickets = self.env["helpdesk.ticket"]
        interactions = self.env["grc.interaction"]
        mandates = self.env["grc.mandate"]
        for console in self:
            partner = console.partner_id._origin
            if not partner:
                console.open_request_ids = tickets
                console.interaction_ids = interactions
                console.mandate_ids = mandates
                continue
            console.open_request_ids = tickets.search(
                [
                    ("partner_id", "=", partner.id),
                    "|",
                    ("grc_state", "=", False),
                    ("grc_state", "not in", FINISHED_STATES),
                ],
                order="received_date desc, id desc",
                limit=MAX_RESULTS,
            )
            console.interaction_ids = interactions.search(
                [("partner_id", "=", partner.id)], limit=RECENT_INTERACTIONS
            )
            console.mandate_ids = mandates.search(
                mandates._grc_valid_domain() + [("beneficiary_id", "=", partner.id)]
            )

    def _grc_select_citizen(self, partner):
        """The agent picked a citizen from the results."""
        self.ensure_one()
        if not partner.is_citizen:
            raise UserError(
                self.env._("%(name)s is not a citizen.", name=partner.display_name)
            )
        self.partner_id = partner

    def action_change_citizen(self):
        """Back to the search, keeping what was typed."""
        self.partner_id = False

    def action_open_citizen(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_new_mandate(self):
        """Record the citizen's mandate for a representative, in a dialog."""
        self.ensure_one()
        self._grc_check_citizen()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New mandate"),
            "res_model": "grc.mandate",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_beneficiary_id": self.partner_id.id,
                "default_consent_given": True,
                "default_consent_date": fields.Date.context_today(self),
                "default_consent_method": "oral_desk",
            },
        }
