# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""grc_citoyen 18.0.2.0.0: features cut out into addons of their own (a
database keeps every feature it had, see tools/migration.py), and the fields
of helpdesk.ticket that OCA's helpdesk addons also define renamed."""

from odoo.tools import SQL

from odoo.addons.grc_citoyen.tools.migration import (
    move_split_data,
    rename_fields,
    reset_inheriting_views,
)

# Every addon cut out of grc_citoyen: the features a database had.
SPLIT_ADDONS = (
    "grc_citoyen_api",
    "grc_citoyen_hardening",
    "grc_citoyen_location",
    "grc_citoyen_similarity",
    "grc_citoyen_privacy",
    "grc_citoyen_frontdesk",
    "grc_citoyen_sms",
    "grc_citoyen_satisfaction",
    "grc_citoyen_sla_escalation",
    "grc_citoyen_letters",
    "grc_citoyen_accessibility",
    "grc_citoyen_guest",
)
# Fields of helpdesk.ticket whose names OCA's helpdesk addons also define
# (helpdesk_mgmt_sla's sla_deadline, helpdesk_mgmt_fieldservice's Text
# resolution): ours take the grc_ prefix.
RENAMED_FIELDS = (
    ("helpdesk.ticket", "sla_deadline", "grc_sla_deadline"),
    ("helpdesk.ticket", "resolution", "grc_resolution"),
)

# Columns of helpdesk.ticket empty on most requests (dates set later, optional
# links): their indexes now hold the rows that have a value only (Odoo's
# "btree_not_null"), so that filing a request does not write in them. Odoo
# creates an index only when none has its name: the full ones go first.
SPARSE_INDEXES = tuple(
    f"helpdesk_ticket__{column}_index"
    for column in (
        "location_district",
        "first_response_date",
        "resolution_date",
        "closure_date",
        "routing_rule_id",
        "sla_pause_start",
        "ack_registration_date",
        "ack_receipt_date",
        "implicit_decision_date",
        "location_citycode",
        "satisfaction_score",
        "satisfaction_date",
        "satisfaction_resolved",
    )
)


def migrate(cr, version):
    if not version:
        return
    rename_fields(cr, RENAMED_FIELDS)
    for index in SPARSE_INDEXES:
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(index)))
    reset_inheriting_views(cr, "grc_citoyen")
    move_split_data(cr, "grc_citoyen", SPLIT_ADDONS)
