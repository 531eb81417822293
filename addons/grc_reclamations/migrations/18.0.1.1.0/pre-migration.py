# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The personal data of complaints (retention, erasure, download) left for
the bridge grc_reclamations_privacy: a database that had them keeps them."""

from odoo.addons.grc_citoyen.tools.migration import (
    move_split_data,
    reset_inheriting_views,
)


def migrate(cr, version):
    if not version:
        return
    reset_inheriting_views(cr, "grc_reclamations")
    move_split_data(cr, "grc_reclamations", ("grc_reclamations_privacy",))
