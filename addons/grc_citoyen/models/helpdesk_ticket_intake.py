# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io
import os
import re
import zipfile

import psycopg2

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize, plaintext2html
from odoo.tools.mimetypes import guess_mimetype

from .grc_text import (
    CONTROL_CHARS,
    DOTTED_WORD,
    NAME_MAX_LENGTH,
    NAME_NOT_ALLOWED,
    grc_strip_bidi,
)

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
# Office documents are zip archives; these entries hold macros (VBA in
# Word, Basic and scripts in OpenDocument), which citizens never need to send.
MACRO_ENTRIES = re.compile(r"(^|/)vbaProject\.bin$|^Basic/|^Scripts/", re.IGNORECASE)
MAX_DESCRIPTION_LENGTH = 10000


class HelpdeskTicket(models.Model):
    """Intake of requests from every channel: validation, citizen matching,
    idempotency and acknowledgement.

    The e-mail intake path is in ``helpdesk_ticket_mail_gateway.py``, what
    citizens see of their requests in ``helpdesk_ticket_portal.py``.
    """

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Intake
    # ------------------------------------------------------------------
    # Every intake path (portal, e-mail alias, API, front desk) builds the
    # same values and calls _grc_submit_request(): validation, citizen
    # matching, idempotency and acknowledgement live here, nowhere else.

    grc_citizen_attachment_ids = fields.Many2many(
        "ir.attachment",
        relation="helpdesk_ticket_grc_citizen_attachment_rel",
        column1="ticket_id",
        column2="attachment_id",
        string="Files sent by the citizen",
        readonly=True,
        copy=False,
        help="Files that came with the request: the citizen may download them "
        "again. Files agents attach to the request stay internal unless they are "
        "sent in a message.",
    )
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
            if existing and not self._grc_same_citizen(existing, values):
                # Another citizen's key (reused, guessed): say nothing of it.
                raise ValidationError(
                    self.env._("The form has expired, send it again.")
                )
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
    def _grc_portal_idempotency_key(self, partner, key):
        """The key of a form sent by a signed-in citizen, scoped to them: the
        key of another citizen's form, reused, never finds their request."""
        return key and f"portal:{partner.id}:{key}"

    @api.model
    def _grc_same_citizen(self, ticket, values):
        """Whether a request found by its idempotency key belongs to the
        citizen of ``values`` (no citizen yet: a visitor's form, confirmed
        by e-mail, whose key is unique to the draft)."""
        partner = self.env["res.partner"].browse(values.get("partner_id") or [])
        if not partner:
            return True
        commercial = ticket.partner_id.commercial_partner_id
        return partner.commercial_partner_id == commercial

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
    def _grc_has_macros(self, data):
        """Whether an office document (a zip archive) carries macros."""
        if not data.startswith(b"PK"):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return True  # an office document that is no zip is no document
        return any(MACRO_ENTRIES.search(name) for name in names)

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
                or self._grc_has_macros(data)
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
        """One line of text: no control or bidirectional characters, trimmed,
        bounded."""
        value = CONTROL_CHARS.sub(" ", grc_strip_bidi(value or "")).strip()
        return value[:size]

    @api.model
    def _grc_clean_person_name(self, value):
        """A name typed by a visitor, reduced to a plain name (letters,
        spaces, hyphens, apostrophes, bounded): the town hall prints it in
        its mails, so it must not carry a link or a message."""
        words = [
            word
            for word in self._grc_clean_text(value).split()
            # Addresses and links ("evil.example/pay", "x@y") are dropped whole.
            if not ("/" in word or "@" in word or DOTTED_WORD.search(word))
        ]
        name = NAME_NOT_ALLOWED.sub(" ", " ".join(words))
        return " ".join(name.split())[:NAME_MAX_LENGTH].strip()

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
        if citizen.get("name"):
            citizen["name"] = self._grc_clean_person_name(citizen["name"])
            if not citizen["name"]:
                del citizen["name"]
        dedup = self.env["grc.citizen.dedup"].sudo()
        partner, unverified_account = dedup._match_citizen(citizen)
        if partner:
            return partner
        citizen.setdefault("name", citizen.get("email") or self.env._("Citizen"))
        citizen["is_citizen"] = True
        # An online account holds this address without having proved it: the
        # request waits on a record of its own for an agent to say who it is.
        citizen["grc_to_confirm"] = unverified_account
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
        files = (
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
        self.sudo().grc_citizen_attachment_ids = [Command.link(f.id) for f in files]
        return files
