# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import api, fields, models
from odoo.exceptions import UserError

# Fields emptied when the console moves on to the next contact.
CONTACT_FIELDS = (
    "search_term",
    "partner_id",
    "interaction_subject",
    "interaction_notes",
    "interaction_team_id",
    "canned_response_id",
    "request_type_id",
    "request_subject",
    "request_description",
    "location_street",
    "location_zip",
    "location_city",
    "proxy_partner_id",
    "new_name",
    "new_phone",
    "new_email",
    "new_street",
    "new_zip",
    "new_city",
)


class GrcFrontdeskConsole(models.TransientModel):
    """What a front-desk contact leads to: a new citizen, an answer given on
    the spot, or a request filed (possibly by a representative)."""

    _inherit = "grc.frontdesk.console"

    # Answered on the spot
    interaction_subject = fields.Char(
        string="Question", help="What the citizen asked, in a few words."
    )
    interaction_notes = fields.Text(string="Answer given")
    interaction_team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Service concerned",
        domain=[("is_direction", "=", False)],
    )
    canned_response_id = fields.Many2one(
        comodel_name="mail.canned.response",
        string="Canned answer",
        help="An answer of your services written once: it fills the answer given.",
    )
    # Request
    request_type_id = fields.Many2one(
        comodel_name="grc.request.type", string="Request type"
    )
    location_required = fields.Boolean(related="request_type_id.location_required")
    request_subject = fields.Char(string="Subject")
    request_description = fields.Text(string="Description")
    location_street = fields.Char(string="Street of the place")
    location_zip = fields.Char(string="Postal code of the place")
    location_city = fields.Char(string="City of the place")
    proxy_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Filed by (representative)",
        help="Someone filing for the citizen under their mandate (helper, "
        "France Services adviser...). Empty when the citizen asks themselves.",
    )
    available_proxy_ids = fields.Many2many(
        comodel_name="res.partner",
        compute="_compute_available_proxy_ids",
    )
    # New citizen
    new_name = fields.Char(string="New citizen's name")
    new_phone = fields.Char(string="New citizen's phone")
    new_email = fields.Char(string="New citizen's e-mail")
    new_street = fields.Char(string="New citizen's street")
    new_zip = fields.Char(string="New citizen's postal code")
    new_city = fields.Char(string="New citizen's city")
    new_match_id = fields.Many2one(
        comodel_name="res.partner",
        string="Already known as",
        compute="_compute_new_match_id",
    )

    # ------------------------------------------------------------------
    # Request filed by a representative
    # ------------------------------------------------------------------

    @api.depends("partner_id", "request_type_id")
    def _compute_available_proxy_ids(self):
        for console in self:
            mandates = console.mandate_ids
            if console.request_type_id:
                mandates = mandates.filtered(
                    lambda m, rtype=console.request_type_id._origin: m.scope == "all"
                    or rtype in m.request_type_ids
                )
            console.available_proxy_ids = mandates.representative_id

    @api.onchange("canned_response_id")
    def _onchange_canned_response_id(self):
        answer = self.canned_response_id.substitution
        if answer:
            notes = (self.interaction_notes or "").strip()
            self.interaction_notes = f"{notes}\n{answer}" if notes else answer
            self.interaction_subject = (
                self.interaction_subject or self.canned_response_id.description
            )

    @api.onchange("request_type_id")
    def _onchange_request_type_id(self):
        if self.proxy_partner_id not in self.available_proxy_ids:
            self.proxy_partner_id = False

    # ------------------------------------------------------------------
    # New citizen
    # ------------------------------------------------------------------

    def _grc_new_citizen_values(self):
        self.ensure_one()
        return {
            key: value.strip()
            for key, value in (
                ("name", self.new_name),
                ("phone", self.new_phone),
                ("email", self.new_email),
                ("street", self.new_street),
                ("zip", self.new_zip),
                ("city", self.new_city),
            )
            if value and value.strip()
        }

    @api.depends("new_name", "new_phone", "new_email", "new_street", "new_zip")
    def _compute_new_match_id(self):
        dedup = self.env["grc.citizen.dedup"]
        for console in self:
            values = console._grc_new_citizen_values()
            console.new_match_id = dedup._find_citizen(values) if values else False

    def action_create_citizen(self):
        """Create the citizen typed in, unless the dedup engine knows them
        already: then their file is opened instead of a duplicate."""
        self.ensure_one()
        values = self._grc_new_citizen_values()
        if not values.get("name"):
            raise UserError(self.env._("Give the citizen's name."))
        match = self.env["grc.citizen.dedup"]._find_citizen(values)
        if match and not self.env.context.get("grc_force_new_citizen"):
            self._grc_select_citizen(match)
            self.last_result = self.env._(
                "%(name)s was already known (%(number)s): their file is open.",
                name=match.name,
                number=match.citizen_number or "-",
            )
            return
        partner = self.env["res.partner"].create(dict(values, is_citizen=True))
        self._grc_select_citizen(partner)
        self.last_result = self.env._(
            "Citizen %(name)s created (%(number)s).",
            name=partner.name,
            number=partner.citizen_number,
        )

    def action_use_citizen_address(self):
        """The request is about the place where the citizen lives."""
        self.ensure_one()
        self._grc_check_citizen()
        partner = self.partner_id
        if not (partner.street and partner.city):
            raise UserError(
                self.env._("%(name)s has no postal address.", name=partner.name)
            )
        self.write(
            {
                "location_street": partner.street,
                "location_zip": partner.zip,
                "location_city": partner.city,
            }
        )

    def action_use_match(self):
        self.ensure_one()
        if not self.new_match_id:
            raise UserError(self.env._("No known citizen matches what you typed."))
        self._grc_select_citizen(self.new_match_id)

    # ------------------------------------------------------------------
    # Outcomes of the contact
    # ------------------------------------------------------------------

    def _grc_check_citizen(self):
        if not self.partner_id:
            raise UserError(self.env._("Find the citizen first, or create them."))

    def _grc_reset(self, message):
        """Ready for the next contact; the channel stays."""
        values = dict.fromkeys(CONTACT_FIELDS, False)
        values.update(last_result=message, idempotency_key=str(uuid.uuid4()))
        self.write(values)

    def action_answered(self):
        """The citizen got their answer: log the contact, nothing more."""
        self.ensure_one()
        self._grc_check_citizen()
        subject = (self.interaction_subject or "").strip()
        if not subject:
            raise UserError(self.env._("Say in a few words what the citizen asked."))
        self.env["grc.interaction"].create(
            {
                "name": subject,
                "partner_id": self.partner_id.id,
                "channel_id": self.channel_id.id,
                "team_id": self.interaction_team_id.id,
                "notes": self.interaction_notes,
                "outcome": "answered",
            }
        )
        self._grc_reset(
            self.env._(
                "Contact with %(name)s logged: answered on the spot.",
                name=self.partner_id.name,
            )
        )

    def _grc_request_values(self):
        """Values for the intake method, as every channel builds them."""
        self.ensure_one()
        description = (self.request_description or "").strip() or (
            self.request_subject or ""
        ).strip()
        return {
            "request_type_id": self.request_type_id.id,
            "name": self.request_subject,
            "description": description,
            "channel": self.channel_id.id,
            "partner_id": self.partner_id.id,
            "proxy_partner_id": self.proxy_partner_id.id,
            "location_street": self.location_street,
            "location_zip": self.location_zip,
            "location_city": self.location_city,
            "idempotency_key": self.idempotency_key,
            "company_id": self.env.company.id,
        }

    def action_create_request(self):
        """File the request through the intake, then log the contact.

        Intake runs as superuser and the agent may not read back a
        confidential request: only its reference and service are shown.
        """
        self.ensure_one()
        self._grc_check_citizen()
        if not self.request_type_id:
            raise UserError(self.env._("Choose the type of request."))
        ticket_sudo = (
            self.env["helpdesk.ticket"]
            .with_context(grc_frontdesk_intake=True, mail_create_nosubscribe=True)
            ._grc_submit_request(self._grc_request_values())
        )
        confidential = ticket_sudo.is_confidential
        self.env["grc.interaction"].create(
            {
                # A confidential request says nothing of itself to whoever
                # reads the contacts.
                "name": self.env._("Confidential request")
                if confidential
                else ticket_sudo.name,
                "partner_id": self.partner_id.id,
                "channel_id": self.channel_id.id,
                "team_id": not confidential and ticket_sudo.team_id.id,
                "ticket_id": not confidential and ticket_sudo.id,
                "outcome": "request",
            }
        )
        service = ticket_sudo.team_id.name or self.env._("triage")
        if ticket_sudo.proxy_partner_id:
            message = self.env._(
                "Request %(ref)s filed for %(service)s, on behalf of %(citizen)s "
                "by %(representative)s.",
                ref=ticket_sudo.number,
                service=service,
                citizen=self.partner_id.name,
                representative=ticket_sudo.proxy_partner_id.name,
            )
        else:
            message = self.env._(
                "Request %(ref)s filed for %(service)s.",
                ref=ticket_sudo.number,
                service=service,
            )
        self._grc_reset(message)
