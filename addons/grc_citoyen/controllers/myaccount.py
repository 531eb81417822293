# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk


class GrcCustomerPortalHelpdesk(CustomerPortalHelpdesk):
    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        # Only offer the closing stages the request's life cycle allows now.
        values["closed_stages"] = ticket._grc_portal_close_stages()
        return values
