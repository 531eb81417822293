# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .grc_access_log import listing


class GrcAccessLogMixin(models.AbstractModel):
    """Reads and exports of a model holding citizens' data, logged in
    grc.access.log: opening a form (``web_read``), an RPC ``read`` and an
    export make one entry per record and transaction; lists, kanbans and
    searches do not (``listing``).

    A model using it defines ``_grc_access_log_subjects`` (which of its
    records are logged, and for which citizen and service). It is inherited
    first (``_inherit = ["grc.access.log.mixin", "<model>"]``) so that its
    overrides wrap every other override of the model loaded before it."""

    _name = "grc.access.log.mixin"
    _description = "Reads logged in the access log"

    def _grc_access_log_subjects(self):
        """(model, id, citizen id, service id) of the records of ``self``
        whose reading is logged. None unless the model says otherwise."""
        return []

    @api.model
    def _grc_access_log_extra_fields(self):
        """Fields ``_grc_access_log_subjects`` needs, read in the same query
        as those asked by ``read`` and left out of its answer."""
        return []

    # The log is written at the end of the call: opening a record is a
    # read/write transaction (not sent to a read-only replica).
    def web_read(self, specification):
        result = super().web_read(specification)
        self.env["grc.access.log"]._grc_log_read(self, "read", specification)
        return result

    web_read._readonly = False

    def read(self, fields=None, load="_classic_read"):
        extra = [
            fname
            for fname in (self._grc_access_log_extra_fields() if fields else ())
            if fname not in fields
        ]
        result = super().read(fields and list(fields) + extra, load)
        for values in result if extra else ():
            for fname in extra:
                values.pop(fname, None)
        self.env["grc.access.log"]._grc_log_read(
            self, "read", fields or [name for name in result[:1] and result[0]]
        )
        return result

    read._readonly = False

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        with listing():
            return super().web_search_read(
                domain, specification, offset, limit, order, count_limit
            )

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self.env["grc.access.log"]._grc_log_read(self, "export", fields_to_export)
        return result
