# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.grc_consent import PURPOSE_FIELDS


class GrcPrivacyPortal(CustomerPortal):
    """The citizen's rights on their personal data (RGPD): download them
    (access, portability) and ask for their erasure."""

    def _grc_is_citizen_account(self):
        # Agents' data are handled by the authority as their employer.
        return request.env.user.share

    @http.route("/my/privacy", type="http", auth="user", website=True)
    def grc_my_privacy(self, erasure_sent=None, **kw):
        if not self._grc_is_citizen_account():
            return request.redirect("/my")
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "grc_privacy",
                # Read with the citizen's rights: their own requests only.
                "erasure_requests": request.env["grc.erasure.request"].search(
                    [("partner_id", "=", partner.id)]
                ),
                "erasure_sent": erasure_sent,
                "consents": self._grc_portal_consents(partner),
                "consent_saved": kw.get("consent_saved"),
                "consent_error": kw.get("consent_error"),
            }
        )
        return request.render("grc_citoyen_privacy.portal_my_privacy", values)

    def _grc_portal_consents(self, partner):
        """Each purpose: its text in the citizen's language, its digest (sent
        back with the choice) and the citizen's current choice."""
        Consent = request.env["grc.consent"]
        labels = dict(Consent._fields["purpose"]._description_selection(request.env))
        rows = []
        for purpose, field_name in PURPOSE_FIELDS.items():
            text = Consent._grc_consent_text(purpose)
            rows.append(
                {
                    "purpose": purpose,
                    "label": labels[purpose],
                    "text": text,
                    "digest": Consent._grc_text_digest(text),
                    "accepted": partner[field_name],
                }
            )
        return rows

    @http.route(
        "/my/privacy/consent",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def grc_my_privacy_consent(self, purpose=None, choice=None, digest=None, **kw):
        if not self._grc_is_citizen_account():
            return request.redirect("/my")
        if purpose not in PURPOSE_FIELDS or choice not in ("given", "withdrawn"):
            return request.redirect("/my/privacy")
        # sudo: a citizen may not create consents by RPC; here they record
        # their own choice, on their own partner, with the text they were shown.
        consents = request.env["grc.consent"].sudo()
        try:
            consents._grc_record(
                request.env.user.partner_id,
                purpose,
                choice,
                "portal",
                shown_digest=digest or "",
            )
        except UserError as error:
            return self.grc_my_privacy(consent_error=error.args[0])
        return request.redirect(
            "/my/privacy?consent_saved=1#grc_privacy_consents_title"
        )

    @http.route("/my/privacy/download", type="http", auth="user", website=True)
    def grc_my_privacy_download(self, **kw):
        if not self._grc_is_citizen_account():
            return request.redirect("/my")
        partner = request.env.user.partner_id
        archive = partner._grc_personal_data_archive()
        filename = f"my-data-{fields.Date.to_string(fields.Date.today())}.zip"
        return request.make_response(
            archive,
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Disposition", content_disposition(filename)),
                ("Cache-Control", "no-store"),
            ],
        )

    @http.route(
        "/my/privacy/erasure",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def grc_my_privacy_erasure(self, reason=None, **kw):
        if not self._grc_is_citizen_account():
            return request.redirect("/my")
        request.env["grc.erasure.request"]._grc_portal_request(request.env.user, reason)
        return request.redirect("/my/privacy?erasure_sent=1")


class GrcProcessingRegisterExport(http.Controller):
    @http.route(
        "/grc/privacy/register/<int:company_id>.json",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def grc_processing_register_json(self, company_id, **kw):
        """The GRC's entry in the processing register, as JSON (the access
        is checked by the register: administrators and the DPO)."""
        company = request.env["res.company"].browse(company_id).exists()
        if not company or company not in request.env.user.company_ids:
            raise request.not_found()
        document = request.env["grc.processing.register"]._grc_register_json(company)
        today = fields.Date.to_string(fields.Date.today())
        filename = f"processing-register-{today}.json"
        return request.make_response(
            document,
            headers=[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Disposition", content_disposition(filename)),
                ("Cache-Control", "no-store"),
            ],
        )

    @http.route(
        "/grc/privacy/consents/<int:partner_id>.json",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def grc_consent_proof_json(self, partner_id, **kw):
        """Proof of a citizen's consents, for the GRC administrators (the
        record rules and access rights of grc.consent apply)."""
        if not request.env.user.has_group("grc_citoyen.group_grc_admin"):
            raise request.not_found()
        partner = request.env["res.partner"].browse(partner_id).exists()
        if not partner:
            raise request.not_found()
        consents = request.env["grc.consent"].search([("partner_id", "=", partner.id)])
        document = json.dumps(
            {
                "citizen": partner.display_name,
                "consents": consents._grc_proof(agent_names=True),
            },
            ensure_ascii=False,
            indent=2,
        ).encode()
        return request.make_response(
            document,
            headers=[
                ("Content-Type", "application/json; charset=utf-8"),
                (
                    "Content-Disposition",
                    content_disposition(f"consents-{partner.id}.json"),
                ),
                ("Cache-Control", "no-store"),
            ],
        )


class GrcPrivacyNotice(http.Controller):
    @http.route(
        "/donnees-personnelles", type="http", auth="public", website=True, sitemap=True
    )
    def grc_privacy_notice(self, **kw):
        """The notice of personal data, generated from the processing
        register of the website's company."""
        # sudo: the notice is public; it shows the register's purposes,
        # bases, categories, service names and periods, never a person.
        register = request.env["grc.processing.register"].sudo()
        values = register._grc_register(request.website.company_id)
        return request.render(
            "grc_citoyen_privacy.privacy_notice", {"register": values}
        )
