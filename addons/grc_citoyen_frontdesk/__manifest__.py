# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Front desk and mandates",
    "summary": "Front-desk and phone console, requests filed by a representative "
    "under the citizen's mandate, and the register of letters received by post",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen", "grc_citoyen_draft"],
    "data": [
        "security/ir.model.access.csv",
        "security/grc_frontdesk_security.xml",
        "security/grc_frontdesk_completion_security.xml",
        "security/grc_phone_call_security.xml",
        "data/grc_mandate_mail_template_data.xml",
        "data/ir_cron_mandate.xml",
        "views/grc_mandate_views.xml",
        "views/grc_mandate_templates.xml",
        "views/grc_frontdesk_console_views.xml",
        "wizards/grc_letter_register_views.xml",
        "views/grc_frontdesk_completion_views.xml",
        "report/report_grc_request_receipt.xml",
        "views/grc_phone_call_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "grc_citoyen_frontdesk/static/src/views/*.js",
        ],
        "web.assets_tests": [
            "grc_citoyen_frontdesk/static/tests/tours/*.js",
        ],
    },
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
