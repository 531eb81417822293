# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

MAX_ID = 2**31 - 1
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class GrcFormsExport(http.Controller):
    @http.route(
        "/demarches/<int:type_id>/reponses.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
        sitemap=False,
    )
    def grc_form_answers_xlsx(self, type_id, **kw):
        """The answers to a démarche's form, for the services' agents: built
        for the download, never stored (it holds citizens' answers)."""
        # Nothing is told to whoever may not export, not even what exists.
        if not request.env.user.has_group("grc_citoyen.group_grc_agent"):
            raise request.not_found()
        request_type = request.env["grc.request.type"]
        if type_id <= MAX_ID:
            request_type = request_type.browse(type_id).exists()
        if not request_type:
            raise request.not_found()
        try:
            content = request.env["grc.form.export"]._grc_xlsx(request_type)
        except AccessError:
            raise request.not_found() from None
        filename = request.env._(
            "answers-%(code)s.xlsx", code=request_type.code or type_id
        )
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(filename)),
                ("Cache-Control", "no-store"),
            ],
        )
