# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from odoo.addons.grc_citoyen_satisfaction.models.helpdesk_ticket import (
    SATISFACTION_SURVEY,
)


class ReportGrcRequestLetter(models.AbstractModel):
    """Closure letters carry the satisfaction survey on paper."""

    _inherit = "report.grc_citoyen_letters.report_grc_request_letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        values = super()._get_report_values(docids, data=data)
        values["satisfaction_questions"] = self._grc_paper_questions()
        return values

    @api.model
    def _grc_paper_questions(self):
        """Questions of the satisfaction survey, printed on closure letters."""
        survey = self.env.ref(SATISFACTION_SURVEY, raise_if_not_found=False)
        if not survey:
            return self.env["survey.question"]
        # sudo: agents printing the letter may not read surveys; only questions print.
        return survey.sudo().question_ids
