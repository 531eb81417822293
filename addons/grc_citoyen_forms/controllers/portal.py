# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import http
from odoo.http import request

from odoo.addons.grc_citoyen.controllers.portal import GrcCitizenPortal

from ..tools.checks import format_number


class GrcFormsPortal(GrcCitizenPortal):
    """The démarche's own form on the portal: its questions and supporting
    documents in the online form, the answers and documents on the
    request's page, a refused document replaced by the citizen."""

    # ------------------------------------------------------------------
    # Online form
    # ------------------------------------------------------------------

    def _grc_parse_request_form(self, request_type, post):
        values = super()._grc_parse_request_form(request_type, post)
        # sudo: the form's definition, read for visitors too.
        request_type = request_type.sudo()
        form = request.httprequest.form
        answers, files = {}, {}
        for question in request_type.grc_question_ids:
            name = "q_" + question.key
            if question.kind == "file":
                files[question.key] = self._grc_read_files(name)
            elif question.kind == "multi":
                answers[question.key] = form.getlist(name)
            elif question.kind != "section":
                answers[question.key] = form.get(name) or ""
        values.update(
            form_answers=answers,
            form_files=files,
            form_documents={
                document.id: self._grc_read_files(f"doc_{document.id}")
                for document in request_type.grc_document_ids
            },
        )
        return values

    def _grc_form_qcontext(self, request_type, partner, is_public, form_data=None):
        """What the form's template needs to draw the démarche's questions:
        the definition and the answers to show (sent back, a saved draft's
        given as ``form_data`` by the core, or pre-filled from what the
        authority knows of the signed-in citizen)."""
        # sudo: the form's definition, read for visitors too.
        request_type = request_type.sudo()
        definition = request_type._grc_form_definition()
        form = form_data
        if form is None and request.httprequest.method == "POST":
            form = request.httprequest.form
        posted = form is not None
        kept = {}
        prefill, certified, provider = {}, {}, ""
        if not is_public:
            certified, provider = partner._grc_form_certified()
            if not posted:
                prefill = partner._grc_form_prefill()
        certified_keys = {}
        for question in definition:
            name = "q_" + question["key"]
            if certified.get(question.get("prefill")):
                # Never asked: shown as certified, filed as certified.
                kept[question["key"]] = certified[question["prefill"]]
                certified_keys[question["key"]] = provider
            elif posted:
                kept[question["key"]] = (
                    form.getlist(name)
                    if question["kind"] == "multi"
                    else form.get(name, "")
                )
            elif question.get("prefill"):
                kept[question["key"]] = prefill.get(question["prefill"]) or ""
        return {
            "grc_form": definition,
            "grc_form_groups": self._grc_form_groups(request_type, definition),
            "grc_form_hints": self._grc_form_hints(definition),
            "grc_form_values": kept,
            "grc_form_certified": certified_keys,
            "grc_documents": request_type.grc_document_ids,
        }

    def _grc_form_groups(self, request_type, definition):
        """[(legend, questions)]: one fieldset per section."""
        groups = []
        for question in definition:
            if question["kind"] == "section":
                groups.append((question["label"], question["help"], []))
            else:
                if not groups:
                    groups.append((request.env._("Your démarche"), "", []))
                groups[-1][2].append(question)
        return [group for group in groups if group[2]]

    def _grc_form_hints(self, definition):
        """What the citizen must know to answer well, in words, per key."""
        env = request.env
        labels = {question["key"]: question["label"] for question in definition}
        hints = {}
        for question in definition:
            parts = []
            if question.get("cond_key"):
                value = question["cond_value"]
                if value in ("yes", "no"):
                    value = env._("Yes") if value == "yes" else env._("No")
                parts.append(
                    env._(
                        "Only if you answered “%(value)s” to “%(label)s”.",
                        value=value,
                        label=labels.get(question["cond_key"], ""),
                    )
                )
            if question["kind"] == "number":
                if question.get("min") is not None and question.get("max") is not None:
                    parts.append(
                        env._(
                            "Between %(min)s and %(max)s.",
                            min=format_number(question["min"]),
                            max=format_number(question["max"]),
                        )
                    )
                elif question.get("min") is not None:
                    parts.append(
                        env._("At least %(min)s.", min=format_number(question["min"]))
                    )
                elif question.get("max") is not None:
                    parts.append(
                        env._("At most %(max)s.", max=format_number(question["max"]))
                    )
            elif question["kind"] == "date" and question.get("future"):
                parts.append(env._("A date after today."))
            elif question["kind"] == "siret":
                parts.append(env._("14 digits, on your Kbis or notice of situation."))
            elif question["kind"] == "iban":
                parts.append(env._("As written on your bank details (RIB)."))
            elif question["kind"] == "address":
                parts.append(env._("Number, street, postal code and city."))
            elif question["kind"] == "phone":
                parts.append(env._("For example 06 12 34 56 78."))
            hints[question["key"]] = " ".join(parts)
        return hints

    @http.route()
    def grc_request_form(self, type_id, **post):
        response = super().grc_request_form(type_id, **post)
        # Only the form's page: other addons answer with pages of their own
        # (grc_citoyen_guest's "check your e-mail").
        if getattr(response, "template", None) == "grc_citoyen.portal_request_form":
            qcontext = response.qcontext
            qcontext.update(
                self._grc_form_qcontext(
                    qcontext["request_type"],
                    qcontext["partner"],
                    qcontext["is_public"],
                    qcontext.get("grc_form_data"),
                )
            )
        return response

    @http.route(
        "/demarches/<int:type_id>/apercu",
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def grc_request_form_preview(self, type_id, **kw):
        """The form as citizens will see it, for its administrators, even
        before it is published; it sends nothing."""
        if not request.env.user.has_group("grc_citoyen.group_grc_admin"):
            raise request.not_found()
        request_type = request.env["grc.request.type"].browse(type_id).exists()
        if not request_type:
            raise request.not_found()
        values = {
            "request_type": request_type,
            "errors": {},
            "form": {},
            "idempotency_key": str(uuid.uuid4()),
            "partner": request.env.user.partner_id,
            "is_public": False,
            "grc_preview": True,
        }
        values.update(
            self._grc_form_qcontext(request_type, request.env.user.partner_id, False)
        )
        return request.render("grc_citoyen.portal_request_form", values)

    # ------------------------------------------------------------------
    # The request's page
    # ------------------------------------------------------------------

    def _grc_request_page(self, ticket_sudo, access_token, **kw):
        response = super()._grc_request_page(ticket_sudo, access_token, **kw)
        if getattr(response, "qcontext", None) is not None:
            response.qcontext.update(
                grc_answer_groups=ticket_sudo._grc_answers_by_section(),
                grc_request_documents=ticket_sudo.grc_document_ids,
                document_error=kw.get("document_error"),
                document_sent=kw.get("document_sent"),
            )
        return response

    @http.route(
        "/my/requests/<int:request_id>/documents/<int:document_id>",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def grc_my_request_document(self, request_id, document_id, access_token=None, **kw):
        ticket_sudo = self._grc_check_request(request_id, access_token)
        if not ticket_sudo:
            raise request.not_found()
        error = ticket_sudo._grc_portal_replace_document(
            document_id, self._grc_read_files("document_file")
        )
        if error:
            return self._grc_request_page(
                ticket_sudo,
                access_token,
                document_error=error,
            )
        url = self._grc_request_url(ticket_sudo, access_token)
        separator = "&" if "?" in url else "?"
        return request.redirect(f"{url}{separator}document_sent=1#grc_documents")
