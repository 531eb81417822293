# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import os
import re
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize, parse_contact_from_email, plaintext2html
from odoo.tools.mimetypes import guess_mimetype

# Intake: what citizens may upload, by extension -> MIME types read from the content.
ALLOWED_ATTACHMENT_TYPES = {
    "pdf": {"application/pdf"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "heic": {"image/heic", "image/heif"},
    "heif": {"image/heic", "image/heif"},
    "webp": {"image/webp"},
    "odt": {"application/vnd.oasis.opendocument.text"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
}
HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
MAX_DESCRIPTION_LENGTH = 10000
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
BOUNCE_SUBJECTS = (
    "delivery status notification",
    "undelivered mail returned to sender",
    "mail delivery failed",
    "undeliverable:",
)


class HelpdeskTicket(models.Model):
    """Intake of requests from every channel, and what citizens see of them."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Intake
    # ------------------------------------------------------------------
    # Every intake path (portal, e-mail alias, API, front desk) builds the
    # same values and calls _grc_submit_request(): validation, citizen
    # matching, idempotency and acknowledgement live here, nowhere else.

    grc_idempotency_key = fields.Char(
        string="Idempotency key",
        copy=False,
        readonly=True,
        help="Key given by the intake path (form token, API key header): a retry "
        "with the same key returns this request instead of creating another.",
    )

    def init(self):
        res = super().init()
        # Partial: most requests (e-mail, back office) carry no key.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS helpdesk_ticket_grc_idempotency_key_uniq
            ON helpdesk_ticket (company_id, grc_idempotency_key)
            WHERE grc_idempotency_key IS NOT NULL
            """
        )
        return res

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/my/requests/{ticket.id}"
        return res

    @api.model
    def _grc_submit_request(self, values):
        """Create a citizen request from any channel; return it (sudo).

        ``values``: request_type_id, name, description (plain text), channel
        (xmlid or id), location_street/zip/city/latitude/longitude,
        attachments [(name, bytes, mimetype)], partner_id or citizen (dict:
        name, email, phone, street, zip, city, preferred_channel),
        idempotency_key, company_id. A retry with the same idempotency key
        returns the request created the first time.
        """
        self = self.sudo()
        company = self._grc_intake_company(values)
        key = (values.get("idempotency_key") or "").strip() or False
        if key:
            existing = self._grc_find_by_idempotency_key(key, company)
            if existing:
                return existing
        errors = self._grc_intake_errors(values)
        if errors:
            raise ValidationError("\n".join(errors.values()))
        partner = self._grc_intake_citizen(values)
        vals = self._grc_intake_ticket_values(values, partner, company)
        vals["grc_idempotency_key"] = key
        try:
            with self.env.cr.savepoint():
                ticket = self.create(vals)
        except psycopg2.errors.UniqueViolation as exc:
            if not key or (
                exc.diag.constraint_name != "helpdesk_ticket_grc_idempotency_key_uniq"
            ):
                raise
            # A concurrent submission with the same key won the race.
            existing = self._grc_find_by_idempotency_key(key, company)
            if existing:
                return existing
            # Committed after our snapshot: let the HTTP layer retry the whole
            # transaction, which will then see (and return) that request.
            raise psycopg2.errors.SerializationFailure(
                "Concurrent submission with the same idempotency key"
            ) from exc
        ticket.message_subscribe(partner_ids=partner.ids)
        ticket._grc_add_intake_attachments(values.get("attachments") or [])
        ticket._grc_send_acknowledgement()
        return ticket

    @api.model
    def _grc_intake_company(self, values):
        request_type = self.env["grc.request.type"].sudo()
        if values.get("request_type_id"):
            request_type = request_type.browse(int(values["request_type_id"])).exists()
        company_id = values.get("company_id") or request_type.company_id.id
        return self.env["res.company"].browse(company_id) or self.env.company

    @api.model
    def _grc_find_by_idempotency_key(self, key, company):
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("grc_idempotency_key", "=", key),
                    ("company_id", "=", company.id),
                ],
                limit=1,
            )
        )

    @api.model
    def _grc_attachment_limits(self):
        """Maximum size of one file (bytes) and number of files per submission."""
        params = self.env["ir.config_parameter"].sudo()
        max_mb = float(params.get_param("grc_citoyen.attachment_max_size_mb", 10))
        max_count = int(params.get_param("grc_citoyen.attachment_max_count", 5))
        return int(max_mb * 1024 * 1024), max_count

    @api.model
    def _grc_sniff_mimetype(self, data):
        """MIME type read from the content (magic bytes), never from the name."""
        # HEIC (iPhone photos) is an ISO-BMFF file that Odoo's guesser ignores.
        if data[4:8] == b"ftyp" and data[8:12] in HEIC_BRANDS:
            return "image/heic"
        return guess_mimetype(data, default="application/octet-stream")

    @api.model
    def _grc_attachment_errors(self, attachments):
        """Reasons to refuse uploaded files, as a list of messages."""
        max_size, max_count = self._grc_attachment_limits()
        errors = []
        if len(attachments) > max_count:
            errors.append(
                self.env._("You can attach at most %(count)s files.", count=max_count)
            )
        for name, data, _mimetype in attachments:
            extension = os.path.splitext(name or "")[1].lower().lstrip(".")
            if len(data or b"") > max_size:
                errors.append(
                    self.env._(
                        "The file %(name)s is too big (maximum %(size)s MB).",
                        name=name,
                        size=round(max_size / 1024 / 1024, 1),
                    )
                )
            elif (
                not data
                or extension not in ALLOWED_ATTACHMENT_TYPES
                or self._grc_sniff_mimetype(data)
                not in ALLOWED_ATTACHMENT_TYPES[extension]
            ):
                errors.append(
                    self.env._(
                        "The file %(name)s is not accepted: send a PDF, a photo "
                        "(JPEG, PNG, HEIC, WebP) or a document (ODT, DOCX).",
                        name=name,
                    )
                )
        return errors

    @api.model
    def _grc_intake_errors(self, values):
        """Check submitted values; return {field: message} (empty when valid).

        Keys are the names of the values, so that a form can show each message
        next to its field.
        """
        errors = {}
        request_type = self.env["grc.request.type"].sudo().browse()
        if values.get("request_type_id"):
            request_type = request_type.browse(int(values["request_type_id"])).exists()
        if not request_type or not request_type.active or not request_type.is_published:
            errors["request_type_id"] = self.env._(
                "This démarche does not exist or is no longer offered online."
            )
        description = (values.get("description") or "").strip()
        if not description:
            errors["description"] = self.env._("Describe your request.")
        elif len(description) > MAX_DESCRIPTION_LENGTH:
            errors["description"] = self.env._(
                "The description is too long (%(max)s characters at most).",
                max=MAX_DESCRIPTION_LENGTH,
            )
        errors.update(self._grc_location_errors(values, request_type))
        attachments = values.get("attachments") or []
        if attachments and request_type and not request_type.attachments_allowed:
            errors["attachments"] = self.env._(
                "This démarche does not accept attached files."
            )
        elif attachments:
            attachment_errors = self._grc_attachment_errors(attachments)
            if attachment_errors:
                errors["attachments"] = " ".join(attachment_errors)
        channels = dict(self.env["res.partner"]._fields["preferred_channel"].selection)
        if (
            values.get("preferred_channel")
            and values["preferred_channel"] not in channels
        ):
            errors["preferred_channel"] = self.env._("Choose how to contact you.")
        if not values.get("partner_id"):
            citizen = values.get("citizen") or {}
            if not (citizen.get("name") or "").strip():
                errors["citizen_name"] = self.env._("Give your name.")
            email = citizen.get("email")
            if not email or not email_normalize(email):
                errors["citizen_email"] = self.env._("Give a valid e-mail address.")
        return errors

    @api.model
    def _grc_location_errors(self, values, request_type):
        errors = {}
        if request_type.location_required and not (
            (values.get("location_street") and values.get("location_city"))
            or (values.get("location_latitude") and values.get("location_longitude"))
        ):
            errors["location"] = self.env._(
                "Give the address (street and city) or the position on the map "
                "of the place concerned."
            )
        for coordinate, bound in (
            ("location_latitude", 90),
            ("location_longitude", 180),
        ):
            value = values.get(coordinate)
            if value in (None, False, ""):
                continue
            try:
                valid = -bound <= float(value) <= bound
            except (TypeError, ValueError):
                valid = False
            if not valid:
                errors[coordinate] = self.env._("This coordinate is not valid.")
        return errors

    @api.model
    def _grc_clean_text(self, value, size=256):
        """One line of text: no control characters, trimmed, bounded."""
        value = CONTROL_CHARS.sub(" ", value or "").strip()
        return value[:size]

    @api.model
    def _grc_intake_citizen(self, values):
        """The citizen of the request: given, found by the dedup engine, or new."""
        partner_model = self.env["res.partner"].sudo()
        if values.get("partner_id"):
            partner = partner_model.browse(int(values["partner_id"])).exists()
            if values.get("preferred_channel") and partner:
                partner.preferred_channel = values["preferred_channel"]
            return partner
        return self._grc_find_or_create_citizen(
            values.get("citizen") or {}, values.get("preferred_channel")
        )

    @api.model
    def _grc_find_or_create_citizen(self, citizen, preferred_channel=False):
        partner_model = self.env["res.partner"].sudo()
        citizen = {
            key: self._grc_clean_text(str(citizen[key]))
            for key in ("name", "email", "phone", "street", "zip", "city")
            if citizen.get(key)
        }
        partner = self.env["grc.citizen.dedup"].sudo()._find_citizen(citizen)
        if partner:
            return partner
        citizen.setdefault("name", citizen.get("email") or self.env._("Citizen"))
        citizen["is_citizen"] = True
        if preferred_channel:
            citizen["preferred_channel"] = preferred_channel
        return partner_model.create(citizen)

    @api.model
    def _grc_intake_channel(self, channel):
        if not channel:
            return self.env["helpdesk.ticket.channel"]
        if isinstance(channel, str) and not channel.isdigit():
            return (
                self.env.ref(channel, raise_if_not_found=False)
                or self.env["helpdesk.ticket.channel"]
            )
        return self.env["helpdesk.ticket.channel"].browse(int(channel))

    @api.model
    def _grc_intake_ticket_values(self, values, partner, company):
        request_type = (
            self.env["grc.request.type"].sudo().browse(int(values["request_type_id"]))
        )
        name = self._grc_clean_text(values.get("name")) or request_type.name
        vals = {
            "name": name,
            "description": plaintext2html(values["description"].strip()),
            "request_type_id": request_type.id,
            "category_id": request_type.category_id.id,
            "channel_id": self._grc_intake_channel(values.get("channel")).id,
            "partner_id": partner.id,
            "partner_name": partner.name,
            "partner_email": partner.email,
            "company_id": company.id,
        }
        for field_name in ("location_street", "location_zip", "location_city"):
            if values.get(field_name):
                vals[field_name] = self._grc_clean_text(values[field_name])
        for field_name in ("location_latitude", "location_longitude"):
            if values.get(field_name) not in (None, False, ""):
                vals[field_name] = float(values[field_name])
        return vals

    def _grc_add_intake_attachments(self, attachments):
        self.ensure_one()
        if not attachments:
            return self.env["ir.attachment"]
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": self._grc_clean_text(name) or "file",
                        "raw": data,
                        "mimetype": self._grc_sniff_mimetype(data),
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                    for name, data, _mimetype in attachments
                ]
            )
        )

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to a service's alias files a request on the E-mail channel,
        from the citizen found (or created) by the sender's address."""
        custom_values = dict(custom_values or {})
        name, email = parse_contact_from_email(msg_dict.get("email_from") or "")
        if email and not custom_values.get("partner_id"):
            partner = self._grc_find_or_create_citizen(
                {"name": name or email, "email": email}, "email"
            )
            custom_values["partner_id"] = partner.id
            custom_values.setdefault("partner_name", partner.name)
            custom_values.setdefault("partner_email", partner.email)
            # The incoming message is then posted with the citizen as author
            # (and follower), so that the agent's answers reach them.
            if not msg_dict.get("author_id"):
                msg_dict["author_id"] = partner.id
        if not custom_values.get("channel_id"):
            custom_values["channel_id"] = self._grc_intake_channel(
                "helpdesk_mgmt.helpdesk_ticket_channel_email"
            ).id
        ticket = super().message_new(msg_dict, custom_values=custom_values)
        ticket._grc_send_acknowledgement()
        return ticket

    @api.model
    def _grc_is_automatic_email(self, message, msg_dict):
        """True for auto-replies, delivery reports and bulk mail, which must
        never become requests (nor be answered: mail loops)."""
        auto_submitted = (message.get("Auto-Submitted") or "").strip().lower()
        if auto_submitted and auto_submitted != "no":
            return True
        if message.get("X-Autoreply") or message.get("X-Autorespond"):
            return True
        precedence = (message.get("Precedence") or "").strip().lower()
        if precedence in ("bulk", "auto_reply", "junk"):
            return True
        subject = (msg_dict.get("subject") or "").lower()
        return any(marker in subject for marker in BOUNCE_SUBJECTS)

    # ------------------------------------------------------------------
    # Citizen portal
    # ------------------------------------------------------------------
    # What a citizen sees and does on their request (/my/requests/<id>,
    # /suivi). Records arrive sudo-ed from the controllers once access has
    # been checked, so each method states what the citizen may see.

    def _grc_portal_timeline(self):
        """Public history of the request, oldest first: messages exchanged
        with the citizen (internal notes excluded) and status changes."""
        self.ensure_one()
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("message_type", "in", ("comment", "email")),
                ]
                + self.env["mail.message"]._get_search_domain_share(),
                order="date, id",
            )
        )
        trackings = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", self._name),
                    ("mail_message_id.res_id", "=", self.id),
                    ("field_id.name", "=", "stage_id"),
                    ("field_id.model", "=", self._name),
                ]
            )
        )
        events = [{"date": self.received_date or self.create_date, "kind": "received"}]
        events += [
            {"date": tracking.mail_message_id.date, "kind": "status", "status": name}
            for tracking in trackings
            if (name := tracking.new_value_char)
        ]
        events += [
            {
                "date": message.date,
                "kind": "message",
                "message": message,
                "from_citizen": message.author_id == self.partner_id,
            }
            for message in messages
        ]
        return sorted(events, key=lambda event: event["date"])

    def _grc_portal_attachments(self):
        """Files the citizen may download: those of the request itself and
        of public messages, never those of internal notes."""
        self.ensure_one()
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", self._name), ("res_id", "=", self.id)],
                order="id",
            )
        )
        if not attachments:
            return attachments
        internal_messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("attachment_ids", "in", attachments.ids),
                    "|",
                    "|",
                    ("is_internal", "=", True),
                    ("subtype_id", "=", False),
                    ("subtype_id.internal", "=", True),
                ]
            )
        )
        public = attachments - internal_messages.attachment_ids
        for attachment in public.filtered(lambda a: not a.access_token):
            attachment.generate_access_token()
        return public

    def _grc_portal_post_message(self, author, body, attachments=None):
        """The citizen writes to the service (and may add files)."""
        self.ensure_one()
        body = (body or "").strip()
        attachments = attachments or []
        if not body and not attachments:
            raise ValidationError(self.env._("Write a message or attach a file."))
        if len(body) > MAX_DESCRIPTION_LENGTH:
            raise ValidationError(
                self.env._(
                    "The message is too long (%(max)s characters at most).",
                    max=MAX_DESCRIPTION_LENGTH,
                )
            )
        errors = self._grc_attachment_errors(attachments)
        if errors:
            raise ValidationError(" ".join(errors))
        return self.sudo().message_post(
            body=plaintext2html(body) if body else "",
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[
                (self._grc_clean_text(name) or "file", data)
                for name, data, _mimetype in attachments
            ],
        )

    def _grc_portal_can_cancel(self):
        self.ensure_one()
        return self.grc_state in ("new", "qualified")

    def _grc_portal_cancel(self):
        """Cancelled by the citizen, while nobody has started working on it."""
        self.ensure_one()
        if not self._grc_portal_can_cancel():
            raise ValidationError(
                self.env._("This request can no longer be cancelled online.")
            )
        return self.action_grc_cancel()

    def _grc_portal_can_reopen(self):
        """The citizen may reopen within the company's reopen window."""
        self.ensure_one()
        if self.grc_state not in ("resolved", "closed"):
            return False
        deadline = self._grc_reopen_deadline()
        return bool(deadline and fields.Datetime.now() <= deadline)

    def _grc_portal_reopen(self):
        """Reopened by the citizen within the reopen window."""
        self.ensure_one()
        if not self._grc_portal_can_reopen():
            raise ValidationError(
                self.env._("This request can no longer be reopened online.")
            )
        return self.action_grc_reopen()

    @api.model
    def _grc_find_for_tracking(self, reference, email):
        """The request of this reference when the e-mail is its citizen's;
        otherwise nothing, without telling which of the two was wrong."""
        reference = self._grc_clean_text(reference).upper()
        email = email_normalize(email or "")
        if not reference or not email:
            return self.sudo().browse()
        ticket = self.sudo().search([("number", "=", reference)], limit=1)
        emails = {
            email_normalize(address or "")
            for address in (ticket.partner_id.email, ticket.partner_email)
        }
        return ticket if ticket and email in emails else self.sudo().browse()

    @api.model
    def _grc_tracking_blocked(self, client_key):
        """Too many failed look-ups from this client: slow down guessing.
        Counted in memory per worker, like Odoo's login cooldown."""
        failures = getattr(self.pool, "_grc_tracking_failures", {})
        count, first = failures.get(client_key, (0, None))
        params = self.env["ir.config_parameter"].sudo()
        max_attempts = int(params.get_param("grc_citoyen.tracking_max_attempts", 5))
        window = int(params.get_param("grc_citoyen.tracking_window_minutes", 15))
        if first and fields.Datetime.now() - first > timedelta(minutes=window):
            failures.pop(client_key, None)
            return False
        return count >= max_attempts

    @api.model
    def _grc_tracking_failed(self, client_key):
        if not hasattr(self.pool, "_grc_tracking_failures"):
            self.pool._grc_tracking_failures = {}
        failures = self.pool._grc_tracking_failures
        if len(failures) > 10000:  # bounded memory whatever the traffic
            failures.clear()
        count, first = failures.get(client_key, (0, fields.Datetime.now()))
        failures[client_key] = (count + 1, first)
