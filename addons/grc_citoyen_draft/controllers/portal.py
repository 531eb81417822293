# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.datastructures import MultiDict

from odoo import fields, http
from odoo.http import request

from odoo.addons.grc_citoyen.controllers.portal import GrcCitizenPortal
from odoo.addons.grc_citoyen.models.grc_text import grc_parse_id


class GrcDraftPortal(GrcCitizenPortal):
    """ "My drafts": the démarches a signed-in citizen saved to finish
    later, on any device; the form saves itself while they type."""

    # ------------------------------------------------------------------
    # The online form (hooks of grc_citoyen's form)
    # ------------------------------------------------------------------

    def _grc_sent_draft(self):
        """The citizen's draft the form being sent continues, if any."""
        draft_id = request.env.context.get("grc_citizen_draft_id")
        return draft_id and request.env["grc.citizen.draft"].browse(draft_id)

    def _grc_own_draft(self, draft_id, request_type=None):
        """The signed-in citizen's draft ``draft_id`` (record rules: their
        own only), or an empty recordset; same answer whether it exists."""
        drafts = request.env["grc.citizen.draft"]
        draft_id = grc_parse_id(draft_id)
        if request.env.user._is_public() or not draft_id:
            return drafts
        draft = drafts.search([("id", "=", draft_id)], limit=1)
        if request_type is not None and draft.request_type_id != request_type:
            return drafts
        return draft

    def _grc_kept_files(self, field_name):
        """When the citizen sends a saved draft, its files of that field
        come first (every addon's file fields alike)."""
        draft = self._grc_sent_draft()
        files = draft._grc_files(field_name) if draft else []
        return files + super()._grc_kept_files(field_name)

    def _grc_form_resume(self, request_type, values, post):
        values = super()._grc_form_resume(request_type, values, post)
        draft = self._grc_own_draft(post.get("draft"), request_type)
        if post.get("draft") and not draft:
            raise request.not_found()
        if draft:
            values.update(
                grc_draft=draft,
                form=draft._grc_form_values(),
                grc_form_data=MultiDict(
                    [(k, v) for k, vs in draft.form_data.items() for v in vs]
                ),
                idempotency_key=draft.idempotency_key,
            )
        return values

    def _grc_form_before_submit(self, request_type, values, post):
        response = super()._grc_form_before_submit(request_type, values, post)
        if response:
            return response
        # Gone (sent from another device, expired): the form is sent as
        # typed; the same key finds the request sent already.
        draft = self._grc_own_draft(post.get("grc_draft_id"), request_type)
        if draft:
            draft._grc_drop_files(request.httprequest.form.getlist("grc_draft_drop"))
        if post.get("grc_save_draft"):
            return self._grc_save_draft(request_type, draft, values, post)
        if draft:
            request.update_context(grc_citizen_draft_id=draft.id)
            values["grc_draft"] = draft
        return False

    def _grc_form_submitted(self, ticket, values, post):
        ticket = super()._grc_form_submitted(ticket, values, post)
        draft = values.get("grc_draft")
        if draft:
            draft._grc_done(ticket)
        request.env["grc.citizen.draft"]._grc_forget_sent(
            values["partner"], post.get("idempotency_key"), ticket
        )
        return ticket

    def _grc_save_draft(self, request_type, draft, values, post):
        """ "Save and continue later": what was typed and the files chosen
        are kept, unchecked, in the citizen's draft."""
        items = [
            (key, value)
            for key, value in request.httprequest.form.items(multi=True)
            if key != "grc_draft_drop"
        ]
        files = {key: self._grc_read_files(key) for key in request.httprequest.files}
        draft, refused = request.env["grc.citizen.draft"]._grc_save(
            request.env.user.partner_id,
            request_type,
            items,
            files,
            draft,
            key=post.get("idempotency_key"),
        )
        if refused:
            values.update(
                grc_draft=draft,
                form=draft._grc_form_values(),
                grc_form_data=request.httprequest.form,
                idempotency_key=draft.idempotency_key,
                errors={
                    "general": request.env._(
                        "Your draft is saved, but not these files: %(files)s",
                        files=" ".join(refused),
                    )
                },
            )
            return request.render("grc_citoyen.portal_request_form", values)
        return request.redirect(f"/my/drafts?saved={draft.id}")

    # ------------------------------------------------------------------
    # My drafts
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "grc_draft_count" in counters:
            drafts = request.env["grc.citizen.draft"]
            values["grc_draft_count"] = (
                drafts.search_count([]) if drafts.has_access("read") else 0
            )
        return values

    @http.route("/my/drafts", type="http", auth="user", website=True)
    def grc_my_drafts(self, saved=None, deleted=None, **kw):
        drafts = request.env["grc.citizen.draft"]
        if not drafts.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # Record rules: the citizen's own drafts only.
                "drafts": drafts.search([]),
                "page_name": "grc_draft",
                "saved_draft": self._grc_own_draft(saved),
                "deleted": deleted,
            }
        )
        return request.render("grc_citoyen_draft.portal_my_drafts", values)

    @http.route(
        "/my/drafts/<int:draft_id>/delete",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def grc_my_draft_delete(self, draft_id, **kw):
        draft = self._grc_own_draft(draft_id)
        if not draft:
            raise request.not_found()
        # sudo: the citizen's own draft (rules above); its files go with it.
        draft.sudo().unlink()
        return request.redirect("/my/drafts?deleted=1")

    @http.route(
        "/demarches/<int:type_id>/brouillon",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def grc_request_autosave(self, type_id, **post):
        """The form saves itself while the citizen types (texts only: files
        are kept when they click "Save and continue later")."""
        request_type = self._grc_published_types([("id", "=", type_id)])
        if not request_type or request.env.user._is_public():
            raise request.not_found()
        drafts = request.env["grc.citizen.draft"]
        partner = request.env.user.partner_id
        key = post.get("idempotency_key")
        draft = self._grc_own_draft(post.get("grc_draft_id"), request_type)
        if (post.get("grc_draft_id") and not draft) or drafts._grc_was_sent(
            partner, key
        ):
            # Sent or forgotten meanwhile: nothing to save any more.
            return request.make_json_response({"draft_id": False})
        items = [
            (key, value)
            for key, value in request.httprequest.form.items(multi=True)
            if key != "grc_draft_drop"
        ]
        draft, _refused = drafts._grc_save(
            partner, request_type, items, {}, draft, key=key
        )
        saved_at = fields.Datetime.context_timestamp(draft, draft.write_date)
        return request.make_json_response(
            {"draft_id": draft.id, "saved_at": saved_at.strftime("%H:%M")}
        )
