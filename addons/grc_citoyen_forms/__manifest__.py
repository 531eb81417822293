# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Forms of démarches",
    "summary": "Each démarche its own form: questions, conditions and "
    "supporting documents configured by the authority, checked on every "
    "channel, answers kept as filed",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen"],
    "external_dependencies": {"python": ["phonenumbers", "xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "security/grc_citoyen_forms_security.xml",
        "views/grc_request_type_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/portal_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "grc_citoyen_forms/static/src/js/grc_form_conditions.js",
        ],
        "web.assets_tests": [
            "grc_citoyen_forms/static/tests/tours/*.js",
        ],
    },
    "development_status": "Beta",
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
