# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, http
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal


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
            }
        )
        return request.render("grc_citoyen_privacy.portal_my_privacy", values)

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
