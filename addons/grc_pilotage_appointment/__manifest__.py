# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Steering of appointments",
    "summary": "Appointments, no-shows and call-backs in the steering views: "
    "booked, honoured, no-show, cancelled and no-show rate per service, month "
    "and channel",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_pilotage", "grc_citoyen_appointment"],
    "data": [
        "security/grc_pilotage_appointment_security.xml",
        "security/ir.model.access.csv",
        "views/grc_kpi_appointment_views.xml",
    ],
    "development_status": "Beta",
    # A bridge: installed with both addons, nothing to choose.
    "auto_install": True,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
