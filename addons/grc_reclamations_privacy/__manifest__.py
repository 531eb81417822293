# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Complaints: personal data",
    "summary": "Retention, erasure and download of the personal data of complaints",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_reclamations", "grc_citoyen_privacy"],
    "data": [
        "data/res_partner_data.xml",
        "views/grc_reclamation_views.xml",
        "views/grc_retention_log_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "development_status": "Beta",
    # A bridge: installed with both addons, nothing to choose.
    "auto_install": True,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
