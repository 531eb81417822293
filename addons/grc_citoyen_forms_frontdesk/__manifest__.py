# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Forms of démarches: front desk",
    "summary": "The démarche's form inside the front-desk console: the agent "
    "answers the questions for the citizen and adds the documents they bring, "
    "checked by the same rules as the portal",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen_forms", "grc_citoyen_frontdesk"],
    "data": [
        "security/ir.model.access.csv",
        "security/grc_citoyen_forms_frontdesk_security.xml",
        "views/grc_frontdesk_console_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "grc_citoyen_forms_frontdesk/static/src/js/grc_form_properties_field.js",
        ],
        "web.assets_tests": [
            "grc_citoyen_forms_frontdesk/static/tests/tours/*.js",
        ],
    },
    "development_status": "Beta",
    # A bridge: installed with both addons, nothing to choose.
    "auto_install": True,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
