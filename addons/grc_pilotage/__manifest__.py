# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Steering",
    "summary": "Indicators of citizen relations: dashboards, monthly exports, "
    "digest KPIs and an open-data statistics page",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen", "grc_reclamations", "digest", "website"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/grc_pilotage_security.xml",
        "security/ir.model.access.csv",
        "views/grc_kpi_request_views.xml",
        "views/grc_kpi_interaction_views.xml",
        "views/grc_kpi_monthly_export_views.xml",
        "views/digest_digest_views.xml",
        "views/grc_public_statistics_templates.xml",
        "wizards/grc_kpi_export_wizard_views.xml",
        "views/grc_pilotage_menus.xml",
        "data/ir_cron_data.xml",
        "data/ir_filters_data.xml",
        "data/digest_digest_data.xml",
        "views/grc_kpi_reclamation_views.xml",
        "views/grc_kpi_irritant_views.xml",
        "data/ir_filters_reclamation_data.xml",
    ],
    "development_status": "Beta",
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
