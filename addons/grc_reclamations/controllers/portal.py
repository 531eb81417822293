# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import uuid

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

_logger = logging.getLogger(__name__)

ANSWERED_STATES = ("not_admissible", "answered", "closed")


class ReclamationPortal(CustomerPortal):
    """The citizen's complaints in their online account: list, detail with the
    answer letter, a form to file one, and their opinion on the answer.
    Business rules live in the models (grc.reclamation.intake)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "reclamation_count" in counters:
            Reclamation = request.env["grc.reclamation"]
            values["reclamation_count"] = (
                Reclamation.search_count([]) if Reclamation.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/reclamations", "/my/reclamations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_reclamations(self, page=1, **kw):
        Reclamation = request.env["grc.reclamation"]
        if not Reclamation.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        count = Reclamation.search_count([])
        pager = portal_pager(
            url="/my/reclamations", total=count, page=page, step=self._items_per_page
        )
        reclamations = Reclamation.search(
            [], limit=self._items_per_page, offset=pager["offset"]
        )
        request.session["my_reclamations_history"] = reclamations.ids[:100]
        values.update(
            {
                "reclamations": reclamations,
                "page_name": "reclamation",
                "default_url": "/my/reclamations",
                "pager": pager,
            }
        )
        return request.render("grc_reclamations.portal_my_reclamations", values)

    @http.route(
        ["/my/reclamation/<int:reclamation_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_reclamation(
        self, reclamation_id, access_token=None, report_type=None, download=False, **kw
    ):
        try:
            reclamation_sudo = self._document_check_access(
                "grc.reclamation", reclamation_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if report_type in ("html", "pdf", "text"):
            if reclamation_sudo.state not in ANSWERED_STATES:
                return request.redirect(reclamation_sudo.get_portal_url())
            return self._show_report(
                model=reclamation_sudo,
                report_type=report_type,
                report_ref="grc_reclamations.action_report_reclamation_answer",
                download=download,
            )
        values = {
            "page_name": "reclamation",
            "reclamation": reclamation_sudo,
            "answered": reclamation_sudo.state in ANSWERED_STATES,
            "user": request.env.user,
        }
        values = self._get_page_view_values(
            reclamation_sudo,
            access_token,
            values,
            "my_reclamations_history",
            False,
            **kw,
        )
        return request.render("grc_reclamations.portal_reclamation_page", values)

    @http.route(
        ["/my/reclamation/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_new_reclamation(self, **post):
        """GET shows the form; POST (CSRF-checked by Odoo) files the complaint.
        The form carries a token: submitting it twice gives the same complaint."""
        # The satisfaction survey links here with the request as ``request_id``.
        if post.get("request_id") and not post.get("ticket_id"):
            post["ticket_id"] = post.pop("request_id")
        if request.httprequest.method == "POST":
            try:
                # sudo: citizens may not create complaints; the intake checks the
                # values and files it for their own partner.
                reclamation = (
                    request.env["grc.reclamation"]
                    .sudo()
                    ._grc_submit_reclamation(self._reclamation_values(post))
                )
            except UserError as error:
                return self._render_new_form(post, error=error.args[0])
            return request.redirect(reclamation.get_portal_url())
        return self._render_new_form(post)

    def _reclamation_values(self, post):
        files = request.httprequest.files.getlist("attachments")
        return {
            "partner_id": request.env.user.partner_id.id,
            "subject": post.get("subject"),
            "description": post.get("description"),
            "reason_id": post.get("reason_id"),
            "ticket_id": post.get("ticket_id") or False,
            "submission_token": post.get("submission_token"),
            "attachments": [(f.filename, f.read()) for f in files if f.filename],
        }

    def _render_new_form(self, post, error=None):
        values = self._prepare_portal_layout_values()
        reasons = request.env["grc.reclamation.reason"].search(
            [("is_published", "=", True), ("parent_id", "=", False)]
        )
        # The citizen's own requests only (record rules apply).
        partner = request.env.user.partner_id.commercial_partner_id
        tickets = request.env["helpdesk.ticket"].search(
            [("partner_id", "child_of", partner.id)], order="create_date desc", limit=50
        )
        values.update(
            {
                "page_name": "reclamation_new",
                "reasons": reasons,
                "tickets": tickets,
                "post": post,
                "error": error,
                "submission_token": post.get("submission_token") or uuid.uuid4().hex,
                "upload_limits": request.env["grc.reclamation.intake"]._upload_limits(),
            }
        )
        return request.render("grc_reclamations.portal_reclamation_new", values)

    @http.route(
        ["/my/reclamation/<int:reclamation_id>/satisfaction"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_reclamation_satisfaction(self, reclamation_id, **post):
        try:
            reclamation_sudo = self._document_check_access(
                "grc.reclamation", reclamation_id
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            reclamation_sudo._grc_record_satisfaction(
                post.get("satisfaction"), post.get("feedback")
            )
        except UserError as error:
            # Not answered yet, or no opinion given: nothing to record.
            _logger.debug("Satisfaction not recorded: %s", error)
        return request.redirect(reclamation_sudo.get_portal_url())
