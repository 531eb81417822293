# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import ReclamationCommon


class TestReclamationSatisfactionLink(ReclamationCommon):
    """A dissatisfied citizen is offered the complaint form of this addon."""

    def test_low_score_leads_to_the_complaint_form(self):
        """The request's complaint link opens the form about that request."""
        request = self._create_request()
        url = request._grc_complaint_url()
        self.assertIn(f"/my/reclamation/new?request_id={request.id}", url)
