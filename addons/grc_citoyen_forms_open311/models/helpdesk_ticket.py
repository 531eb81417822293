# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    @api.model
    def _grc_open311_attribute_values(self, request_type, attributes):
        """The posted attributes as the answers of the démarche's form,
        checked by the intake with the portal's rules and messages."""
        # sudo: the form's definition, read for the client filing the request.
        definition = request_type.sudo()._grc_form_snapshot()[0]
        if not definition:
            return super()._grc_open311_attribute_values(request_type, attributes)
        kinds = {question["key"]: question["kind"] for question in definition}
        answers = {
            code: values if kinds.get(code) == "multi" else (values[:1] or [""])[0]
            for code, values in attributes.items()
        }
        return self._grc_api_form_values(request_type.id, answers, {}, [])
