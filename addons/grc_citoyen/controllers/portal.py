# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from urllib.parse import urlencode as url_encode

import psycopg2

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.grc_text import grc_parse_id
from ..tools.intake import GrcIntakeError, is_concurrent_submission

# Citizens' words for the life cycle: open requests are still being handled.
CLOSED_STATES = ("resolved", "closed", "cancelled")
# Where the form of a visitor asked to sign in waits for them.
VISITOR_FORM_KEY = "grc_visitor_form"
REQUEST_FIELDS = (
    "name",
    "description",
    "location_street",
    "location_zip",
    "location_city",
    "location_latitude",
    "location_longitude",
    "preferred_channel",
)


def sitemap_request_types(env, rule, qs):
    """Published démarches in the website's sitemap (search engines)."""
    slug = env["ir.http"]._slug
    for request_type in env["grc.request.type"].search([("is_published", "=", True)]):
        loc = f"/demarches/{slug(request_type)}"
        if not qs or qs.lower() in loc:
            yield {"loc": loc}


class GrcCitizenPortal(CustomerPortal):
    """The citizen portal: catalogue of démarches, online form, "my requests"
    and follow-up without an account. Routes parse the HTTP request and call
    the models, which hold every rule."""

    _grc_requests_per_page = 20

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _grc_published_types(self, domain=None):
        return request.env["grc.request.type"].search(
            [("is_published", "=", True)] + (domain or [])
        )

    def _grc_read_files(self, field_name):
        """Uploaded files as (name, bytes, mimetype); reads at most one byte
        more than allowed, so a huge upload is refused without loading it.
        The files kept for the form (``_grc_kept_files``) come first."""
        max_size, _max_count = request.env["helpdesk.ticket"]._grc_attachment_limits()
        return self._grc_kept_files(field_name) + [
            (upload.filename, upload.read(max_size + 1), upload.mimetype)
            for upload in request.httprequest.files.getlist(field_name)
            if upload.filename
        ]

    def _grc_kept_files(self, field_name):
        """Files of the form's field ``field_name`` stored before it was
        sent (e.g. a saved démarche's, grc_citoyen_draft), as uploads
        ``(name, bytes, mimetype)``: none in the core."""
        return []

    # Hooks of the online form of signed-in citizens, for the addons that
    # keep what they typed (grc_citoyen_draft): each gets the form's values
    # for the template and the posted fields.

    def _grc_form_resume(self, request_type, values, post):
        """Shown (GET): ``values`` updated with what the citizen kept."""
        return values

    def _grc_form_before_submit(self, request_type, values, post):
        """Sent (POST), before the intake: a page to answer instead of
        filing the request (e.g. "Save and continue later"), or False."""
        return False

    def _grc_form_submitted(self, ticket, values, post):
        """Filed as ``ticket``: forget what was kept for the form; return
        ``ticket``."""
        return ticket

    def _grc_parse_request_form(self, request_type, post):
        values = {key: post.get(key) or False for key in REQUEST_FIELDS}
        values.update(
            request_type_id=request_type.id,
            channel="helpdesk_mgmt.helpdesk_ticket_channel_web",
            attachments=self._grc_read_files("attachments"),
            idempotency_key=post.get("idempotency_key") or False,
        )
        if request.env.user._is_public():
            values["citizen"] = {
                "name": post.get("citizen_name"),
                "email": post.get("citizen_email"),
                "phone": post.get("citizen_phone"),
            }
        else:
            partner = request.env.user.partner_id
            values["partner_id"] = partner.id
            values["idempotency_key"] = request.env[
                "helpdesk.ticket"
            ]._grc_portal_idempotency_key(partner, values["idempotency_key"])
        return values

    def _grc_my_requests_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "child_of", partner.ids)]

    def _grc_request_filters(self):
        return {
            "open": {
                "label": request.env._("In progress"),
                "domain": [
                    "|",
                    ("grc_state", "=", False),
                    ("grc_state", "not in", CLOSED_STATES),
                ],
            },
            "closed": {
                "label": request.env._("Closed"),
                "domain": [("grc_state", "in", CLOSED_STATES)],
            },
            "all": {"label": request.env._("All"), "domain": []},
        }

    def _grc_author(self, ticket_sudo):
        """Who writes on the request: the logged-in citizen, or the request's
        citizen when the page was opened with its access token."""
        partner = request.env.user.partner_id
        if not request.env.user._is_public() and (
            partner.commercial_partner_id
            == ticket_sudo.partner_id.commercial_partner_id
            or partner in ticket_sudo.message_partner_ids
        ):
            return partner
        return ticket_sudo.partner_id

    def _grc_submit_citizen_request(self, intake):
        """File a signed-in citizen's form: ``(request, None)``, or
        ``(None, id)`` of its twin, the first of a double click, committed by
        another worker after this request began, which cannot see it: its
        answer now, as a replay's, instead of after Odoo's retry of the whole
        request (a random pause of up to 2 s). The twin did the draft's
        bookkeeping."""
        try:
            return request.env["helpdesk.ticket"]._grc_submit_request(intake), None
        except psycopg2.errors.SerializationFailure as error:
            twin_id = is_concurrent_submission(error) and self._grc_committed_twin(
                request.env, intake
            )
            if not twin_id:
                raise  # Odoo tries the whole request again
            return None, twin_id

    def _grc_committed_twin(self, env, intake):
        """The id of the request filed with the key of ``intake`` by the same
        citizen, read in a new transaction (it was committed after the
        current one began, which cannot see it); None if there is none."""
        with env.registry.cursor() as cr:
            tickets = env(cr=cr)["helpdesk.ticket"]
            company = tickets._grc_intake_company(intake)
            # sudo: the intake's own lookup (the key is scoped to the citizen,
            # whose request it must be).
            ticket = tickets.sudo()._grc_find_by_idempotency_key(
                intake["idempotency_key"], company
            )
            if ticket and tickets._grc_same_citizen(ticket, intake):
                return ticket.id
        return None

    def _grc_request_url(self, ticket_sudo, access_token=None):
        url = f"/my/requests/{ticket_sudo.id}"
        return f"{url}?access_token={access_token}" if access_token else url

    # ------------------------------------------------------------------
    # Catalogue and online form
    # ------------------------------------------------------------------

    @http.route("/demarches", type="http", auth="public", website=True, sitemap=True)
    def grc_catalogue(self, search=None, **kw):
        # The published démarches are a short list: matched in Python, with
        # the tolerance of the citizens' words (accents, hyphens, plurals).
        request_types = self._grc_published_types()
        if search:
            request_types = request_types._grc_catalogue_search(search)
        groups = {}
        for request_type in request_types:
            groups.setdefault(request_type.category_id, []).append(request_type)
        return request.render(
            "grc_citoyen.portal_request_catalogue",
            {
                "search": search or "",
                "groups": sorted(
                    groups.items(), key=lambda item: item[0].complete_name or "~"
                ),
                "request_types": request_types,
            },
        )

    @http.route(
        "/demarches/<string:slug>",
        type="http",
        auth="public",
        website=True,
        sitemap=sitemap_request_types,
    )
    def grc_request_type_page(self, slug, **kw):
        _name, type_id = request.env["ir.http"]._unslug(slug)
        type_id = grc_parse_id(type_id)
        request_type = type_id and self._grc_published_types([("id", "=", type_id)])
        if not request_type:
            raise request.not_found()
        return request.render(
            "grc_citoyen.portal_request_type_page", {"request_type": request_type}
        )

    @http.route(
        "/demarches/<int:type_id>/nouvelle",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=False,
    )
    def grc_request_form(self, type_id, **post):
        request_type = self._grc_published_types([("id", "=", type_id)])
        if not request_type:
            raise request.not_found()
        values = {
            "request_type": request_type,
            "errors": {},
            "form": {},
            "idempotency_key": str(uuid.uuid4()),
            "partner": request.env.user.partner_id,
            "is_public": request.env.user._is_public(),
        }
        if request.httprequest.method != "POST" and not values["is_public"]:
            values.update(self._grc_visitor_form_kept(request_type))
            values = self._grc_form_resume(request_type, values, post)
        if request.httprequest.method == "POST" and not values["is_public"]:
            response = self._grc_form_before_submit(request_type, values, post)
            if response:
                return response
        if request.httprequest.method == "POST":
            values["grc_form_data"] = request.httprequest.form
            intake = self._grc_parse_request_form(request_type, post)
            # The intake's entries (_grc_submit_request, the visitors' check)
            # are the boundary: they switch to the superuser themselves.
            tickets = request.env["helpdesk.ticket"]
            errors = {}
            try:
                if values["is_public"]:
                    # Checked once here; what the visitor's hook files trusts it.
                    tickets._grc_check_visitor_values(intake)
                    return self._grc_visitor_submit(request_type, intake, post)
                ticket, twin_id = self._grc_submit_citizen_request(intake)
                if twin_id:
                    return request.redirect(f"/my/requests/{twin_id}?submitted=1")
                self._grc_form_submitted(ticket, values, post)
                return request.redirect(self._grc_request_url(ticket) + "?submitted=1")
            except GrcIntakeError as error:
                errors = error.errors
            except ValidationError as error:
                # Not about a field (a form key already used by someone
                # else): the form gets a fresh key.
                errors = {"general": str(error)}
                post = dict(post, idempotency_key=False)
            except UserError as error:
                errors = {"general": str(error)}
            values.update(
                errors=errors,
                form=post,
                idempotency_key=post.get("idempotency_key")
                or values["idempotency_key"],
            )
        return request.render("grc_citoyen.portal_request_form", values)

    def _grc_visitor_submit(self, request_type, intake, post):
        """Answer the valid form of a visitor who is not signed in.

        ``intake`` was parsed from ``post`` and checked
        (``helpdesk.ticket._grc_check_visitor_values``). Return the page to
        show; ``GrcIntakeError``, ``ValidationError`` and ``UserError`` raised
        here are shown on the form. By default the visitor is asked to sign
        in (or create an account) and comes back to the form; an addon filing
        visitors' requests (e.g. after an e-mail confirmation) overrides it.
        """
        # What they typed waits in their session until they have signed in:
        # the form comes back filled (files are to be chosen again).
        request.session[VISITOR_FORM_KEY] = {
            "type_id": request_type.id,
            "form": {
                key: post[key]
                for key in REQUEST_FIELDS + ("preferred_channel",)
                if isinstance(post.get(key), str) and post[key]
            },
        }
        return request.redirect(
            "/web/login?" + url_encode({"redirect": self._grc_form_path(request_type)})
        )

    def _grc_visitor_form_kept(self, request_type):
        """The form a visitor sent before signing in, once: values for the
        form's template, or nothing."""
        kept = request.session.pop(VISITOR_FORM_KEY, None)
        if not kept or kept.get("type_id") != request_type.id:
            return {}
        return {"form": kept.get("form") or {}, "form_kept": True}

    def _grc_form_path(self, request_type):
        return f"/demarches/{request_type.id}/nouvelle"

    # ------------------------------------------------------------------
    # My requests
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "grc_request_count" in counters:
            tickets = request.env["helpdesk.ticket"]
            values["grc_request_count"] = (
                tickets.search_count(self._grc_my_requests_domain())
                if tickets.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/requests", "/my/requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def grc_my_requests(self, page=1, filterby="open", **kw):
        tickets = request.env["helpdesk.ticket"]
        if not tickets.has_access("read"):
            return request.redirect("/my")
        filters = self._grc_request_filters()
        if filterby not in filters:
            filterby = "open"
        domain = self._grc_my_requests_domain() + filters[filterby]["domain"]
        pager = portal_pager(
            url="/my/requests",
            url_args={"filterby": filterby},
            total=tickets.search_count(domain),
            page=page,
            step=self._grc_requests_per_page,
        )
        tickets = tickets.search(
            domain,
            order="received_date desc, id desc",
            limit=self._grc_requests_per_page,
            offset=pager["offset"],
        )
        request.session["my_requests_history"] = tickets.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "tickets": tickets.sudo(),  # read through the rules above
                "page_name": "grc_request",
                "pager": pager,
                "default_url": "/my/requests",
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("grc_citoyen.portal_my_requests", values)

    def _grc_request_page(self, ticket_sudo, access_token, **kw):
        values = {
            "page_name": "grc_request",
            "grc_ticket": ticket_sudo,
            "timeline": ticket_sudo._grc_portal_timeline(),
            "attachments": ticket_sudo._grc_portal_attachments(),
            "can_cancel": ticket_sudo._grc_portal_can_cancel(),
            "can_reopen": ticket_sudo._grc_portal_can_reopen(),
            "submitted": kw.get("submitted"),
            "message_error": kw.get("message_error"),
            "action_error": kw.get("action_error"),
            "message_sent": kw.get("message_sent"),
            "message_body": kw.get("message_body") or "",
            "max_upload_mb": round(
                ticket_sudo._grc_attachment_limits()[0] / 1024 / 1024, 1
            ),
            "max_upload_count": ticket_sudo._grc_attachment_limits()[1],
        }
        values = self._get_page_view_values(
            ticket_sudo, access_token, values, "my_requests_history", False, **kw
        )
        return request.render("grc_citoyen.portal_my_request", values)

    def _grc_check_request(self, request_id, access_token):
        try:
            return self._document_check_access(
                "helpdesk.ticket", request_id, access_token=access_token
            )
        except (AccessError, MissingError):
            # Same answer whether the request exists or not.
            return None

    @http.route(
        "/my/requests/<int:request_id>", type="http", auth="public", website=True
    )
    def grc_my_request(self, request_id, access_token=None, **kw):
        ticket_sudo = self._grc_check_request(request_id, access_token)
        if not ticket_sudo:
            raise request.not_found()
        return self._grc_request_page(ticket_sudo, access_token, **kw)

    @http.route(
        "/my/requests/<int:request_id>/message",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def grc_my_request_message(self, request_id, access_token=None, body=None, **kw):
        ticket_sudo = self._grc_check_request(request_id, access_token)
        if not ticket_sudo:
            raise request.not_found()
        try:
            ticket_sudo._grc_portal_post_message(
                self._grc_author(ticket_sudo),
                body,
                self._grc_read_files("attachments"),
            )
        except (UserError, ValidationError) as error:
            return self._grc_request_page(
                ticket_sudo, access_token, message_error=str(error), message_body=body
            )
        url = self._grc_request_url(ticket_sudo, access_token)
        separator = "&" if "?" in url else "?"
        return request.redirect(f"{url}{separator}message_sent=1#grc_timeline")

    def _grc_request_action(self, request_id, access_token, method_name):
        ticket_sudo = self._grc_check_request(request_id, access_token)
        if not ticket_sudo:
            raise request.not_found()
        try:
            getattr(ticket_sudo, method_name)()
        except (UserError, ValidationError) as error:
            return self._grc_request_page(
                ticket_sudo, access_token, action_error=str(error)
            )
        return request.redirect(self._grc_request_url(ticket_sudo, access_token))

    @http.route(
        "/my/requests/<int:request_id>/cancel",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def grc_my_request_cancel(self, request_id, access_token=None, **kw):
        return self._grc_request_action(request_id, access_token, "_grc_portal_cancel")

    @http.route(
        "/my/requests/<int:request_id>/reopen",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def grc_my_request_reopen(self, request_id, access_token=None, **kw):
        return self._grc_request_action(request_id, access_token, "_grc_portal_reopen")

    # ------------------------------------------------------------------
    # Follow-up without an account
    # ------------------------------------------------------------------

    @http.route(
        "/suivi",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=True,
    )
    def grc_tracking(self, reference=None, email=None, **kw):
        values = {"reference": reference or "", "email": email or "", "error": False}
        if request.httprequest.method == "POST":
            # sudo: a visitor may not write failures; they are counted in the
            # database, per hashed client address, so that every worker slows
            # the same guesser down.
            failures = request.env["grc.tracking.failure"].sudo()
            client = request.httprequest.remote_addr
            if failures._grc_is_blocked(client):
                values["error"] = "blocked"
            else:
                # sudo: a visitor reads no request; reference and e-mail
                # together are the proof that lets them follow this one.
                tickets = request.env["helpdesk.ticket"].sudo()
                ticket = tickets._grc_find_for_tracking(reference, email)
                if ticket:
                    values.update(ticket._grc_tracking_values())
                else:
                    failures._grc_register(client)
                    values["error"] = "not_found"
        response = request.render("grc_citoyen.portal_request_tracking", values)
        if request.httprequest.method == "POST":
            # The answer holds the citizen's request: never kept by a cache.
            response.headers["Cache-Control"] = "no-store"
        return response
