# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import datetime, time

from pytz import UTC, timezone

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

# What a scan may be: MIME type read from the content -> file extension.
SCAN_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
}


class GrcLetterRegister(models.TransientModel):
    """Register a letter received by post as a request, with its scan."""

    _name = "grc.letter.register"
    _description = "Register a letter"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Citizen",
        domain="[('is_citizen', '=', True)]",
        help="Leave empty to find the citizen from the sender below, or create "
        "them.",
    )
    citizen_name = fields.Char(string="Sender")
    citizen_street = fields.Char(string="Street")
    citizen_zip = fields.Char(string="Postal code")
    citizen_city = fields.Char(string="City")
    citizen_email = fields.Char(string="E-mail")
    citizen_phone = fields.Char(string="Phone")
    request_type_id = fields.Many2one(
        comodel_name="grc.request.type", string="Request type", required=True
    )
    name = fields.Char(string="Subject", help="Defaults to the request type.")
    description = fields.Text(
        string="Summary",
        required=True,
        help="What the citizen asks for, in a few lines.",
    )
    received_date = fields.Date(
        string="Received on",
        required=True,
        default=fields.Date.context_today,
        help="Date stamped on the letter when it arrived: deadlines run from it.",
    )
    scan = fields.Binary(string="Scan of the letter", required=True)
    scan_filename = fields.Char()

    @api.onchange(
        "citizen_name",
        "citizen_street",
        "citizen_zip",
        "citizen_city",
        "citizen_email",
        "citizen_phone",
    )
    def _onchange_citizen(self):
        """Propose the citizen the dedup engine finds from the sender."""
        if self.partner_id:
            return
        values = self._citizen_values()
        if values.get("name") or values.get("email") or values.get("phone"):
            self.partner_id = self.env["grc.citizen.dedup"]._find_citizen(values)

    def _citizen_values(self):
        return {
            key: value
            for key, value in (
                ("name", self.citizen_name),
                ("street", self.citizen_street),
                ("zip", self.citizen_zip),
                ("city", self.citizen_city),
                ("email", self.citizen_email),
                ("phone", self.citizen_phone),
            )
            if value
        }

    def _received_datetime(self):
        """Naive UTC moment of arrival: now for today, else noon local time."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.received_date > today:
            raise ValidationError(
                self.env._("A letter cannot have been received in the future.")
            )
        if self.received_date == today:
            return fields.Datetime.now()
        tz = timezone(self.env.user.tz or "Europe/Paris")
        local = tz.localize(datetime.combine(self.received_date, time(12, 0)))
        return local.astimezone(UTC).replace(tzinfo=None)

    def _citizen(self):
        """The citizen chosen, found by the dedup engine, or created."""
        self.ensure_one()
        if self.partner_id:
            return self.partner_id
        values = self._citizen_values()
        if not values.get("name"):
            raise ValidationError(
                self.env._("Choose the citizen or give the sender's name.")
            )
        if not (values.get("street") and values.get("city")) and not (
            values.get("email") or values.get("phone")
        ):
            raise ValidationError(
                self.env._(
                    "Give the sender's postal address (or an e-mail or phone): "
                    "the answer must reach them."
                )
            )
        return self.env["helpdesk.ticket"]._grc_find_or_create_citizen(values, "post")

    def action_register(self):
        """File the request on the Post channel and open it."""
        self.ensure_one()
        tickets = self.env["helpdesk.ticket"]
        scan = base64.b64decode(self.scan or b"")
        mimetype = tickets._grc_sniff_mimetype(scan)
        filename = self.scan_filename or f"letter.{SCAN_TYPES.get(mimetype, 'pdf')}"
        errors = tickets._grc_attachment_errors([(filename, scan, mimetype)])
        if not errors and mimetype not in SCAN_TYPES:
            errors = [self.env._("The scan must be a PDF or an image.")]
        if errors:
            raise ValidationError(" ".join(errors))
        partner = self._citizen()
        ticket = tickets.with_context(grc_backoffice_intake=True)._grc_submit_request(
            {
                "request_type_id": self.request_type_id.id,
                "name": self.name,
                "description": self.description,
                "channel": "grc_citoyen.helpdesk_ticket_channel_post",
                "partner_id": partner.id,
                "received_date": self._received_datetime(),
                "company_id": self.request_type_id.company_id.id or self.env.company.id,
            }
        )
        attachment = ticket._grc_add_intake_attachments([(filename, scan, None)])
        ticket.message_post(
            body=self.env._(
                "Letter received by post on %(date)s, scan attached.",
                date=format_date(self.env, self.received_date),
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachment_ids=attachment.ids,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
            "target": "current",
        }
