# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import consteq
from odoo.tools.misc import hmac

from odoo.addons.grc_citoyen.tools.intake import find_or_create
from odoo.addons.grc_citoyen.tools.normalize import normalize_email

_logger = logging.getLogger(__name__)

# Unchanged since the drafts left grc_citoyen: links already mailed work.
TOKEN_SCOPE = "grc_citoyen.request_draft"


class GrcRequestDraft(models.Model):
    """A request filed online without an account, kept until the citizen
    confirms their e-mail address: only then does it become a request."""

    _name = "grc.request.draft"
    _description = "Online request awaiting e-mail confirmation"
    _order = "create_date desc, id desc"

    request_type_id = fields.Many2one(
        comodel_name="grc.request.type", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    name = fields.Char(string="Subject")
    description = fields.Text(required=True)
    location_street = fields.Char()
    location_zip = fields.Char()
    location_city = fields.Char()
    location_latitude = fields.Float(digits=(10, 7))
    location_longitude = fields.Float(digits=(10, 7))
    citizen_name = fields.Char(required=True)
    citizen_email = fields.Char(required=True)
    citizen_phone = fields.Char()
    preferred_channel = fields.Selection(
        selection=lambda self: self.env["res.partner"]
        ._fields["preferred_channel"]
        ._description_selection(self.env),
    )
    idempotency_key = fields.Char(required=True, index=True)
    uuid = fields.Char(
        required=True,
        index=True,
        copy=False,
        default=lambda self: str(uuid.uuid4()),
    )
    expiration_date = fields.Datetime(required=True, index=True)
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Request", readonly=True
    )
    attachment_ids = fields.One2many(
        comodel_name="ir.attachment",
        inverse_name="res_id",
        domain=[("res_model", "=", "grc.request.draft")],
    )

    _sql_constraints = [
        ("uuid_uniq", "unique(uuid)", "The confirmation token must be unique."),
        (
            "idempotency_key_uniq",
            "unique(company_id, idempotency_key)",
            "This submission was already received.",
        ),
    ]

    @api.model
    def _grc_expiry_hours(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()  # a setting, read for visitors
            .get_param("grc_citoyen.draft_expiry_hours", 48)
        )

    @api.model
    def _grc_check_values(self, values):
        """Validate a visitor's submission (once: the draft, then the request
        it becomes, trust it); raise ``GrcIntakeError``."""
        return self.env["helpdesk.ticket"]._grc_check_visitor_values(values)

    @api.model
    def _grc_create_draft(self, values, validated=False):
        """Store an anonymous submission and mail the confirmation link.

        ``values`` are those of ``helpdesk.ticket._grc_submit_request`` with a
        ``citizen`` dict, checked by ``_grc_check_values`` unless
        ``validated``. The same idempotency key returns the same draft.
        """
        # sudo: the boundary of the anonymous path: visitors have no access to drafts.
        self = self.sudo()
        ticket_model = self.env["helpdesk.ticket"]
        company = ticket_model._grc_intake_company(values)
        key = (values.get("idempotency_key") or "").strip()
        if not key:
            raise ValidationError(self.env._("The form has expired, send it again."))
        if not validated:
            self._grc_check_values(values)
        draft, replayed = find_or_create(
            lambda: self.search(
                [("idempotency_key", "=", key), ("company_id", "=", company.id)],
                limit=1,
            ),
            lambda: self._grc_new_draft(values, key, company),
            "grc_request_draft_idempotency_key_uniq",
        )
        if replayed:
            if normalize_email(draft.citizen_email) != normalize_email(
                (values.get("citizen") or {}).get("email")
            ):
                # Another visitor's form key: their address is not shown.
                raise ValidationError(
                    self.env._("The form has expired, send it again.")
                )
            return draft
        template = self.env.ref(
            "grc_citoyen_guest.mail_template_grc_request_draft_confirm"
        )
        template.send_mail(draft.id, force_send=False)
        return draft

    @api.model
    def _grc_new_draft(self, values, key, company):
        citizen = values["citizen"]
        ticket_model = self.env["helpdesk.ticket"]
        clean = ticket_model._grc_clean_text
        draft = self.create(
            {
                "request_type_id": int(values["request_type_id"]),
                "company_id": company.id,
                "name": clean(values.get("name")),
                "description": values["description"].strip(),
                "location_street": clean(values.get("location_street")),
                "location_zip": clean(values.get("location_zip")),
                "location_city": clean(values.get("location_city")),
                "location_latitude": float(values.get("location_latitude") or 0),
                "location_longitude": float(values.get("location_longitude") or 0),
                # Printed in the town hall's mails: a plain name only.
                "citizen_name": ticket_model._grc_clean_person_name(citizen.get("name"))
                or clean(citizen.get("email")),
                "citizen_email": clean(citizen.get("email")),
                "citizen_phone": clean(citizen.get("phone")),
                "preferred_channel": values.get("preferred_channel") or False,
                "idempotency_key": key,
                "expiration_date": fields.Datetime.now()
                + timedelta(hours=self._grc_expiry_hours()),
            }
        )
        uploads = ticket_model._grc_screen_uploads(values.get("attachments") or [])
        if uploads:
            self.env["ir.attachment"].create(
                [
                    {
                        "name": clean(upload.name) or "file",
                        "raw": upload.data,
                        "mimetype": upload.mimetype,
                        "res_model": self._name,
                        "res_id": draft.id,
                    }
                    for upload in uploads
                ]
            )
        return draft

    def _grc_confirmation_token(self):
        self.ensure_one()
        signature = hmac(self.env(su=True), TOKEN_SCOPE, self.uuid)
        return f"{self.uuid}.{signature}"

    def _grc_confirmation_url(self):
        self.ensure_one()
        base_url = self.request_type_id.get_base_url()
        return f"{base_url}/demarches/confirmer/{self._grc_confirmation_token()}"

    @api.model
    def _grc_from_token(self, token):
        """The pending draft of a signed token, or an empty recordset."""
        draft_uuid, _dot, signature = (token or "").partition(".")
        # sudo: drafts are the superuser's only: the signed token is the access.
        nothing = self.sudo().browse()
        if not draft_uuid or not signature:
            return nothing
        expected = hmac(self.env(su=True), TOKEN_SCOPE, draft_uuid)
        if not consteq(expected, signature):
            return nothing
        draft = self.sudo().search([("uuid", "=", draft_uuid)], limit=1)  # as above
        if (
            draft
            and not draft.ticket_id
            and draft.expiration_date < fields.Datetime.now()
        ):
            return nothing
        return draft

    def action_grc_confirm(self):
        """The citizen clicked the link: the submission becomes a request.
        Clicking again returns the same request."""
        self.ensure_one()
        if self.ticket_id:
            return self.ticket_id
        values = {
            "request_type_id": self.request_type_id.id,
            "company_id": self.company_id.id,
            "name": self.name,
            "description": self.description,
            "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
            "location_street": self.location_street,
            "location_zip": self.location_zip,
            "location_city": self.location_city,
            "location_latitude": self.location_latitude or False,
            "location_longitude": self.location_longitude or False,
            "citizen": {
                "name": self.citizen_name,
                "email": self.citizen_email,
                "phone": self.citizen_phone,
            },
            "preferred_channel": self.preferred_channel,
            # Moved to the request, not copied.
            "attachment_ids": self.attachment_ids,
            "idempotency_key": f"draft-{self.idempotency_key}",
        }
        # Checked when the draft was filed: not again.
        ticket, _replayed = self.env["helpdesk.ticket"]._grc_intake(
            values, validated=True
        )
        self.ticket_id = ticket
        return ticket

    @api.model
    def _cron_expire_drafts(self):
        """Forget submissions once their link has expired (RGPD: data
        minimisation); confirmed ones already live on as requests."""
        # sudo: the cron forgets every company's drafts.
        expired = self.sudo().search([("expiration_date", "<", fields.Datetime.now())])
        _logger.info("Removing %s expired request drafts", len(expired))
        expired.unlink()
