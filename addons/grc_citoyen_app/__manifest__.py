# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Citizen's mobile app",
    "summary": "The citizen portal as an installable app (PWA): photo, position "
    "and map on the report form, reports kept offline, public map of reports",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    # grc_citoyen_location: districts and the Base Adresse Nationale client,
    # reused for the address of a pin on the map.
    # grc_citoyen_similarity: "I am affected too" from the public map.
    "depends": ["grc_citoyen", "grc_citoyen_location", "grc_citoyen_similarity"],
    "data": [
        "data/ir_config_parameter_data.xml",
        "views/res_company_app_views.xml",
        "views/res_config_settings_app_views.xml",
        "views/grc_request_type_app_views.xml",
        "views/helpdesk_ticket_app_views.xml",
        "views/res_partner_app_views.xml",
        "views/grc_app_templates.xml",
        "views/grc_report_form_templates.xml",
        "views/grc_public_map_templates.xml",
        "views/grc_push_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "grc_citoyen_app/static/src/js/grc_app_install.js",
            "grc_citoyen_app/static/src/js/grc_photo.js",
            "grc_citoyen_app/static/src/js/grc_map.js",
            "grc_citoyen_app/static/src/js/grc_app_queue.js",
            "grc_citoyen_app/static/src/js/grc_report_form.js",
            "grc_citoyen_app/static/src/js/grc_public_map.js",
            "grc_citoyen_app/static/src/js/grc_app_push.js",
            "grc_citoyen_app/static/src/scss/grc_app.scss",
        ],
        "web.assets_tests": [
            "grc_citoyen_app/static/tests/tours/*.js",
        ],
    },
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
