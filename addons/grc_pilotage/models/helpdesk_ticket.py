# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

# Resolved or closed: the states whose requests count as closed.
DONE_STATES = ("resolved", "closed")


class HelpdeskTicket(models.Model):
    """When a request was closed, stored: the steering views count the
    requests closed during a period (the digest, the workbook) on it, read
    through an index instead of working it out for every request."""

    _inherit = "helpdesk.ticket"

    grc_done_date = fields.Datetime(
        string="Closed on (steering)",
        compute="_compute_grc_done_date",
        store=True,
        index="btree_not_null",
        copy=False,
        help="When the request was resolved (or closed without a resolution "
        "date) if it is resolved or closed today; empty otherwise.",
    )

    @api.model
    def _grc_precomputed_fields(self):
        # Written with the row of a new request, not by an UPDATE after it.
        return super()._grc_precomputed_fields() + ["grc_done_date"]

    @api.depends(
        "grc_state", "closed", "resolution_date", "closure_date", "closed_date"
    )
    def _compute_grc_done_date(self):
        for ticket in self:
            done = (
                ticket.closed
                if not ticket.grc_state
                else ticket.grc_state in DONE_STATES
            )
            ticket.grc_done_date = done and (
                ticket.resolution_date or ticket.closure_date or ticket.closed_date
            )

    def _auto_init(self):
        # A large database gets the column filled by one UPDATE, not by the
        # ORM recomputing every request at install.
        if not column_exists(self.env.cr, self._table, "grc_done_date"):
            create_column(self.env.cr, self._table, "grc_done_date", "timestamp")
            self.env.cr.execute(
                SQL(
                    """UPDATE helpdesk_ticket
                          SET grc_done_date = COALESCE(
                              resolution_date, closure_date, closed_date)
                        WHERE CASE WHEN grc_state IS NULL THEN closed IS TRUE
                              ELSE grc_state IN %s END""",
                    DONE_STATES,
                )
            )
        return super()._auto_init()
