# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""grc_citoyen 18.0.3.0.0: more features cut out into addons of their own; a
database keeps every feature it had, its records and their data (the saved
démarches of citizens stay in their table), see tools/migration.py."""

from odoo.addons.grc_citoyen.tools.migration import (
    move_split_data,
    reset_inheriting_views,
)

SPLIT_ADDONS = (
    "grc_citoyen_draft",
    "grc_citoyen_mail_retry",
    "grc_citoyen_timeline",
    "grc_citoyen_routing_test",
)
# Records of other addons that moved to a bridge of theirs with a feature cut
# out above (the complaints officers' rule on the citizen timeline).
SPLIT_BRIDGES = (("grc_reclamations", ("grc_reclamations_timeline",)),)


def migrate(cr, version):
    if not version:
        return
    reset_inheriting_views(cr, "grc_citoyen")
    move_split_data(cr, "grc_citoyen", SPLIT_ADDONS)
    for source, bridges in SPLIT_BRIDGES:
        move_split_data(cr, source, bridges)
