# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Personal data (RGPD)",
    "summary": "Retention periods and anonymisation of requests, contacts and "
    "citizens, erasure requests, and the citizen's data download",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen"],
    "data": [
        "security/grc_privacy_groups.xml",
        "security/ir.model.access.csv",
        "security/grc_retention_security.xml",
        "data/ir_cron_retention.xml",
        "data/ir_sequence_elimination.xml",
        "views/grc_request_type_views.xml",
        "views/grc_retention_views.xml",
        "views/grc_elimination_list_views.xml",
        "views/grc_privacy_templates.xml",
        "views/grc_processing_register_report.xml",
        "views/grc_consent_record_views.xml",
        "views/grc_consent_views.xml",
        "views/grc_privacy_notice.xml",
    ],
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
