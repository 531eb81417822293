# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Duplicate requests and observed delays",
    "summary": 'Similar requests, "I am affected too" on the portal, merge of '
    "duplicate requests, delays observed per request type",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen"],
    "data": [
        "security/ir.model.access.csv",
        "security/grc_request_merge_security.xml",
        "data/grc_request_similarity_data.xml",
        "data/grc_request_similarity_mail_template.xml",
        "data/ir_cron_delay.xml",
        "views/helpdesk_ticket_similarity_views.xml",
        "views/grc_request_type_delay_views.xml",
        "views/res_config_settings_delay_views.xml",
        "views/grc_request_similarity_templates.xml",
        "views/grc_request_type_delay_templates.xml",
        "wizards/grc_request_merge_views.xml",
    ],
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
