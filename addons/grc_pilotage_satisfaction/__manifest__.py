# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Steering of satisfaction",
    "summary": "Citizens' satisfaction with their requests in the steering views: "
    "scores, response rate, satisfied and dissatisfied shares, comments",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_pilotage", "grc_citoyen_satisfaction"],
    "data": [
        "security/grc_pilotage_satisfaction_security.xml",
        "security/ir.model.access.csv",
        "views/grc_kpi_satisfaction_views.xml",
    ],
    "development_status": "Beta",
    # A bridge: installed with both addons, nothing to choose.
    "auto_install": True,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
