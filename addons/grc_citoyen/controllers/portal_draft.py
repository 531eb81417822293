# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, http
from odoo.http import request

from .portal import GrcCitizenPortal


class GrcDraftPortal(GrcCitizenPortal):
    """ "My drafts": the démarches a signed-in citizen saved to finish
    later, on any device; the form saves itself while they type."""

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
        return request.render("grc_citoyen.portal_my_drafts", values)

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
