# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from odoo.addons.grc_citoyen.models.grc_text import grc_parse_id
from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError, find_or_create

SUBJECT_MAX = 200
DESCRIPTION_MAX = 10000


class GrcReclamationIntake(models.AbstractModel):
    """Every way a complaint comes in (portal form, API...) builds the same
    values and calls ``_submit``: checks, idempotency and attachments live
    here, not in the controllers."""

    _name = "grc.reclamation.intake"
    _description = "Complaint intake"

    @api.model
    def _submit(self, values):
        """Create the complaint described by ``values`` and return it.

        :param dict values: ``partner_id`` (the citizen), ``subject``,
            ``description`` (plain text), ``reason_id``, optional ``ticket_id``
            (one of the citizen's requests), ``channel_id``,
            ``submission_token`` (idempotency key: the same token returns the
            complaint already created) and ``attachments`` (list of
            ``(file name, bytes)``).

        Invalid values raise ``GrcIntakeError`` (per-field messages); files
        follow the upload policy of requests (``helpdesk.ticket``), screened
        once.
        """
        Reclamation = self.env["grc.reclamation"]
        partner = self.env["res.partner"].browse(values.get("partner_id")).exists()
        if not partner:
            raise UserError(self.env._("A complaint needs a citizen."))
        token = (values.get("submission_token") or "").strip()[:64] or False
        vals, errors = self._prepare_values(values, partner)
        uploads = self.env["helpdesk.ticket"]._grc_screen_uploads(
            [upload[:2] for upload in values.get("attachments") or []]
        )
        upload_errors = self._upload_errors(uploads)
        if upload_errors:
            errors["attachments"] = " ".join(upload_errors)
        if errors:
            raise GrcIntakeError(errors)
        vals["submission_token"] = token

        def create():
            reclamation = Reclamation.create(vals)
            if uploads:
                self._attach(reclamation, partner, uploads)
            return reclamation

        if not token:
            return create()
        reclamation, replayed = find_or_create(
            lambda: Reclamation.search([("submission_token", "=", token)], limit=1),
            create,
            "grc_reclamation_submission_token_uniq",
        )
        return self._check_replay(reclamation, partner) if replayed else reclamation

    @api.model
    def _check_replay(self, reclamation, partner):
        if reclamation.partner_id != partner:
            raise UserError(self.env._("This form was already used."))
        return reclamation

    @api.model
    def _prepare_values(self, values, partner):
        """Values of the complaint and the per-field reasons to refuse it."""
        errors = {}
        # No control nor bidirectional characters in a subject (one line).
        subject = self.env["helpdesk.ticket"]._grc_clean_text(
            values.get("subject"), SUBJECT_MAX + 1
        )
        description = (values.get("description") or "").strip()
        if not subject:
            errors["subject"] = self.env._("Give a subject to your complaint.")
        elif len(subject) > SUBJECT_MAX:
            errors["subject"] = self.env._("The subject is too long.")
        if not description:
            errors["description"] = self.env._("Describe your complaint.")
        elif len(description) > DESCRIPTION_MAX:
            errors["description"] = self.env._("The description is too long.")
        reason = self.env["grc.reclamation.reason"].browse(
            grc_parse_id(values.get("reason_id"))
        )
        if not reason.exists() or not reason.active or not reason.is_published:
            errors["reason_id"] = self.env._("Choose the reason of your complaint.")
        vals = {
            "partner_id": partner.id,
            "subject": subject,
            "description": plaintext2html(description),
            "reason_id": reason.id,
            "channel_id": values.get("channel_id")
            or self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
        }
        if values.get("ticket_id"):
            ticket = self.env["helpdesk.ticket"].browse(
                grc_parse_id(values["ticket_id"])
            )
            commercial = partner.commercial_partner_id
            if (
                not ticket.exists()
                or ticket.partner_id.commercial_partner_id != commercial
            ):
                errors["ticket_id"] = self.env._("This request is not one of yours.")
            else:
                vals["ticket_ids"] = [(6, 0, ticket.ids)]
                vals["company_id"] = ticket.company_id.id
        return vals, errors

    @api.model
    def _upload_limits(self):
        """(max bytes per file, max files): the same settings as for requests."""
        return self.env["helpdesk.ticket"]._grc_attachment_limits()

    @api.model
    def _upload_errors(self, uploads):
        """Reasons to refuse the files: the policy of the request form (the
        allow-list read from the content, HEIC included, no macros, the same
        limits), on the complaint form as on its chatter."""
        return self.env["helpdesk.ticket"]._grc_attachment_errors(uploads)

    @api.model
    def _check_uploads(self, attachments):
        """Refuse too many, too big or unexpected files, with a clear message."""
        errors = self._upload_errors(
            self.env["helpdesk.ticket"]._grc_screen_uploads(
                [upload[:2] for upload in attachments]
            )
        )
        if errors:
            raise GrcIntakeError({"attachments": " ".join(errors)})

    @api.model
    def _attach(self, reclamation, partner, uploads):
        """Store the screened files (``GrcUpload``) on the complaint."""
        # Pending files, as a composer makes them: message_post moves them to
        # the complaint and links them to the message. Files already on the
        # complaint would not be linked when the citizen files it themselves
        # (a portal user only links their own pending files).
        records = self.env["ir.attachment"].create(
            [
                {
                    "name": upload.name,
                    "raw": upload.data,
                    "mimetype": upload.mimetype,
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
                for upload in uploads
            ]
        )
        reclamation.message_post(
            body=self.env._("Documents sent with the complaint."),
            author_id=partner.id,
            attachment_ids=records.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
