# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import uuid

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import plaintext2html

from ..tools.intake import (
    GrcIntakeError,
    GrcUpload,
    find_or_create,
    screen_upload,
    sniff_mimetype,
)
from ..tools.normalize import normalize_email
from .grc_text import (
    CONTROL_CHARS,
    DOTTED_WORD,
    NAME_MAX_LENGTH,
    NAME_NOT_ALLOWED,
    grc_strip_bidi,
)

MAX_DESCRIPTION_LENGTH = 10000
IDEMPOTENCY_INDEX = "helpdesk_ticket_grc_idempotency_key_uniq"


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
    def _grc_request_steps(self):
        # Last: the acknowledgement tells the service and the deadlines.
        return super()._grc_request_steps() + [(90, "_grc_acknowledge_step")]

    @api.model
    def _grc_acknowledge_step(self, vals_list):
        """Requests filed through the intake are acknowledged: the dates of
        the acknowledgements are decided here and written with the row (no
        second write); ``_grc_after_create`` sends the messages."""
        acknowledge = self.env.context.get("grc_acknowledge")
        # A new record has no id: nothing to track on it.
        new_records = self.with_context(mail_notrack=True)
        for vals in vals_list:
            if acknowledge:
                vals.update(
                    new_records._grc_new_request(vals)._grc_acknowledgement_plan()[1]
                )
            if acknowledge or vals.get("partner_id"):
                # Every mail about a citizen's request (the acknowledgement,
                # the agent's notification of the assignment...) carries the
                # citizen's link to it, whose token Odoo creates when the
                # first one is rendered: it is written with the row instead
                # of by an UPDATE of the new request.
                vals.setdefault("access_token", str(uuid.uuid4()))

    def _grc_after_create(self):
        res = super()._grc_after_create()
        if self.env.context.get("grc_acknowledge"):
            self.with_context(grc_acknowledge=False)._grc_send_acknowledgement()
        return res

    @api.model
    def _grc_submit_request(self, values):
        """Create a citizen request from any channel; return it (sudo).

        ``values``: request_type_id, name, description (plain text), channel
        (xmlid or id), location_street/zip/city/latitude/longitude,
        attachments [(name, bytes, mimetype)] (or ``attachment_ids``: files
        already stored, e.g. a draft's, moved to the request), partner_id or
        citizen (dict: name, email, phone, street, zip, city,
        preferred_channel), idempotency_key, company_id. A retry with the same
        idempotency key returns the request created the first time. Invalid
        values raise ``GrcIntakeError`` (per-field messages).
        """
        return self._grc_intake(values)[0]

    @api.model
    def _grc_intake(self, values, check_replay=None, validated=False):
        """The one intake of every channel: return ``(request, replayed)``.

        ``check_replay(request)`` may refuse a request found by its
        idempotency key (default: it must be the same citizen's);
        ``validated``: the values were checked already (e.g. a visitor's
        form, checked when it was sent and filed once confirmed).
        """
        # sudo: the boundary of every channel: visitors and citizens may neither
        # create requests nor find citizens; callers decided who submits.
        self = self.sudo()
        company = self._grc_intake_company(values)
        key = (values.get("idempotency_key") or "").strip() or False
        check_replay = check_replay or self._grc_check_replay(values)

        def create():
            if not validated:
                self._grc_check_intake_values(values)
            partner = self._grc_intake_citizen(values)
            vals = self._grc_intake_ticket_values(values, partner, company)
            vals["grc_idempotency_key"] = key
            # Acknowledged by create: its marks written with the row, the
            # messages queued once the row exists.
            return self.with_context(grc_acknowledge=True).create(vals)

        if key:
            ticket, replayed = find_or_create(
                lambda: self._grc_find_by_idempotency_key(key, company),
                create,
                IDEMPOTENCY_INDEX,
            )
            if replayed:
                check_replay(ticket)
                return ticket, True
        else:
            ticket = create()
        ticket = ticket.with_context(grc_acknowledge=False)
        ticket.message_subscribe(partner_ids=ticket.partner_id.ids)
        if values.get("attachment_ids"):
            ticket._grc_move_intake_attachments(values["attachment_ids"])
        else:
            ticket._grc_add_intake_attachments(values.get("attachments") or [])
        return ticket, False

    @api.model
    def _grc_check_replay(self, values):
        def check(existing):
            if not self._grc_same_citizen(existing, values):
                # Another citizen's key (reused, guessed): say nothing of it.
                raise ValidationError(
                    self.env._("The form has expired, send it again.")
                )

        return check

    @api.model
    def _grc_check_intake_values(self, values):
        """Validate ``values`` once; raise ``GrcIntakeError`` with the
        per-field messages. Files are screened (read) here, once: the
        screened files replace ``values["attachments"]``."""
        errors = self._grc_intake_errors(values)
        if errors:
            raise GrcIntakeError(errors)
        return True

    @api.model
    def _grc_check_visitor_values(self, values):
        """Validate the form of a visitor who is not signed in (no partner:
        the ``citizen`` dict is required); raise ``GrcIntakeError``. Files
        are screened once: the screened files replace
        ``values["attachments"]``, so what files the form later trusts it
        (``validated``)."""
        # sudo: the form's visitor may read neither types nor settings.
        checked = dict(values, partner_id=False)
        self.sudo()._grc_check_intake_values(checked)
        if "attachments" in checked:
            values["attachments"] = checked["attachments"]  # screened once
        return True

    @api.model
    def _grc_intake_company(self, values):
        # sudo: also read for a visitor's form: types of any company, unpublished too.
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
        by e-mail, whose key is unique to it)."""
        partner = self.env["res.partner"].browse(values.get("partner_id") or [])
        if not partner:
            return True
        commercial = ticket.partner_id.commercial_partner_id
        return partner.commercial_partner_id == commercial

    @api.model
    def _grc_find_by_idempotency_key(self, key, company):
        return self.with_context(active_test=False).search(
            [
                ("grc_idempotency_key", "=", key),
                ("company_id", "=", company.id),
            ],
            limit=1,
        )

    @api.model
    def _grc_attachment_limits(self):
        """Maximum size of one file (bytes) and number of files per submission."""
        # sudo: settings, read for the upload forms of citizens too.
        params = self.env["ir.config_parameter"].sudo()
        max_mb = float(params.get_param("grc_citoyen.attachment_max_size_mb", 10))
        max_count = int(params.get_param("grc_citoyen.attachment_max_count", 5))
        return int(max_mb * 1024 * 1024), max_count

    @api.model
    def _grc_sniff_mimetype(self, data):
        """MIME type read from the content (magic bytes), never from the name."""
        return sniff_mimetype(data)

    @api.model
    def _grc_screen_uploads(self, attachments):
        """The upload policy of every channel: each file screened once
        (extension, content type read from the bytes, macros, size), as a
        list of ``GrcUpload`` (with the reason of a refusal)."""
        max_size, _max_count = self._grc_attachment_limits()
        return [
            screen_upload(
                name,
                upload if isinstance(upload, GrcUpload) else data,
                max_size,
                lambda name: self.env._(
                    "The file %(name)s is too big (maximum %(size)s MB).",
                    name=name,
                    size=round(max_size / 1024 / 1024, 1),
                ),
                lambda name: self.env._(
                    "The file %(name)s is not accepted: send a PDF, a photo "
                    "(JPEG, PNG, HEIC, WebP) or a document (ODT, DOCX).",
                    name=name,
                ),
            )
            for upload in attachments
            for name, data in [upload[:2]]
        ]

    @api.model
    def _grc_attachment_errors(self, attachments):
        """Reasons to refuse uploaded files, as a list of messages."""
        _max_size, max_count = self._grc_attachment_limits()
        errors = []
        if len(attachments) > max_count:
            errors.append(
                self.env._("You can attach at most %(count)s files.", count=max_count)
            )
        errors += [
            upload.error
            for upload in self._grc_screen_uploads(attachments)
            if upload.error
        ]
        return errors

    @api.model
    def _grc_intake_errors(self, values):
        """Check submitted values; return {field: message} (empty when valid).

        Keys are the names of the values, so that a form can show each message
        next to its field.
        """
        errors = {}
        # sudo: unpublished and archived types must be found to be refused.
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
            # Screened once: the request's files reuse what was read here.
            values["attachments"] = attachments = self._grc_screen_uploads(attachments)
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
            if not normalize_email(email):
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
        # sudo: the citizen may not write their own preferred channel's record.
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
        # sudo: also called by the mail gateway and agents' wizards: the dedup
        # engine searches every citizen, whoever submits.
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
        dedup = self.env["grc.citizen.dedup"].sudo()  # same reason
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
        # sudo: checked by _grc_intake_errors (published, or desk-only for agents).
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
        """Store the citizen's files (screened by the intake) on the request."""
        self.ensure_one()
        if not attachments:
            return self.env["ir.attachment"]
        uploads = self._grc_screen_uploads(attachments)
        # sudo: also called by agents' wizards (letters): the citizen's files are
        # not the agent's, the record only links them.
        files = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": self._grc_clean_text(upload.name) or "file",
                        "raw": upload.data,
                        "mimetype": upload.mimetype,
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                    for upload in uploads
                ]
            )
        )
        self.sudo().grc_citizen_attachment_ids = [  # a readonly field
            Command.link(f.id) for f in files
        ]
        return files

    def _grc_move_intake_attachments(self, attachments):
        """Move files already stored (e.g. a visitor's draft's) to the
        request: the same records, re-pointed, neither read nor copied again."""
        self.ensure_one()
        # sudo: files of records nobody but the superuser reads (a draft's).
        attachments = attachments.sudo()
        attachments.write({"res_model": self._name, "res_id": self.id})
        self.sudo().grc_citizen_attachment_ids = [  # a readonly field
            Command.link(f.id) for f in attachments
        ]
        return attachments
