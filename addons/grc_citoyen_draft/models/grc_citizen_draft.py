# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# What the form posts besides the citizen's answers: never kept in a draft.
NOT_KEPT = ("csrf_token", "idempotency_key", "grc_draft_id", "grc_save_draft")
# The fields of the core's form that are values of the intake.
INTAKE_FIELDS = (
    "name",
    "description",
    "location_street",
    "location_zip",
    "location_city",
    "location_latitude",
    "location_longitude",
    "preferred_channel",
)
# Values kept per field of the form, and their size: a draft is not a store.
MAX_VALUES = 200
MAX_VALUE_LENGTH = 10000


class GrcCitizenDraft(models.Model):
    """A démarche a signed-in citizen started and saved to finish later,
    on another device or with an agent at the front desk.

    The draft keeps what the form posted, field by field (``form_data``:
    name -> list of texts), and its files (``ir.attachment`` whose
    description is the name of the form's field), so that every addon's
    fields (the démarche's own questions of ``grc_citoyen_forms`` among
    them) come back without the core knowing them. Nothing is checked
    before the citizen sends it: it becomes a request through the one
    intake, which checks everything.
    """

    _name = "grc.citizen.draft"
    _description = "Saved démarche of a citizen"
    _order = "write_date desc, id desc"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Citizen",
        required=True,
        index=True,
        ondelete="cascade",
    )
    request_type_id = fields.Many2one(
        comodel_name="grc.request.type",
        string="Démarche",
        required=True,
        ondelete="cascade",
    )
    team_id = fields.Many2one(
        related="request_type_id.team_id", store=True, string="Service"
    )
    is_confidential = fields.Boolean(
        related="request_type_id.is_confidential", store=True, index=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    name = fields.Char(string="Subject")
    form_data = fields.Json(string="Answers typed")
    summary = fields.Text(
        string="What was typed", compute="_compute_summary", readonly=True
    )
    attachment_ids = fields.One2many(
        comodel_name="ir.attachment",
        inverse_name="res_id",
        domain=[("res_model", "=", "grc.citizen.draft")],
        string="Files",
    )
    idempotency_key = fields.Char(
        required=True,
        copy=False,
        default=lambda self: str(uuid.uuid4()),
        help="The form's key, kept with the draft: sent from two devices, "
        "the démarche files one request.",
    )
    channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel",
        string="Started on",
        help="Where the citizen started the démarche.",
    )
    expiration_date = fields.Datetime(
        string="Kept until", required=True, index=True, readonly=True
    )
    reminder_sent = fields.Boolean(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------

    @api.model
    def _grc_retention_days(self):
        """(days a draft is kept after its last save, days before the end
        the citizen is reminded)."""
        # sudo: settings, read for citizens' drafts too.
        params = self.env["ir.config_parameter"].sudo()
        days = int(params.get_param("grc_citoyen.citizen_draft_days", 30))
        reminder = int(params.get_param("grc_citoyen.citizen_draft_reminder_days", 7))
        return max(days, 1), max(min(reminder, days - 1), 0)

    @api.model
    def _grc_new_expiration(self):
        return fields.Datetime.now() + timedelta(days=self._grc_retention_days()[0])

    # ------------------------------------------------------------------
    # What was typed
    # ------------------------------------------------------------------

    @api.depends("form_data")
    def _compute_summary(self):
        for draft in self:
            draft.summary = "\n".join(
                f"{key}: {', '.join(values)}"
                for key, values in (draft.form_data or {}).items()
                if any(values)
            )

    @api.model
    def _grc_clean_form(self, items):
        """The form's (name, value) pairs as kept: texts only, bounded."""
        data = {}
        count = 0
        for key, value in items:
            if key in NOT_KEPT or not isinstance(value, str) or count >= MAX_VALUES:
                continue
            data.setdefault(key[:100], []).append(value[:MAX_VALUE_LENGTH])
            count += 1
        return data

    def _grc_form_values(self):
        """The form as it was typed, flat (one value per field, the list of
        values for a field posted several times): what the form's template
        shows."""
        self.ensure_one()
        return {
            key: values[0] if len(values) == 1 else values
            for key, values in (self.form_data or {}).items()
        }

    def _grc_saved_files(self):
        """The draft's files, for whoever may read the draft (citizens may
        not read attachments themselves)."""
        self.ensure_one()
        self.check_access("read")
        # sudo: the draft's own files, its access checked just above.
        return self.sudo().attachment_ids

    def _grc_files(self, field_name):
        """The draft's files of one field of the form, as uploads
        ``(name, bytes, mimetype)`` for the intake."""
        return [
            (attachment.name, attachment.raw, attachment.mimetype)
            for attachment in self._grc_saved_files()
            if (attachment.description or "") == field_name
        ]

    def _grc_intake_values(self):
        """The draft as values of the one intake, for whoever sends it on
        the citizen's behalf (an agent at the front desk): the same key as
        the citizen's own form, so that it is filed once whoever sends it.
        Addons add the values of their own fields of the form."""
        self.ensure_one()
        form = self._grc_form_values()
        values = {
            key: form[key]
            for key in INTAKE_FIELDS
            if isinstance(form.get(key), str) and form[key]
        }
        values.update(
            request_type_id=self.request_type_id.id,
            partner_id=self.partner_id.id,
            company_id=self.company_id.id,
            channel=self.channel_id.id,
            attachments=self._grc_files("attachments"),
            idempotency_key=self.env["helpdesk.ticket"]._grc_portal_idempotency_key(
                self.partner_id, self.idempotency_key
            ),
        )
        return values

    # ------------------------------------------------------------------
    # Saving
    # ------------------------------------------------------------------

    @api.model
    def _grc_save(self, partner, request_type, items, files=None, draft=None, key=None):
        """Save the form of ``partner``: a new draft, or ``draft`` updated.

        ``items``: the form's (name, value) pairs; ``files``: {field name:
        [(name, bytes, mimetype)]}, added to the draft's files once they
        pass the upload policy. Return ``(draft, refused)``: the messages of
        the files refused (the rest is saved all the same).
        """
        if draft and (
            draft.partner_id.commercial_partner_id != partner.commercial_partner_id
            or draft.request_type_id != request_type
        ):
            raise UserError(self.env._("This draft is not yours."))
        values = {
            "form_data": self._grc_clean_form(items),
            "expiration_date": self._grc_new_expiration(),
            "reminder_sent": False,
        }
        tickets = self.env["helpdesk.ticket"]
        values["name"] = (
            tickets._grc_clean_text((values["form_data"].get("name") or [""])[0])
            or request_type.name
        )
        if draft:
            draft.write(values)
        else:
            if key:
                # The form's own key: the draft and the request it becomes
                # are one submission (see _grc_forget_sent).
                values["idempotency_key"] = key[:100]
            values.update(
                partner_id=partner.id,
                request_type_id=request_type.id,
                company_id=request_type.company_id.id or self.env.company.id,
                channel_id=self.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_web",
                    raise_if_not_found=False,
                ).id,
            )
            draft = self.create(values)
        return draft, draft._grc_add_files(files or {})

    def _grc_add_files(self, files):
        """Store the uploads that pass the policy; return the refusals."""
        self.ensure_one()
        tickets = self.env["helpdesk.ticket"]
        _max_size, max_count = tickets._grc_attachment_limits()
        refused, to_create = [], []
        for field_name, uploads in files.items():
            for upload in tickets._grc_screen_uploads(uploads):
                if upload.error:
                    refused.append(upload.error)
                    continue
                to_create.append(
                    {
                        "name": tickets._grc_clean_text(upload.name) or "file",
                        "raw": upload.data,
                        "mimetype": upload.mimetype,
                        "description": field_name,
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                )
        room = max(max_count * 4 - len(self._grc_saved_files()), 0)
        if len(to_create) > room:
            refused.append(
                self.env._(
                    "A draft keeps at most %(count)s files.", count=max_count * 4
                )
            )
            to_create = to_create[:room]
        if to_create:
            # sudo: files screened above, on a draft the caller may write;
            # citizens may not create attachments themselves.
            self.env["ir.attachment"].sudo().create(to_create)
        return refused

    def _grc_drop_files(self, attachment_ids):
        """Forget files of the draft the citizen removed."""
        self.ensure_one()
        ids = {int(i) for i in attachment_ids if str(i).isdigit()}
        self.check_access("write")
        # Citizens may not unlink attachments: the draft's own, access checked.
        self._grc_saved_files().filtered(lambda a: a.id in ids).unlink()

    @api.model
    def _grc_forget_sent(self, partner, key, ticket):
        """The form of ``key`` was sent as ``ticket``: a draft the form saved
        by itself meanwhile (autosave) is not left behind."""
        if key:
            self.search(
                [("partner_id", "=", partner.id), ("idempotency_key", "=", key)]
            )._grc_done(ticket)

    @api.model
    def _grc_was_sent(self, partner, key):
        """Whether the form of ``key`` became a request already."""
        tickets = self.env["helpdesk.ticket"]
        scoped = tickets._grc_portal_idempotency_key(partner, key)
        # sudo: the citizen's own submission, found by its scoped key.
        return bool(
            scoped
            and tickets.sudo().search_count(
                [("grc_idempotency_key", "=", scoped)], limit=1
            )
        )

    def _grc_done(self, ticket):
        """The draft became ``ticket``: it is forgotten (its files went
        with the request)."""
        _logger.info("Draft %s filed as request %s", self.ids, ticket.ids)
        # sudo: whoever filed it (citizen, agent) may not delete files.
        self.sudo().unlink()

    # ------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------

    @api.model
    def _cron_grc_citizen_drafts(self):
        """Remind citizens of drafts about to be forgotten, then forget the
        expired ones (RGPD: data minimisation)."""
        # sudo: the cron handles every citizen's drafts.
        drafts = self.sudo()
        now = fields.Datetime.now()
        _days, reminder_days = self._grc_retention_days()
        if reminder_days:
            to_remind = drafts.search(
                [
                    ("reminder_sent", "=", False),
                    ("expiration_date", ">", now),
                    ("expiration_date", "<=", now + timedelta(days=reminder_days)),
                ]
            )
            template = self.env.ref(
                "grc_citoyen_draft.mail_template_grc_citizen_draft_reminder",
                raise_if_not_found=False,
            )
            for draft in to_remind.filtered("partner_id.email"):
                if template:
                    template.send_mail(draft.id)
            to_remind.reminder_sent = True
        expired = drafts.search([("expiration_date", "<=", now)])
        _logger.info("Forgetting %s expired drafts of citizens", len(expired))
        expired.unlink()

    def _grc_portal_url(self):
        self.ensure_one()
        return f"/demarches/{self.request_type_id.id}/nouvelle?draft={self.id}"
